'use strict';
/**
 * Shared pieces of the reliability suites (plain CommonJS: they need Node built-ins that the strict n8n
 * lint forbids in .ts files):
 *
 * - `execute()` runs the Lever node through test/helpers/runNode's context (n8n's real HTTP client), with a
 *   logger that records every call and, for OAuth2, an httpRequestWithAuthentication that refreshes the
 *   token on 401 and retries once, the way n8n-core's requestOAuth2 does (single flight per credential;
 *   a request that failed with an already-replaced token just retries with the stored one).
 * - `SecretWatch` collects every secret (API key, tokens, Authorization values, client secret, webhook
 *   signature tokens) with its base64 forms and scans items, errors (message, description, own
 *   properties, cause chains, JSON) and log lines for them.
 * - `startFaultProxy()` sits between the node and the emulator and loses responses of requests that Lever
 *   already carried out (502 or a reset after the write happened), the case where a retry would duplicate.
 */
const http = require('http');

const { createContext } = require('../helpers/runNode');
const { freshRateLimits } = require('../helpers/rateLimits');
const { Lever } = require('../../nodes/Lever/Lever.node');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

/** One node instance: building its description for every run would dominate the table-driven suites. */
const LEVER = new Lever();

/** mulberry32: small seeded PRNG. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function statusOf(error) {
	for (let layer = error, depth = 0; layer && depth < 5; layer = layer.cause, depth++) {
		const status = Number(layer.httpCode ?? layer.response?.status ?? layer.status);
		if (Number.isFinite(status) && status > 0) return status;
	}
	return undefined;
}

/** Makes the context's OAuth2 requests refresh an expired token like n8n-core does. */
function installOAuthRefresh(ctx, credentials, oauth, logs) {
	const send = ctx.helpers.httpRequestWithAuthentication;
	let inFlight;
	const refresh = async () => {
		const old = credentials.oauthTokenData;
		logs.push({ level: 'debug', message: `OAuth2 token for "leverAtsOAuth2Api" used by node "Lever" expired. Revalidating.` });
		const response = await fetch(oauth.tokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: old.refresh_token,
				client_id: oauth.clientId,
				client_secret: oauth.clientSecret,
			}).toString(),
		});
		const body = await response.json();
		oauth.refreshes.push({ status: response.status, body });
		if (!response.ok) {
			throw new NodeOperationError(ctx.getNode(), 'The credential "Lever test" needs to be reconnected.', {
				description: 'Access could not be refreshed. Open the credential and reconnect it to continue.',
			});
		}
		credentials.oauthTokenData = { ...old, ...body };
		oauth.onToken?.(body);
		logs.push({ level: 'debug', message: 'OAuth2 token for "leverAtsOAuth2Api" used by node "Lever" has been renewed.' });
	};
	ctx.helpers.httpRequestWithAuthentication = async function (type, options) {
		const used = credentials.oauthTokenData?.access_token;
		try {
			return await send.call(this, type, options);
		} catch (error) {
			if (type !== 'leverAtsOAuth2Api' || statusOf(error) !== 401) throw error;
			if (credentials.oauthTokenData?.access_token === used) {
				inFlight ??= refresh().finally(() => {
					inFlight = undefined;
				});
				await inFlight;
			}
			return await send.call(this, type, options);
		}
	};
}

/**
 * Runs the node once. `options` as runNode's RunOptions; `oauth` = { tokenUrl, clientId, clientSecret,
 * refreshes: [] } for OAuth2 runs; `beforeRequest(record, index)` sees each request as it leaves.
 */
async function execute(options, { oauth, beforeRequest } = {}) {
	freshRateLimits();
	const requests = [];
	const hints = [];
	const logs = [];
	const ctx = createContext(options, requests, hints);
	const log = (level) => (message, meta) => logs.push({ level, message, meta });
	ctx.getTimezone = () => 'Europe/Berlin';
	ctx.logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
	// n8n's assertBinaryData throws a NodeOperationError naming the field, not a plain Error.
	ctx.helpers.assertBinaryData = (itemIndex, property) => {
		const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
		if (!binary) {
			throw new NodeOperationError(ctx.getNode(), `This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`, { itemIndex });
		}
		return binary;
	};
	if (beforeRequest) {
		const send = ctx.helpers.httpRequestWithAuthentication;
		ctx.helpers.httpRequestWithAuthentication = async function (type, requestOptions) {
			await beforeRequest(requestOptions, requests.length);
			return await send.call(this, type, requestOptions);
		};
	}
	if (oauth) installOAuthRefresh(ctx, options.credentials, oauth, logs);
	const started = Date.now();
	try {
		const [output] = await LEVER.execute.call(ctx);
		return { output, requests, hints, logs, ms: Date.now() - started };
	} catch (error) {
		return { output: [], error, requests, hints, logs, ms: Date.now() - started };
	}
}

