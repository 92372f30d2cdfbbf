import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What we know about one failed attempt, whatever shape the HTTP helper threw it in. */
export interface AttemptFailure {
	/** HTTP status, absent when no response arrived. */
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	/** Network error code (ECONNRESET, ETIMEDOUT, ECONNREFUSED...) when no response arrived. */
	networkCode?: string;
	message: string;
	/** n8n could not refresh the OAuth token (Lever answered invalid_grant): only a reconnect helps. */
	refreshRefused?: boolean;
}

const NETWORK_CODES = ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT'];

/**
 * n8n wraps the HTTP client's error in a NodeApiError whose `cause` is the original (Axios) error;
 * read status, headers and Lever's body from whichever layer has them.
 */
export function describeFailure(error: unknown): AttemptFailure {
	const layers: IDataObject[] = [];
	let current = error as IDataObject | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		layers.push(current);
		current = (current.cause ?? current.reason) as IDataObject | undefined;
	}
	let status: number | undefined;
	let headers: Record<string, string> = {};
	let body: unknown;
	let networkCode: string | undefined;
	let refreshRefused = false;
	for (const layer of layers) {
		if (isRefreshRefusal(layer)) refreshRefused = true;
		const response = layer.response as IDataObject | undefined;
		if (response && typeof response === 'object' && status === undefined) {
			const code = Number(response.status ?? response.statusCode);
			if (Number.isFinite(code) && code > 0) status = code;
			headers = lowerCaseHeaders(response.headers as IDataObject | undefined);
			body = response.data ?? response.body;
		}
		const code = layer.code;
		if (!networkCode && typeof code === 'string' && NETWORK_CODES.includes(code)) networkCode = code;
	}
	if (status === undefined && !networkCode) {
		const text = layers.map((layer) => String(layer.message ?? '')).join(' ');
		const found = NETWORK_CODES.find((code) => text.includes(code)) ?? (/socket hang up/i.test(text) ? 'ECONNRESET' : undefined);
		networkCode = found;
		if (!found) {
			const httpCode = Number((error as IDataObject)?.httpCode);
			if (Number.isFinite(httpCode) && httpCode > 0) status = httpCode;
		}
	}
	const message = String((layers[layers.length - 1] ?? {}).message ?? (error as Error)?.message ?? 'Unknown error');
	return { status, headers, body: parseBody(body), networkCode, message, ...(refreshRefused ? { refreshRefused } : {}) };
}

/**
 * A refused token refresh, as n8n reports it: n8n 2.x throws its own "needs to be reconnected" error
 * (failure cause `credential-invalid`); older versions pass on the OAuth client's error, whose body is the
 * auth server's `{error: "invalid_grant"}`; n8n 1.123 keeps only that error's message, the OAuth client's
 * fixed text for invalid_grant (RFC 6749's description of the error).
 */
const INVALID_GRANT_TEXT = /authorization grant .*or refresh token is invalid, expired, revoked/i;

function isRefreshRefusal(layer: IDataObject): boolean {
	if ((layer.failure as IDataObject | undefined)?.cause === 'credential-invalid') return true;
	if (typeof layer.message === 'string' && /credential .* needs to be reconnected/i.test(layer.message)) return true;
	if (typeof layer.message === 'string' && INVALID_GRANT_TEXT.test(layer.message)) return true;
	const body = layer.body as IDataObject | undefined;
	return layer.code === 'EAUTH' && typeof body === 'object' && body !== null && body.error === 'invalid_grant';
}

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers) return result;
	const entries = typeof (headers as { toJSON?: () => IDataObject }).toJSON === 'function'
		? Object.entries((headers as unknown as { toJSON: () => IDataObject }).toJSON())
		: Object.entries(headers);
	for (const [key, value] of entries) result[key.toLowerCase()] = String(value);
	return result;
}

function parseBody(body: unknown): unknown {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'object' && typeof (body as { byteLength?: number }).byteLength === 'number') {
		body = String(body);
	}
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return undefined;
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return body;
}

/** Context that makes a Lever error actionable: which endpoint, which ids. */
export interface ErrorContext {
	method: string;
	/** Path template, e.g. `/opportunities/{opportunity}/notes`. */
	endpoint: string;
	/** Filled ids by placeholder name, for "which id" hints. */
	ids?: Record<string, string>;
	itemIndex?: number;
	attempts?: number;
}

