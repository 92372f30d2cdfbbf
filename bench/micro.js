#!/usr/bin/env node
'use strict';
/*
 * node bench/micro.js [--records 5000] [--iterations 7]
 *
 * Our own per-page overhead, apart from Lever's limit: the compiled node (dist/, run `npm run build`
 * first) lists opportunities through a minimal execution context whose HTTP helper is n8n's own client
 * (@n8n/backend-network), with no rate limit and no latency. Our token bucket is bypassed (it would pace
 * at 10/s; its own cost is a few microseconds per take). The emulator's pages are recorded once and
 * replayed byte for byte by a bare local server, so the emulator's own serving time (about 10 ms a page)
 * does not drown the figure. The same pages fetched by the bare client (JSON parsed, no node code) give
 * the floor; the difference is our transport + item building.
 */
const http = require('http');
const path = require('path');
const { performance } = require('perf_hooks');
const v8 = require('v8');
const vm = require('vm');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'nodes', 'Lever');

function loadNode() {
	try {
		const { Lever } = require(path.join(DIST, 'Lever.node.js'));
		const limiter = require(path.join(DIST, 'transport', 'rateLimiter.js'));
		return { Lever, limiter };
	} catch (err) {
		throw new Error(`cannot load the compiled node from ${DIST}: run \`npm run build\` first (${err.message})`);
	}
}

function extract(value) {
	if (value && typeof value === 'object' && value.__rl) return value.value;
	return value;
}

/** A minimal IExecuteFunctions (as test/helpers/runNode.ts builds it) on n8n's HTTP client. */
function context({ parameters, baseUrl, apiKey, http, NodeApiError }) {
	const node = {
		id: 'micro-node',
		name: 'Lever',
		type: 'n8n-nodes-lever.lever',
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: 'apiKey', ...parameters },
		credentials: { leverAtsApi: { id: 'micro-cred', name: 'micro' } },
	};
	const items = [{ json: {} }];
	let requests = 0;
	const ctx = {
		getInputData: () => items,
		getNode: () => node,
		getNodeParameter: (name, _itemIndex, fallback, options) => {
			const value = Object.prototype.hasOwnProperty.call(parameters, name) ? parameters[name] : fallback;
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			return options?.extractValue ? extract(value) : value;
		},
		getCredentials: async () => ({ environment: 'custom', customBaseUrl: baseUrl, apiKey }),
		continueOnFail: () => false,
		getExecutionCancelSignal: () => undefined,
		addExecutionHints: () => {},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			async httpRequestWithAuthentication(_type, requestOptions) {
				requests++;
				try {
					return await http.request({ ...requestOptions, headers: { ...requestOptions.headers }, auth: { username: apiKey, password: '' } });
				} catch (error) {
					throw new NodeApiError(node, error);
				}
			},
			returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data, meta) => data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
	};
	return { ctx, requests: () => requests };
}

/** Fully percent-decoded offset token, so single- and double-encoded forms find the same page. */
function tokenKey(token) {
	let t = String(token ?? '');
	for (let i = 0; i < 4; i++) {
		let d;
		try {
			d = decodeURIComponent(t);
		} catch {
			break;
		}
		if (d === t) break;
		t = d;
	}
	return t;
}

/** Records every page of GET /opportunities (limit 100, confidentiality all) from the emulator. */
async function recordPages(emu, client, apiKey) {
	const pages = new Map();
	let offset;
	for (;;) {
		const qs = `limit=100&confidentiality=all${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`;
		const text = await client.request({
			method: 'GET',
			url: `${emu.apiUrl}/opportunities?${qs}`,
			headers: { accept: 'application/json' },
			json: false,
			auth: { username: apiKey, password: '' },
		});
		const body = Buffer.from(typeof text === 'string' ? text : JSON.stringify(text));
		pages.set(tokenKey(offset), body);
		const parsed = JSON.parse(body.toString('utf8'));
		if (!parsed.hasNext) break;
		offset = parsed.next;
	}
	return pages;
}

