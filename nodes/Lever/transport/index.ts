import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { UserError, NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import { resolveBaseUrl } from './environments';
import type { AttemptFailure } from './errors';
import { describeFailure, leverApiError } from './errors';
import { buildUrl } from './query';
import type { RateLimitSettings } from './rateLimiter';
import { LEVER_APPLY_RATE_LIMIT, LEVER_RATE_LIMIT, bucketFor } from './rateLimiter';
import { MAX_SCOPES } from '../../../credentials/scopes';

export type LeverContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface RetrySettings {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** Give up when the next wait would pass this many ms since the first attempt. */
	maxTotalMs: number;
	/** First backoff; doubles per attempt, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 6, maxTotalMs: 120_000, baseDelayMs: 500, maxDelayMs: 20_000 };

export interface TransportSettings {
	rateLimit?: RateLimitSettings | false;
	retry?: Partial<RetrySettings>;
}

export interface MultipartPart {
	name: string;
	value?: string;
	data?: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface LeverRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Path under the base URL with ids filled in (encode them with encodeId). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Sent as multipart/form-data instead of JSON (file uploads). */
	multipart?: MultipartPart[];
	/** Set by leverApiDownload: return the raw bytes and headers. */
	download?: boolean;
	/** Set by leverApiPage: return the JSON body with the response headers. */
	withHeaders?: boolean;
	/** Values Lever accepts for `expand` here; others are refused before the request. */
	expandAllowed?: string[];
	/**
	 * Whether repeating the request is harmless. GETs are; writes default to not, so after a 5xx or a
	 * dropped connection (when Lever may have acted) they are not retried — only after 429 or a refused
	 * connection, which prove the request took no effect.
	 */
	idempotent?: boolean;
	/** Also wait for the apply limiter (2 per second per site; opt-in, see posting apply). */
	rateLimit?: 'apply';
	/** Path template and ids for error hints, e.g. `/opportunities/{opportunity}`. */
	endpoint?: string;
	ids?: Record<string, string>;
	itemIndex?: number;
	settings?: TransportSettings;
	/** Give up on one attempt after this many ms (n8n's default otherwise). */
	timeoutMs?: number;
}

export interface LeverDownload {
	body: Buffer;
	headers: Record<string, string>;
}

interface LeverJsonWithHeaders {
	json: IDataObject;
	headers: Record<string, string>;
}

/** One page of a listing, with Lever's clock at the time it answered. */
export interface LeverPage {
	records: IDataObject[];
	/** Offset token of the next page; undefined on the last page. */
	next?: string;
	/** Lever's clock (ms) from the response's `Date` header, whole seconds; undefined if it sent none. */
	date?: number;
}

interface CredentialInfo {
	type: string;
	baseUrl: string;
	bucketKey: string;
	secrets: string[];
	/** The account's limit as set on the credential (Lever may grant some accounts more). */
	rateLimit: RateLimitSettings;
}

/** Tokens of Lever's burst kept in reserve (see credentialInfo). */
export const BURST_RESERVE = 2;

const credentialCache = new WeakMap<object, Promise<CredentialInfo>>();

/** The claims of a JWT access token (Lever's carry the account and client ids); {} when it is not one. */
function jwtClaims(token: unknown): IDataObject {
	const payload = typeof token === 'string' ? token.split('.')[1] : undefined;
	if (!payload) return {};
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
		return claims && typeof claims === 'object' ? (claims as IDataObject) : {};
	} catch {
		return {};
	}
}

/**
 * Who Lever counts requests against: the API key, or the OAuth client and the account that authorised
 * it. Never the n8n credential's id — two credentials holding the same key share Lever's limit — and never
 * the secret itself: the bucket key is a SHA-256 of it.
 */
export function leverIdentity(type: string, data: IDataObject, baseUrl: string): string {
	let identity: string;
	if (type === 'leverAtsOAuth2Api') {
		const token = (data.oauthTokenData as IDataObject | undefined)?.access_token;
		const claims = jwtClaims(token);
		const account = claims['https://oauth.lever.co/accountId'];
		const client = data.clientId ?? claims['https://oauth.lever.co/clientId'] ?? '';
		// Without an account claim, fall back on the client: one shared, more cautious budget.
		identity = `oauth\n${String(client)}\n${account === undefined ? '' : String(account)}`;
	} else {
		identity = `key\n${String(data.apiKey ?? '')}`;
	}
	return createHash('sha256').update(`${baseUrl}\n${identity}`).digest('hex');
}