const STATUS_HINTS: Record<number, (context: ErrorContext, leverMessage: string) => string> = {
	400: (_context, leverMessage) => {
		const field = /at \/([\w./]+)/.exec(leverMessage)?.[1] ?? /parameter:?\s+(\w+)/i.exec(leverMessage)?.[1];
		return field
			? `Lever rejected the value of "${field}". Check that field against Lever's rules and try again.`
			: 'Lever rejected a parameter of this request. Check the fields of this operation.';
	},
	401: () =>
		'The API key or OAuth token was refused: it is wrong, revoked or expired, or belongs to another environment (Production, Sandbox, EU). Check the credential.',
	403: (context) =>
		`The credential lacks permission for ${context.method} ${context.endpoint}. For an API key, a Super Admin allows this endpoint under Settings > Integrations and API > API Credentials (confidential data needs a key created with confidential access). For OAuth, pick a scope set in the credential that includes this endpoint's scope (it must also be registered for your Lever app) and reconnect.`,
	404: (context) => {
		const ids = Object.entries(context.ids ?? {});
		return ids.length
			? `Lever has no record for ${ids.map(([name, id]) => `${name} "${id}"`).join(', ')} (or the path does not exist). Check the ID and the credential's environment.`
			: `Lever does not know ${context.method} ${context.endpoint}. Check the path and the credential's environment.`;
	},
	422: () => 'Lever could not process this file, so it has nothing to download.',
	429: (context) =>
		`Lever kept answering "too many requests" after ${context.attempts ?? 1} attempt(s). Lower the request rate in the node's options or retry later.`,
	500: () => 'Lever had an internal error. Retry later; if it persists, contact Lever support.',
	502: () => 'Lever (or a proxy in front of it) was unreachable. Retry later.',
	503: () => 'Lever is in maintenance or overloaded. Retry later.',
	504: () => 'Lever took too long to answer. Retry later.',
};

/** A write whose answer was lost (5xx, or the connection dropped after sending) may still have happened. */
function mayHaveActed(context: ErrorContext, failure: AttemptFailure): boolean {
	if (context.method === 'GET') return false;
	if (failure.status === undefined) return failure.networkCode !== 'ECONNREFUSED';
	return failure.status >= 500;
}

/**
 * Lever's own `{code, message}` becomes a NodeApiError with a hint on what to fix. The error is built from
 * plain data only, never from the HTTP client's error, which carries the request's Authorization.
 */
export function leverApiError(node: INode, failure: AttemptFailure, context: ErrorContext, secrets: string[]): NodeApiError {
	if (failure.refreshRefused) return reconnectError(node, context);
	const body = failure.body as IDataObject | string | undefined;
	const leverCode = typeof body === 'object' && body ? String(body.code ?? '') : '';
	const leverMessage =
		typeof body === 'object' && body && body.message !== undefined
			? String(body.message)
			: typeof body === 'string' && body.length < 500
				? body
				: '';
	const status = failure.status;
	const hint = [
		status !== undefined
			? STATUS_HINTS[status]?.(context, leverMessage)
			: "Check the network and the credential's environment (or Custom Base URL), then retry.",
		mayHaveActed(context, failure)
			? `Lever may have carried out this ${context.method} before the answer was lost: check in Lever before running it again, so nothing is done twice.`
			: undefined,
	]
		.filter(Boolean)
		.join(' ');
	const summary = status
		? `Lever ${context.method} ${context.endpoint} failed with ${status}${leverCode ? ` ${leverCode}` : ''}`
		: `Lever ${context.method} ${context.endpoint} could not be reached (${failure.networkCode ?? failure.message}) after ${context.attempts ?? 1} attempt(s)`;
	const message = redact(leverMessage || summary, secrets);
	// n8n rewrites some messages into its own words (network failures, 502...), so the description always
	// says which request failed and how.
	const description = redact([summary, hint].filter(Boolean).join('. '), secrets);
	const errorData: JsonObject = {
		message,
		description,
		...(status !== undefined ? { httpCode: String(status) } : {}),
		...(leverCode ? { code: leverCode } : {}),
	};
	const error = new NodeApiError(node, errorData, {
		message,
		description,
		httpCode: status !== undefined ? String(status) : undefined,
		itemIndex: context.itemIndex,
	});
	// NodeApiError drops the description for errors without an HTTP status; keep ours.
	error.description = description;
	return error;
}

/** Lever would not refresh the OAuth token (expired or revoked refresh token): say what fixes it. */
function reconnectError(node: INode, context: ErrorContext): NodeApiError {
	const message = 'Lever refused to refresh the OAuth token: reconnect the credential';
	const description = `Lever's refresh tokens expire after one year, or after 90 days without use, and end when the app's access is revoked. Open the Lever OAuth2 credential and click Reconnect (a Lever Super Admin approves the app again if asked); then run the workflow again. The request that needed the token was ${context.method} ${context.endpoint}.`;
	const error = new NodeApiError(node, { message, description, httpCode: '401' }, { message, description, httpCode: '401', itemIndex: context.itemIndex });
	error.description = description;
	return error;
}

/** Removes credential material from any text that may reach the user or a log. */
export function redact(text: string, secrets: string[]): string {
	let result = text
		.replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[\w\-.~+/=]+/gi, '$1$2 [redacted]')
		.replace(/\b(basic|bearer)\s+(?!\[redacted\])[A-Za-z0-9\-._~+/]{8,}=*/gi, '$1 [redacted]')
		// OAuth access tokens are JWTs: hidden by shape too, whichever refresh issued them.
		.replace(/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]+/g, '[redacted]');
	// Longest first, so a secret that contains another is removed whole.
	for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length)) {
		if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
	}
	return result;
}