/** A bare server answering GET /v1/opportunities?offset=... with the recorded bytes. */
async function replayServer(pages) {
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://x');
		const body = pages.get(tokenKey(url.searchParams.get('offset') ?? ''));
		if (!body) {
			res.writeHead(400, { 'content-type': 'application/json' });
			res.end('{"code":"BadRequestError","message":"Invalid offset token"}');
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
		res.end(body);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { apiUrl: `http://127.0.0.1:${server.address().port}/v1`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
};
const round = (v, d = 2) => Number(v.toFixed(d));

async function runMicro({ opportunities = 5000, iterations = 7, log = () => {} } = {}) {
	const { Lever, limiter } = loadNode();
	const { OutboundHttp } = require('@n8n/backend-network');
	const { Container } = require('@n8n/di');
	const { NodeApiError } = require('n8n-workflow');
	const { startEmulator } = require(path.join(ROOT, 'test', 'emulator'));

	const originalTake = limiter.TokenBucket.prototype.take;
	limiter.TokenBucket.prototype.take = async function take() {};
	const client = Container.get(OutboundHttp).requests();
	const apiKey = 'confidential-key'; // the emulator's key with confidential access: the bench reads every record
	const emulator = await startEmulator({ port: 0, seed: 7, opportunities, lazyChildren: true, rateLimit: false });
	let pages;
	try {
		pages = await recordPages(emulator, client, apiKey);
	} finally {
		await emulator.close();
	}
	const emu = await replayServer(pages);
	try {
		const raw = async () => {
			let offset;
			let records = 0;
			let pages = 0;
			for (;;) {
				const qs = `limit=100&confidentiality=all${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`;
				const body = await client.request({
					method: 'GET',
					url: `${emu.apiUrl}/opportunities?${qs}`,
					headers: { accept: 'application/json' },
					json: true,
					auth: { username: apiKey, password: '' },
				});
				records += body.data.length;
				pages++;
				if (!body.hasNext) break;
				offset = body.next;
			}
			return { records, pages };
		};
		const viaNode = (simplify) => async () => {
			const { ctx, requests } = context({
				parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true, filters: { confidentiality: 'all' }, simplify, expand: [] },
				baseUrl: emu.apiUrl,
				apiKey,
				http: client,
				NodeApiError,
			});
			const [out] = await new Lever().execute.call(ctx);
			return { records: out.length, pages: requests() };
		};
		const cases = { raw, node: viaNode(false), nodeSimplified: viaNode(true) };
		const times = { raw: [], node: [], nodeSimplified: [] };
		let shape;
		// one warm-up round, then interleaved rounds so that drift on a shared machine hits all alike
		for (let i = -1; i < iterations; i++) {
			for (const [name, fn] of Object.entries(cases)) {
				const t0 = performance.now();
				const r = await fn();
				const ms = performance.now() - t0;
				if (shape && (r.records !== shape.records || r.pages !== shape.pages)) {
					throw new Error(`micro: ${name} got ${r.records} records in ${r.pages} pages, expected ${shape.records} in ${shape.pages}`);
				}
				shape = shape ?? r;
				if (i >= 0) times[name].push(ms);
			}
		}
		const figure = (name) => {
			const ms = median(times[name]);
			return { ms: round(ms, 1), msPerPage: round(ms / shape.pages, 3), recordsPerSecond: Math.round((shape.records / ms) * 1000), runsMs: times[name].map((t) => round(t, 1)) };
		};
		const result = {
			source: 'emulator pages recorded once, replayed by a bare local server',
			bytes: [...pages.values()].reduce((n, b) => n + b.length, 0),
			records: shape.records,
			pages: shape.pages,
			iterations,
			raw: figure('raw'),
			node: figure('node'),
			nodeSimplified: figure('nodeSimplified'),
		};
		// Heap our output holds: the node's items for all records, measured with a forced GC before and after.
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc');
		gc();
		const before = process.memoryUsage().heapUsed;
		const { ctx } = context({
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true, filters: { confidentiality: 'all' }, simplify: false, expand: [] },
			baseUrl: emu.apiUrl,
			apiKey,
			http: client,
			NodeApiError,
		});
		const [kept] = await new Lever().execute.call(ctx);
		gc();
		const after = process.memoryUsage().heapUsed;
		const outputJsonBytes = Buffer.byteLength(JSON.stringify(kept.map((item) => item.json)));
		result.outputHeap = {
			items: kept.length,
			heapBytes: after - before,
			jsonBytes: outputJsonBytes,
			heapToJsonRatio: round((after - before) / outputJsonBytes, 2),
		};
		result.overheadMsPerPage = round(result.node.msPerPage - result.raw.msPerPage, 3);
		result.overheadSimplifiedMsPerPage = round(result.nodeSimplified.msPerPage - result.raw.msPerPage, 3);
		result.overheadRatio = round(result.node.msPerPage / result.raw.msPerPage, 2);
		log(`micro: raw ${result.raw.msPerPage} ms/page, node ${result.node.msPerPage} ms/page (simplified ${result.nodeSimplified.msPerPage}); overhead ${result.overheadMsPerPage} ms/page`);
		return result;
	} finally {
		limiter.TokenBucket.prototype.take = originalTake;
		await emu.close();
	}
}

module.exports = { runMicro };

if (require.main === module) {
	require('./cli').runFromCommandLine((arg, log) => runMicro({ opportunities: arg('--records', 5000), iterations: arg('--iterations', 7), log }));
}