/**
 * Path segments are ids typed by users or sent in a delivery: encode them so they cannot change the path.
 * Empty, `.` and `..` would still change it (`/opportunities/..` is the list endpoint), so they are refused.
 */
export function encodeId(id: string): string {
	const segment = String(id ?? '').trim();
	if (segment === '' || segment === '.' || segment === '..') {
		throw new UserError(`"${segment}" is not an ID: an ID cannot be empty, "." or ".."`);
	}
	return encodeURIComponent(segment);
}

export function credentialTypeOf(ctx: LeverContext): string {
	const authentication = ctx.getNode().parameters?.authentication;
	return authentication === 'oAuth2' ? 'leverAtsOAuth2Api' : 'leverAtsApi';
}

/** Credential fields whose names say token or key but whose values are public (and common words). */
const PUBLIC_CREDENTIAL_FIELD = /type|url|scope|expires|audience|environment|preset/i;

function collectSecrets(data: IDataObject): string[] {
	const secrets: string[] = [];
	const visit = (value: unknown, key: string) => {
		if (typeof value === 'string') {
			if (/key|token|secret|password/i.test(key) && !PUBLIC_CREDENTIAL_FIELD.test(key)) secrets.push(value);
		} else if (value && typeof value === 'object') {
			for (const [childKey, child] of Object.entries(value as IDataObject)) visit(child, childKey);
		}
	};
	visit(data, '');
	return secrets;
}

/**
 * The secrets to hide from an error: those read at the start, plus the credential as it is now, because
 * n8n may have refreshed the OAuth token (and Lever rotated the refresh token) since.
 */
async function currentSecrets(ctx: LeverContext, credential: CredentialInfo): Promise<string[]> {
	try {
		return [...credential.secrets, ...collectSecrets((await ctx.getCredentials(credential.type)) as IDataObject)];
	} catch {
		return credential.secrets;
	}
}

/** Lever registers an OAuth app with at most MAX_SCOPES scopes; a larger Custom set cannot be right. */
function checkScopeCount(ctx: LeverContext, data: IDataObject) {
	const scopes = Array.isArray(data.scopes) ? data.scopes : [];
	if (data.scopePreset === 'custom' && scopes.length > MAX_SCOPES) {
		throw new NodeOperationError(ctx.getNode(), `Credential > Custom Scopes: ${scopes.length} scopes chosen, but a Lever app is registered with at most ${MAX_SCOPES}`, {
			description: `Open the Lever OAuth2 credential, keep at most ${MAX_SCOPES} scopes (exactly those registered for your Lever app, or pick one of the scope sets) and reconnect it`,
		});
	}
}

async function credentialInfo(ctx: LeverContext): Promise<CredentialInfo> {
	let pending = credentialCache.get(ctx);
	if (!pending) {
		pending = (async () => {
			const type = credentialTypeOf(ctx);
			const data = (await ctx.getCredentials(type)) as IDataObject;
			if (type === 'leverAtsOAuth2Api') checkScopeCount(ctx, data);
			let baseUrl: string;
			try {
				baseUrl = resolveBaseUrl(data as { environment?: string; customBaseUrl?: string });
			} catch (error) {
				throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
					description: 'Open the Lever credential and fix its environment or Custom Base URL',
				});
			}
			const perSecond = Number(data.requestsPerSecond ?? LEVER_RATE_LIMIT.perSecond);
			const burst = Number(data.burst ?? LEVER_RATE_LIMIT.burst);
			const account = perSecond > 0 && burst >= 1 ? { perSecond, burst: Math.floor(burst) } : LEVER_RATE_LIMIT;
			// Leave a little of Lever's bucket unused: requests leave here in step with its refill but reach
			// Lever with network jitter, and a bucket run exactly to zero then trips the odd 429.
			const rateLimit = { perSecond: account.perSecond, burst: Math.max(1, account.burst - BURST_RESERVE) };
			return { type, baseUrl, bucketKey: leverIdentity(type, data, baseUrl), secrets: collectSecrets(data), rateLimit };
		})();
		credentialCache.set(ctx, pending);
		pending.catch(() => credentialCache.delete(ctx));
	}
	return await pending;
}