/** Every string reachable from an error: message, description, own properties, causes, JSON. */
function errorTexts(error, seen = new Set()) {
	if (!error || typeof error !== 'object' || seen.has(error)) return [];
	seen.add(error);
	const texts = [String(error.message ?? ''), String(error.description ?? ''), String(error.stack ?? '')];
	try {
		texts.push(JSON.stringify(error));
	} catch {
		texts.push('[unserializable]');
	}
	for (const key of Object.getOwnPropertyNames(error)) {
		const value = error[key];
		if (typeof value === 'string') texts.push(value);
		else if (value && typeof value === 'object') {
			if (value instanceof Error || key === 'cause') texts.push(...errorTexts(value, seen));
			else {
				try {
					texts.push(JSON.stringify(value));
				} catch {
					texts.push(...errorTexts(value, seen));
				}
			}
		}
	}
	return texts;
}

class SecretWatch {
	constructor() {
		this.secrets = new Map();
		this.checked = 0;
	}

	/** A secret and the forms it could leak in (base64 of itself and of the Basic `key:` pair). */
	add(label, value) {
		if (!value || String(value).length < 6) return this;
		const text = String(value);
		this.secrets.set(text, label);
		this.secrets.set(Buffer.from(text).toString('base64'), `${label} (base64)`);
		this.secrets.set(Buffer.from(`${text}:`).toString('base64'), `${label} (Basic base64)`);
		return this;
	}

	/** Finds secrets in anything: items, errors, logs, request-free results. Returns what leaked where. */
	scan(label, value) {
		const texts = [];
		const visit = (v) => {
			if (v === undefined || v === null) return;
			if (v instanceof Error) texts.push(...errorTexts(v));
			else if (typeof v === 'string') texts.push(v);
			else if (Buffer.isBuffer(v)) texts.push(v.toString('utf8'));
			else if (typeof v === 'object') {
				try {
					texts.push(JSON.stringify(v));
				} catch {
					for (const child of Object.values(v)) visit(child);
				}
			} else texts.push(String(v));
		};
		visit(value);
		this.checked += texts.length;
		const leaks = [];
		for (const text of texts) {
			for (const [secret, name] of this.secrets) {
				if (text.includes(secret)) leaks.push(`${label}: ${name}`);
			}
			if (/\b(Basic|Bearer)\s+[A-Za-z0-9\-._~+/]{12,}/.test(text)) leaks.push(`${label}: an Authorization value`);
		}
		return [...new Set(leaks)];
	}

	/** Scans a run's items, error and logs. */
	scanRun(label, result) {
		return [
			...this.scan(`${label} items`, result.output),
			...this.scan(`${label} error`, result.error),
			...this.scan(`${label} logs`, result.logs),
			...this.scan(`${label} hints`, result.hints),
		];
	}
}

/**
 * HTTP proxy in front of the emulator. For each request, seeded: `lostRate` of them are carried out by
 * the emulator and then answered 502 (the client cannot know the write happened); `resetRate` are carried
 * out and then the connection is dropped. Counts what it did.
 */
async function startFaultProxy(targetUrl, { seed = 1, lostRate = 0, resetRate = 0, methods = ['POST', 'PUT', 'DELETE'] } = {}) {
	const target = new URL(targetUrl);
	let random = prng(seed);
	const stats = { forwarded: 0, lost502: 0, lostReset: 0 };
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const roll = random();
			const faulted = methods.includes(req.method);
			const mode = faulted && roll < lostRate ? 'lost502' : faulted && roll < lostRate + resetRate ? 'lostReset' : 'pass';
			const upstream = http.request(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
				(response) => {
					const body = [];
					response.on('data', (chunk) => body.push(chunk));
					response.on('end', () => {
						stats.forwarded++;
						if (mode === 'lost502') {
							stats.lost502++;
							res.writeHead(502, { 'content-type': 'application/json' });
							res.end(JSON.stringify({ code: 'BadGateway', message: 'Bad gateway' }));
						} else if (mode === 'lostReset') {
							stats.lostReset++;
							req.socket.destroy();
						} else {
							res.writeHead(response.statusCode, response.headers);
							res.end(Buffer.concat(body));
						}
					});
				},
			);
			upstream.on('error', () => req.socket.destroy());
			upstream.end(Buffer.concat(chunks));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
		stats,
		reseed(next) {
			random = prng(next);
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

module.exports = { execute, SecretWatch, errorTexts, startFaultProxy, statusOf, prng, NodeApiError, NodeOperationError };