/** The Data API base URL of the node's credential, e.g. `https://api.lever.co/v1`. */
export async function leverBaseUrl(ctx: LeverContext): Promise<string> {
	return (await credentialInfo(ctx)).baseUrl;
}

function cancelSignal(ctx: LeverContext): AbortSignal | undefined {
	const candidate = ctx as Partial<IExecuteFunctions>;
	return typeof candidate.getExecutionCancelSignal === 'function' ? candidate.getExecutionCancelSignal() : undefined;
}

function checkExpand(ctx: LeverContext, request: LeverRequest) {
	const requested = request.qs?.expand;
	if (requested === undefined || !request.expandAllowed) return;
	const values = (Array.isArray(requested) ? requested : [requested]).map(String);
	const unknown = values.filter((value) => !request.expandAllowed!.includes(value));
	if (unknown.length) {
		throw new NodeOperationError(ctx.getNode(), `Expand: ${unknown.join(', ')} cannot be expanded on ${request.endpoint ?? request.path}`, {
			itemIndex: request.itemIndex,
			description: `Lever allows: ${request.expandAllowed.join(', ') || 'nothing'} here`,
		});
	}
}

/** Part headers come from user data (file names, MIME types of binaries): a CR or LF would start a new header. */
function headerSafe(value: string): string {
	return String(value).replace(/[\r\n]+/g, ' ');
}

function multipartBody(parts: MultipartPart[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nLever${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const quotedName = headerSafe(part.name).replace(/"/g, '%22');
		if (part.data) {
			const fileName = headerSafe(part.fileName ?? 'file').replace(/"/g, '%22');
			const mimeType = headerSafe(part.mimeType ?? '').trim() || 'application/octet-stream';
			chunks.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${quotedName}"; filename="${fileName}"\r\nContent-Type: ${mimeType}\r\n\r\n`,
				),
				part.data,
				Buffer.from('\r\n'),
			);
		} else {
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quotedName}"\r\n\r\n${part.value ?? ''}\r\n`));
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function isRetryable(failure: AttemptFailure, idempotent: boolean): boolean {
	if (failure.status === 429) return true; // refused by the rate limiter: nothing happened
	if (failure.status === undefined && failure.networkCode === 'ECONNREFUSED') return true; // never sent
	if (!idempotent) return false;
	if (failure.status !== undefined) return [500, 502, 503, 504].includes(failure.status);
	return failure.networkCode !== undefined;
}

function retryAfterMs(headers: Record<string, string>): number | undefined {
	const value = headers['retry-after'];
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number, retry: RetrySettings): number {
	const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * The one way this package talks to Lever: credential and base URL, rate limit, retries with backoff,
 * and Lever's errors turned into NodeApiError. Returns the parsed JSON body (the envelope), or the bytes
 * for downloads.
 */
export async function leverApiRequest(this: LeverContext, request: LeverRequest): Promise<IDataObject> {
	return (await send.call(this, { ...request, download: false, withHeaders: false })) as IDataObject;
}

/** Downloads a file, resume or offer document: its bytes and response headers. */
export async function leverApiDownload(this: LeverContext, request: LeverRequest): Promise<LeverDownload> {
	return (await send.call(this, { ...request, download: true })) as LeverDownload;
}

function parseJson(response: unknown): IDataObject {
	if (typeof response === 'string') {
		if (response.trim() === '') return {};
		try {
			return JSON.parse(response) as IDataObject;
		} catch {
			return { data: response };
		}
	}
	return (response ?? {}) as IDataObject;
}

function lowerCaseHeaders(raw: IDataObject | undefined): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw ?? {})) headers[key.toLowerCase()] = String(value);
	return headers;
}

async function send(this: LeverContext, request: LeverRequest): Promise<IDataObject | LeverDownload | LeverJsonWithHeaders> {
	checkExpand(this, request);
	const credential = await credentialInfo(this);
	const retry = { ...DEFAULT_RETRY, ...request.settings?.retry };
	const rateLimit = request.settings?.rateLimit ?? credential.rateLimit;
	const bucket = rateLimit ? bucketFor(credential.bucketKey, rateLimit) : undefined;
	const applyBucket = request.rateLimit === 'apply' ? bucketFor(`${credential.bucketKey}:apply`, LEVER_APPLY_RATE_LIMIT) : undefined;
	const idempotent = request.idempotent ?? request.method === 'GET';
	const signal = cancelSignal(this);
	const context = {
		method: request.method,
		endpoint: request.endpoint ?? request.path,
		ids: request.ids,
		itemIndex: request.itemIndex,
	};

	const options: IHttpRequestOptions = {
		method: request.method,
		url: buildUrl(credential.baseUrl, request.path, request.qs),
		headers: { accept: request.download ? '*/*' : 'application/json' },
		json: !request.download,
	};
	if (request.multipart) {
		const { body, contentType } = multipartBody(request.multipart);
		options.body = body;
		options.json = false;
		options.headers!['content-type'] = contentType;
	} else if (request.body !== undefined) {
		options.body = request.body;
	}
	if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
	if (request.download) options.encoding = 'arraybuffer';
	if (request.download || request.withHeaders) options.returnFullResponse = true;

	const startedAt = Date.now();
	for (let attempt = 1; ; attempt++) {
		const sentAt = bucket ? await bucket.take(signal) : 0;
		const applySentAt = applyBucket ? await applyBucket.take(signal) : 0;
		try {
			const response = await this.helpers.httpRequestWithAuthentication.call(this, credential.type, { ...options });
			if (request.download) {
				const full = response as { body: ArrayBuffer | Buffer; headers: IDataObject };
				return { body: Buffer.from(full.body as ArrayBuffer), headers: lowerCaseHeaders(full.headers) };
			}
			if (request.withHeaders) {
				const full = response as { body: unknown; headers: IDataObject };
				return { json: parseJson(full.body), headers: lowerCaseHeaders(full.headers) };
			}
			return parseJson(response);
		} catch (error) {
			const failure = describeFailure(error);
			const waited = Date.now() - startedAt;
			const retryAfter = retryAfterMs(failure.headers);
			const rateLimited = failure.status === 429;
			// A 429 slows this process's bucket down (and pauses it for Retry-After): the retry then waits its
			// turn there. Only a request refused again also backs off on its own.
			const paced = rateLimited && bucket !== undefined;
			const delay = retryAfter ?? (paced && attempt === 1 ? 0 : backoffMs(paced ? attempt - 1 : attempt, retry));
			const canRetry =
				isRetryable(failure, idempotent) && attempt < retry.maxAttempts && waited + delay <= retry.maxTotalMs && !signal?.aborted;
			if (rateLimited) {
				bucket?.rateLimited(sentAt, retryAfter);
				applyBucket?.rateLimited(applySentAt, retryAfter);
			}
			if (!canRetry) {
				throw leverApiError(this.getNode(), failure, { ...context, attempts: attempt }, await currentSecrets(this, credential));
			}
			// With the bucket paused for Retry-After, its queue does the waiting.
			if (delay > 0 && !(paced && retryAfter !== undefined)) await sleep(delay, signal);
		}
	}
}

/**
 * The records of a list response. Lever wraps lists as `{data: [...], hasNext, next}`, but its documentation
 * shows some (List all files) as a bare JSON array: both are read, so neither comes out as an empty list.
 */
export function listRecords(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	const data = (response as IDataObject | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

export interface PageOptions {
	/** Stop after this many records (undefined = all). */
	limit?: number;
	/** `cursor`: limit/offset paging; `unpaged`: Lever rejects paging params here, send none. */
	paging?: 'cursor' | 'unpaged';
	/** Records per page, 1-100 (Lever's maximum and default is 100). */
	pageSize?: number;
}

/** Empty pages in a row, each with a new `next` token, after which a listing stops with an error. */
export const MAX_EMPTY_PAGES = 25;

/**
 * Walks a Lever listing page by page (`{data, hasNext, next}`, or one bare array), yielding each page's records. Asks for
 * exactly what is still needed, so a Limit never fetches a spare page. Offset tokens live only inside
 * one walk. A listing that cannot be followed to its end stops with an error rather than return part of
 * it as if it were all: a token that does not advance, `hasNext` without a token, or a long run of empty
 * pages.
 */
export async function* leverApiPages(this: LeverContext, request: LeverRequest, pageOptions: PageOptions = {}): AsyncGenerator<IDataObject[]> {
	const paged = (pageOptions.paging ?? 'cursor') === 'cursor';
	const pageSize = Math.min(100, Math.max(1, pageOptions.pageSize ?? 100));
	let remaining = pageOptions.limit ?? Number.POSITIVE_INFINITY;
	if (remaining <= 0) return;
	const seenTokens = new Set<string>();
	let offset: string | undefined;
	let emptyPages = 0;
	const stop = (message: string, description: string) =>
		new NodeApiError(this.getNode(), { message } as never, {
			message: `Lever's pagination of ${request.endpoint ?? request.path} ${message}`,
			description,
			itemIndex: request.itemIndex,
		});
	for (;;) {
		const qs: IDataObject = { ...request.qs };
		if (paged) {
			qs.limit = Math.min(pageSize, remaining);
			if (offset !== undefined) qs.offset = offset;
		}
		const envelope = await leverApiRequest.call(this, { ...request, qs });
		const records = listRecords(envelope);
		const page = records.slice(0, Number.isFinite(remaining) ? remaining : undefined);
		if (page.length) yield page;
		remaining -= page.length;
		emptyPages = page.length ? 0 : emptyPages + 1;
		const next = envelope.next;
		if (!paged || remaining <= 0 || envelope.hasNext !== true) return;
		if (typeof next !== 'string' || next === '') {
			throw stop(
				'said there are more records but gave no next token',
				'The listing stopped here rather than return part of it as if it were all. Retry; if it persists, narrow the filters or report it to Lever support.',
			);
		}
		if (seenTokens.has(next) || next === offset) {
			throw stop(
				'did not advance',
				'The same offset token came back twice, so the listing stopped rather than loop. Retry; if it persists, narrow the filters.',
			);
		}
		if (emptyPages >= MAX_EMPTY_PAGES) {
			throw stop(
				`returned ${emptyPages} empty pages in a row`,
				'Each page had a new offset token but no records, so the listing stopped rather than run on without end. Retry; if it persists, narrow the filters or report it to Lever support.',
			);
		}
		seenTokens.add(next);
		offset = next;
	}
}

/**
 * One page of a listing from a given offset token: for callers that keep the token across runs (the poll
 * trigger resumes an unfinished read at the page where it stopped) and need Lever's clock.
 */
export async function leverApiPage(this: LeverContext, request: LeverRequest, offset?: string, pageSize = 100): Promise<LeverPage> {
	const qs: IDataObject = { ...request.qs, limit: Math.min(100, Math.max(1, pageSize)) };
	if (offset) qs.offset = offset;
	const { json, headers } = (await send.call(this, { ...request, qs, download: false, withHeaders: true })) as LeverJsonWithHeaders;
	const records = listRecords(json);
	const next = json.hasNext === true ? json.next : undefined;
	const stopped = (message: string, description: string) =>
		new NodeApiError(this.getNode(), { message } as never, { message: `Lever's pagination of ${request.endpoint ?? request.path} ${message}`, description, itemIndex: request.itemIndex });
	if (next !== undefined && (typeof next !== 'string' || next === '')) {
		throw stopped('said there are more records but gave no next token', 'The listing stopped here rather than skip the rest. Retry; if it persists, report it to Lever support.');
	}
	if (next !== undefined && next === offset) {
		throw stopped('did not advance', 'The same offset token came back, so the listing stopped rather than loop. Retry; if it persists, narrow the filters.');
	}
	const date = headers.date ? Date.parse(headers.date) : Number.NaN;
	return { records, next: next as string | undefined, date: Number.isFinite(date) ? date : undefined };
}

/** All records of a listing, or the first `limit` of them. */
export async function leverApiList(this: LeverContext, request: LeverRequest, pageOptions: PageOptions = {}): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for await (const page of leverApiPages.call(this, request, pageOptions)) records.push(...page);
	return records;
}

