#!/usr/bin/env node
'use strict';
/*
 * npm run bench [-- --quick] [--no-build] [--keep] [--only=micro,pollCatchUp,fullSync,deltaSync,bulkWrite,faults,queue,templates] [--merge] [--burst=N] [--render]
 *   [--templates=seekOut,sureCloud,theOrg,outhire] [--template-size=N] [--template-runner=start|execute]
 *   [--template-n8n-env=KEY=VALUE,...] [--template-config=KEY=VALUE,...] [--template-heap=MiB[:MiB]]
 *
 * Benchmarks of the Lever node inside a real n8n (the e2e harness's pinned n8n on Node 24) against the
 * Lever emulator with Lever's rate limit on (10 requests/s, burst 20, per key):
 *   1. full sync (Get Many, Return All) vs n8n's HTTP Request node with its built-in pagination
 *   2. delta sync (Updated After) after touching 100 records
 *   3. bulk writes (Add Tags, one input item per opportunity)
 *   4. memory: peak RSS of the n8n process during (1)
 *   5. faults: (1) with 5% 429 and 2% 503 injected
 *   6. queue mode: two full syncs on two workers, four bulk-tag runs on two workers, one key (bench/queue.js)
 *   7. templates at account scale: each scheduled template's first and incremental run on 50,000
 *      opportunities, requests against the data's minimum, peak RSS of n8n (bench/templates.js; the
 *      emulator's limit is raised there, Lever time is computed at 10 requests/s)
 *   +  micro: our per-page overhead outside n8n, no rate limit, no latency (bench/micro.js)
 *   +  poll catch-up: the Lever Poll Trigger catching up a 20,000-change backlog over several polls, outside
 *      n8n, Lever's rate limit on (bench/pollCatchUp.js)
 * Writes bench/results.json and bench/RESULTS.md (also with --quick: "mode" says which). --merge keeps the
 * other figures of the existing results.json and replaces only the cases run (with --only).
 * Figures come from the run JSON that `n8n execute` prints (per-node executionTime, startTime) and from
 * the emulator's request log (requests, 429s). Targets are goals, reported, never asserted.
 */
const fs = require('fs');
const path = require('path');

const lib = require('./lib');
const micro = require('./micro');
const pollCatchUp = require('./pollCatchUp');
const { runQueueBench } = require('./queue');
const { runTemplatesBench, TEMPLATE_KEYS } = require('./templates');
const TEMPLATE_ROWS = TEMPLATE_KEYS;

const { harness, round, mb } = lib;

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const BUILD = !args.includes('--no-build');
const KEEP = args.includes('--keep');
const MERGE = args.includes('--merge');
const onlyArg = args.find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
// --burst=N sets the Lever credential's own Burst (the node's bucket), to try a cushion under Lever's 20
const burstArg = args.find((a) => a.startsWith('--burst='));
const CREDENTIAL_BURST = burstArg ? Number(burstArg.slice('--burst='.length)) : undefined;
// --templates=seekOut,theOrg runs only those templates in the templates case; --template-size=N another account
// size (a try-out: the recorded figures are the 50,000-opportunity account's)
const templatesArg = args.find((a) => a.startsWith('--templates='));
const TEMPLATES_ONLY = templatesArg ? templatesArg.slice('--templates='.length).split(',') : undefined;
const templateSizeArg = args.find((a) => a.startsWith('--template-size='));
const TEMPLATE_SIZE = templateSizeArg ? Number(templateSizeArg.slice('--template-size='.length)) : undefined;
// --template-runner=execute runs the templates with `n8n execute` (no Data Tables) instead of `n8n start`, to compare
const templateRunnerArg = args.find((a) => a.startsWith('--template-runner='));
const TEMPLATE_RUNNER = templateRunnerArg ? templateRunnerArg.slice('--template-runner='.length) : 'start';
// --template-n8n-env=EXECUTIONS_DATA_SAVE_ON_SUCCESS=none,... : extra environment for the templates' n8n (investigations)
const templateEnvArg = args.find((a) => a.startsWith('--template-n8n-env='));
const TEMPLATE_N8N_ENV = Object.fromEntries(
	(templateEnvArg ? templateEnvArg.slice('--template-n8n-env='.length).split(',') : []).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
// --template-config=batchDays=0,... : Config values for the templates run (investigations; a number or a JSON value
// is parsed, anything else is a string)
const templateConfigArg = args.find((a) => a.startsWith('--template-config='));
const parseValue = (v) => {
	try {
		return JSON.parse(v);
	} catch {
		return v;
	}
};
const TEMPLATE_CONFIG = Object.fromEntries(
	(templateConfigArg ? templateConfigArg.slice('--template-config='.length).split(',') : []).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), parseValue(kv.slice(kv.indexOf('=') + 1))]),
);
// --template-heap=384[:192] runs the templates in an n8n set for a small server, as an admin sets it: a smaller V8
// heap for n8n (NODE_OPTIONS) and for its JavaScript task runner (N8N_RUNNERS_MAX_OLD_SPACE_SIZE, n8n's setting:
// the runner gets no NODE_OPTIONS), by default half of n8n's. V8 then collects before it grows, so a peak shows
// what a run holds, not what V8 put off collecting. With --merge its figures go to templates.smallHeap, beside
// the default-settings ones.
const templateHeapArg = args.find((a) => a.startsWith('--template-heap='));
const [TEMPLATE_HEAP_MIB, TEMPLATE_RUNNER_HEAP_MIB] = templateHeapArg ? smallHeaps(templateHeapArg.slice('--template-heap='.length)) : [];
if (TEMPLATE_HEAP_MIB) Object.assign(TEMPLATE_N8N_ENV, smallHeapEnv(TEMPLATE_HEAP_MIB, TEMPLATE_RUNNER_HEAP_MIB));

/** `384` or `384:192` → [n8n's heap, the task runner's heap] in MiB (the runner's defaults to half of n8n's). */
function smallHeaps(text) {
	const [main, runner] = text.split(':').map(Number);
	const heaps = [main, runner || Math.round(main / 2)];
	if (!heaps.every((mib) => Number.isInteger(mib) && mib > 0)) throw new Error(`--template-heap=${text}: give n8n's heap in MiB, optionally the task runner's after a colon (384 or 384:192)`);
	return heaps;
}

/** n8n's environment for a `mib` old space with a 2 MiB young generation (V8's default grows to 16), its task runner's old space `runnerMib`. */
function smallHeapEnv(mib, runnerMib) {
	return { NODE_OPTIONS: `--max-old-space-size=${mib} --max-semi-space-size=2`, N8N_RUNNERS_MAX_OLD_SPACE_SIZE: String(runnerMib) };
}

const SIZES = QUICK
	? { opportunities: 5000, writes: 200, deltaTouched: 100 }
	: { opportunities: 20000, writes: 1000, deltaTouched: 100 };
const LATENCY_READ_MS = 50;
const LATENCY_WRITE_MS = 150;
const FAULTS = { rate429: 0.05, rate503: 0.02 };
const LEVER_LIMIT = { perSecond: 10, burst: 20 };
const PAGE_SIZE = 100;
const CEILING_RECORDS_PER_S = LEVER_LIMIT.perSecond * PAGE_SIZE;
const CEILING_WRITES_PER_S = LEVER_LIMIT.perSecond;
const TARGETS = {
	fullSyncCeilingRatio: 0.95,
	fullSyncVsHttpRequestNode: 2,
	deltaSyncRequests: 2,
	bulkWriteCeilingRatio: 0.9,
	memoryRssToJsonRatio: 2,
	pollCatchUpCeilingRatio: 0.9,
	queueCeilingRatio: 0.9,
	queueRate429: 0.02,
};
// n8n's poll budget in the poll catch-up case: small enough that the backlog takes several polls.
const POLL_BUDGET_SECONDS = 10;

const OUT_DIR = __dirname;
// --quick writes the same files (with "mode": "quick"); the committed ones come from a full run.
const RESULTS_JSON = path.join(OUT_DIR, 'results.json');
const RESULTS_MD = path.join(OUT_DIR, 'RESULTS.md');

const LEVER_CRED = { id: 'benchLeverApiKey1', name: 'Lever emulator (API key)', type: 'leverAtsApi' };
const BASIC_CRED = { id: 'benchHttpBasic001', name: 'Lever emulator (HTTP Basic)', type: 'httpBasicAuth' };

const t00 = Date.now();
const log = (msg) => process.stderr.write(`[bench +${Math.round((Date.now() - t00) / 1000)}s] ${msg}\n`);
const wanted = (name) => !ONLY || ONLY.has(name);

// --------------------------------------------------------------------------------------------------------
// workflows

function leverNode(name, parameters) {
	return {
		name,
		type: `${harness.PACKAGE_NAME}.lever`,
		parameters: { authentication: 'apiKey', ...parameters },
		credentials: { leverAtsApi: { id: LEVER_CRED.id, name: LEVER_CRED.name } },
	};
}

const OUR_SYNC = 'Lever Get Many';
function fullSyncWorkflow(id, name) {
	return lib.chainWorkflow({
		id,
		name,
		nodes: [
			leverNode(OUR_SYNC, {
				resource: 'opportunity',
				operation: 'getMany',
				returnAll: true,
				// All records (Lever lists non-confidential ones by default); raw records, the same data the
				// HTTP Request node gets, so both sides carry the same bytes.
				filters: { confidentiality: 'all' },
				simplify: false,
			}),
		],
	});
}

function baselineWorkflow(id) {
	return lib.chainWorkflow({
		id,
		name: 'bench: baseline (1 record)',
		nodes: [leverNode(OUR_SYNC, { resource: 'opportunity', operation: 'getMany', returnAll: false, limit: 1, simplify: false })],
	});
}

function deltaWorkflow(id, sinceIso) {
	return lib.chainWorkflow({
		id,
		name: 'bench: delta sync',
		nodes: [
			leverNode('Lever Delta', {
				resource: 'opportunity',
				operation: 'getMany',
				returnAll: true,
				filters: { confidentiality: 'all', updatedAfter: sinceIso },
				simplify: false,
			}),
		],
	});
}

const HTTP_NODE = 'HTTP Request';
/**
 * n8n's HTTP Request node set up as n8n's pagination docs show for an API that returns a next-page token:
 * Pagination Mode "Update a Parameter in Each Request" (query `offset` = {{ $response.body.next }}),
 * "Pagination Complete When: Other" with {{ !$response.body.hasNext }}, Basic auth credential.
 * `variant`: 'docs' as is; 'retry' adds the node setting Retry On Fail (n8n's rate-limit docs' advice:
 * wait between tries longer than the limit's window, 1 s here); 'paced' adds the pagination option
 * Interval Between Requests = 100 ms (one page per 100 ms + latency stays under 10/s).
 */
function httpRequestWorkflow(id, apiUrl, httpVersion, variant) {
	const pagination = {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type: 'qs', name: 'offset', value: '={{ $response.body.next }}' }] },
		paginationCompleteWhen: 'other',
		completeExpression: '={{ !$response.body.hasNext }}',
	};
	if (variant === 'paced') pagination.requestInterval = 100;
	const node = {
		name: HTTP_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: httpVersion,
		parameters: {
			method: 'GET',
			url: `${apiUrl}/opportunities`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBasicAuth',
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: {
				parameters: [
					{ name: 'limit', value: String(PAGE_SIZE) },
					{ name: 'confidentiality', value: 'all' },
				],
			},
			options: { pagination: { pagination } },
		},
		credentials: { httpBasicAuth: { id: BASIC_CRED.id, name: BASIC_CRED.name } },
	};
	if (variant === 'retry') Object.assign(node, { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 });
	return lib.chainWorkflow({ id, name: `bench: HTTP Request node (${variant})`, nodes: [node] });
}

const OUR_WRITE = 'Lever Add Tags';
function bulkWriteWorkflow(id, ids, tag) {
	return lib.chainWorkflow({
		id,
		name: 'bench: bulk add tags',
		nodes: [
			{
				name: 'Opportunity IDs',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ ids }), options: {} },
			},
			{
				name: 'One Item per ID',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} },
			},
			leverNode(OUR_WRITE, {
				resource: 'opportunity',
				operation: 'addTags',
				opportunityId: { __rl: true, mode: 'id', value: '={{ $json.ids }}' },
				tags: [],
				tagsText: tag,
			}),
		],
	});
}

// --------------------------------------------------------------------------------------------------------
// cases

function failureText(run) {
	const err = run.result?.data?.resultData?.error;
	if (err) return `${err.message}${err.description ? ` (${err.description})` : ''}`;
	return `${run.stderr.slice(-1500)}\n${run.stdout.slice(-1500)}`;
}

/** One full sync through our node: throughput, requests, 429s, exactness, memory. */
async function ourFullSync(ctx, wfId, label) {
	const { emu, folder, expectedIds } = ctx;
	emu.resetRequests();
	log(`${label}: n8n execute (our node, ${SIZES.opportunities} records)`);
	const run = await lib.executeSampled(folder, wfId);
	const reqs = lib.requestFigures(emu.requests());
	const node = lib.nodeRun(run.result, OUR_SYNC);
	if (!node) throw new Error(`${label}: no run data for ${OUR_SYNC}: ${failureText(run)}`);
	const ids = node.items.map((r) => r.id);
	const check = lib.checkIds(ids, expectedIds);
	const jsonBytes = Buffer.byteLength(JSON.stringify(node.items));
	const seconds = node.executionTime / 1000;
	const figures = {
		completed: run.ok && !node.error,
		error: node.error ?? (run.ok ? undefined : failureText(run).slice(0, 500)),
		records: check.received,
		seconds: round(seconds, 2),
		recordsPerSecond: round(check.received / seconds, 1),
		requests: reqs.total,
		pageRequests: reqs.counts['GET /opportunities'] ?? 0,
		status429: reqs.status429,
		rateLimited429: reqs.rateLimited429,
		byStatus: reqs.byStatus,
		injected: reqs.injected,
		lost: check.lost,
		duplicated: check.duplicated,
		unexpected: check.unexpected,
		exact: check.lost === 0 && check.duplicated === 0 && check.unexpected === 0 && check.received === check.expected,
		nodeStartTime: node.startTime,
		jsonBytes,
		peakRssBytes: run.peakRssBytes,
		// where the peak falls: while the node ran, or afterwards (n8n saving and printing the run)
		peakRssDuringNodeBytes: lib.peakRssBetween(run.rssSeries, node.startTime, node.startTime + node.executionTime),
		peakRssAfterNodeBytes: lib.peakRssBetween(run.rssSeries, node.startTime + node.executionTime + 1, Number.MAX_SAFE_INTEGER),
		printedRunBytes: run.stdoutBytes,
		processWallSeconds: round(run.wallMs / 1000, 1),
	};
	log(`${label}: ${figures.records} records in ${figures.seconds}s = ${figures.recordsPerSecond}/s, ${figures.requests} requests, ${figures.status429} × 429, exact ${figures.exact}, peak RSS ${mb(run.peakRssBytes)} MB`);
	return figures;
}

async function httpRequestSync(ctx, wfId, variant) {
	const { emu, folder, expectedIds } = ctx;
	emu.resetRequests();
	log(`HTTP Request node (${variant}): n8n execute`);
	const run = await lib.executeSampled(folder, wfId);
	const reqs = lib.requestFigures(emu.requests());
	const node = lib.nodeRun(run.result, HTTP_NODE);
	const pages = node?.items ?? [];
	const ids = pages.flatMap((page) => (Array.isArray(page.data) ? page.data.map((r) => r.id) : []));
	const check = lib.checkIds(ids, expectedIds);
	const ok200 = reqs.byStatus['200'] ?? 0;
	const completed = Boolean(run.ok && node && !node.error && check.received === check.expected);
	const seconds = node ? node.executionTime / 1000 : run.wallMs / 1000;
	// A failed run has no output: count what reached it from the emulator's log (200 pages of 100).
	const recordsFetched = completed ? check.received : Math.min(ok200 * PAGE_SIZE, check.expected);
	const figures = {
		variant,
		completed,
		error: completed ? undefined : (node?.error?.message ?? failureText(run).slice(0, 500)),
		records: completed ? check.received : 0,
		recordsFetchedBeforeEnd: recordsFetched,
		seconds: round(seconds, 2),
		// records delivered per second: 0 when the node failed (it outputs nothing)
		recordsPerSecond: completed ? round(recordsFetched / seconds, 1) : 0,
		// pages answered (all tries) × 100 per second of node time, also for failed runs
		fetchRatePerSecond: round(recordsFetched / seconds, 1),
		requests: reqs.total,
		status429: reqs.status429,
		byStatus: reqs.byStatus,
		lost: completed ? check.lost : null,
		duplicated: completed ? check.duplicated : null,
		outputItems: pages.length,
		peakRssBytes: run.peakRssBytes,
		processWallSeconds: round(run.wallMs / 1000, 1),
	};
	log(`HTTP Request node (${variant}): completed ${completed}, ${recordsFetched} records fetched in ${figures.seconds}s = ${figures.fetchRatePerSecond}/s, ${figures.requests} requests, ${figures.status429} × 429${completed ? '' : `; ${String(figures.error).slice(0, 160)}`}`);
	return figures;
}

async function deltaSync(ctx, sinceMs) {
	const { emu, folder } = ctx;
	const touched = emu.mutate({ action: 'touch', count: SIZES.deltaTouched, seed: 11 }).ids;
	const wfId = 'benchDeltaSync01';
	await harness.importWorkflow(folder, deltaWorkflow(wfId, new Date(sinceMs).toISOString()));
	emu.resetRequests();
	log(`delta sync: n8n execute (changes since ${new Date(sinceMs).toISOString()})`);
	const run = await lib.executeSampled(folder, wfId);
	const reqs = lib.requestFigures(emu.requests());
	const node = lib.nodeRun(run.result, 'Lever Delta');
	if (!node) throw new Error(`delta sync: no run data: ${failureText(run)}`);
	const check = lib.checkIds(node.items.map((r) => r.id), new Set(touched));
	const figures = {
		touched: touched.length,
		since: new Date(sinceMs).toISOString(),
		records: check.received,
		exact: check.lost === 0 && check.duplicated === 0 && check.unexpected === 0,
		requests: reqs.total,
		status429: reqs.status429,
		seconds: round(node.executionTime / 1000, 3),
		milliseconds: node.executionTime,
		processWallSeconds: round(run.wallMs / 1000, 1),
	};
	log(`delta sync: ${figures.records} records, ${figures.requests} request(s), ${figures.milliseconds} ms, exact ${figures.exact}`);
	return figures;
}

async function bulkWrite(ctx) {
	const { emu, folder } = ctx;
	const tag = `bench-${Date.now().toString(36)}`;
	const ids = emu.state.opportunities
		.values()
		.slice(0, SIZES.writes)
		.map((o) => o.id);
	const wfId = 'benchBulkAddTag1';
	await harness.importWorkflow(folder, bulkWriteWorkflow(wfId, ids, tag));
	emu.configure({ faults: { latencyMs: LATENCY_WRITE_MS } });
	emu.resetRequests();
	log(`bulk write: n8n execute (${ids.length} × Add Tags, ${LATENCY_WRITE_MS} ms latency)`);
	const run = await lib.executeSampled(folder, wfId);
	const reqs = lib.requestFigures(emu.requests());
	const node = lib.nodeRun(run.result, OUR_WRITE);
	if (!node) throw new Error(`bulk write: no run data: ${failureText(run)}`);
	const tagged = ids.filter((id) => (emu.state.opportunities.get(id)?.tags ?? []).includes(tag)).length;
	const seconds = node.executionTime / 1000;
	const figures = {
		writes: ids.length,
		completed: run.ok && !node.error,
		error: node.error,
		outputItems: node.items.length,
		tagged,
		seconds: round(seconds, 2),
		writesPerSecond: round(ids.length / seconds, 2),
		requests: reqs.total,
		writeRequests: reqs.counts['POST /opportunities/{opportunity}/addTags'] ?? 0,
		status429: reqs.status429,
		byStatus: reqs.byStatus,
		latencyMs: LATENCY_WRITE_MS,
		peakRssBytes: run.peakRssBytes,
		processWallSeconds: round(run.wallMs / 1000, 1),
	};
	figures.ceilingRatio = round(figures.writesPerSecond / CEILING_WRITES_PER_S, 3);
	log(`bulk write: ${figures.writes} writes in ${figures.seconds}s = ${figures.writesPerSecond}/s (${figures.ceilingRatio} of ceiling), ${figures.status429} × 429, tagged ${tagged}`);
	return figures;
}

// --------------------------------------------------------------------------------------------------------
// main

async function main() {
	const startedAt = new Date();
	const results = {
		generatedAt: startedAt.toISOString(),
		mode: QUICK ? 'quick' : 'full',
		commands: {
			full: 'npm run bench',
			quick: 'npm run bench -- --quick',
			micro: 'node bench/micro.js',
			pollCatchUp: 'node bench/pollCatchUp.js',
		},
		machine: lib.machine(),
		settings: {
			opportunities: SIZES.opportunities,
			writes: SIZES.writes,
			deltaTouched: SIZES.deltaTouched,
			leverRateLimit: LEVER_LIMIT,
			pageSize: PAGE_SIZE,
			readLatencyMs: LATENCY_READ_MS,
			writeLatencyMs: LATENCY_WRITE_MS,
			faults: FAULTS,
			credentialBurst: CREDENTIAL_BURST ?? 'default (20)',
			ceilingRecordsPerSecond: CEILING_RECORDS_PER_S,
			ceilingWritesPerSecond: CEILING_WRITES_PER_S,
		},
		targets: TARGETS,
	};
	log(`mode ${results.mode}; machine ${results.machine.cpuCount} × ${results.machine.cpuModel}, load ${results.machine.loadAverageAtStart.join(' ')}`);

	// micro first: it needs no n8n, and tells at once whether our own code regressed.
	if (wanted('micro')) {
		log('micro: per-page overhead outside n8n (no rate limit, no latency)');
		results.micro = await micro.runMicro({ opportunities: QUICK ? 2000 : 5000, log });
	}
	if (wanted('pollCatchUp')) {
		log(`poll catch-up: Lever Poll Trigger, ${SIZES.opportunities} changes, ${POLL_BUDGET_SECONDS} s poll budget, Lever's rate limit on`);
		results.pollCatchUp = await pollCatchUp.runPollCatchUp({ changes: SIZES.opportunities, budgetSeconds: POLL_BUDGET_SECONDS, latencyMs: LATENCY_READ_MS, log });
	}

	const needN8n = ['fullSync', 'deltaSync', 'bulkWrite', 'memory', 'faults', 'queue', 'templates'].some(wanted);
	if (!needN8n) return finish(results);

	await harness.ensureN8n({ quiet: true });
	// The working tree is shared: another `npm run build` can empty dist/ while we pack. Check what got
	// installed, and build + pack again when the node files are missing.
	let tarball;
	let folder;
	for (let attempt = 1; ; attempt++) {
		log('packing the package');
		tarball = await harness.packPackage({ build: BUILD || attempt > 1, log });
		folder = await harness.createUserFolder({ tarball, prefix: 'n8n-nodes-lever-bench-', log });
		const installed = path.join(folder, '.n8n', 'nodes', 'node_modules', harness.PACKAGE_NAME);
		const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
		const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		const missing = files.filter((f) => !fs.existsSync(path.join(installed, f)));
		if (!missing.length) break;
		harness.removeUserFolder(folder);
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (attempt >= 3) throw new Error(`the packed package lacks ${missing.join(', ')} (dist/ changed while packing?)`);
		log(`the packed package lacks ${missing.join(', ')}; building and packing again`);
		await new Promise((r) => setTimeout(r, 10000));
	}
	try {
		if (SINGLE_N8N_CASES.some(wanted)) await singleN8nCases(results, tarball, folder);
		if (wanted('queue')) {
			// the queue case starts its own emulator and n8n stack (Redis, PostgreSQL, main, 2 workers, webhook)
			results.queue = await runQueueBench({ tarball, quick: QUICK, log });
		}
		if (wanted('templates')) {
			// its own account at scale (50,000 opportunities) and user folder; --templates= picks some
			results.templates = await runTemplatesBench({ tarball, size: TEMPLATE_SIZE ?? (QUICK ? 5000 : undefined), only: TEMPLATES_ONLY, runner: TEMPLATE_RUNNER, n8nEnv: TEMPLATE_N8N_ENV, configOverrides: TEMPLATE_CONFIG, log });
		}
	} finally {
		if (KEEP) log(`kept user folder ${folder}`);
		else harness.removeUserFolder(folder);
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
	return finish(results);
}

const SINGLE_N8N_CASES = ['fullSync', 'deltaSync', 'bulkWrite', 'memory', 'faults'];

/** Cases 1-5: one n8n user folder, one emulator of SIZES.opportunities with Lever's rate limit. */
async function singleN8nCases(results, tarball, folder) {
	const { startEmulator } = require(path.join(harness.ROOT, 'test', 'emulator'));
	log(`starting the emulator with ${SIZES.opportunities} opportunities`);
	const emu = await startEmulator({
		port: 0,
		seed: 7,
		opportunities: SIZES.opportunities,
		lazyChildren: true,
		rateLimit: LEVER_LIMIT,
		faults: { latencyMs: LATENCY_READ_MS },
	});
	const expectedIds = new Set(emu.state.opportunities.values().map((o) => o.id));
	const ctx = { emu, folder, expectedIds };
	try {
		await harness.importCredentials(folder, [
			{
				...LEVER_CRED,
				data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'confidential-key', ...(CREDENTIAL_BURST ? { burst: CREDENTIAL_BURST } : {}) },
			},
			{ ...BASIC_CRED, data: { user: 'confidential-key', password: '' } },
		]);
		const httpVersion = lib.installedNodeVersion(path.join('HttpRequest', 'HttpRequest.node.js'), 4.2);
		results.settings.httpRequestNodeTypeVersion = httpVersion;
		const wf = {
			baseline: baselineWorkflow('benchBaseline001'),
			full: fullSyncWorkflow('benchFullSync001', 'bench: full sync (Lever node)'),
			faults: fullSyncWorkflow('benchFaultSync01', 'bench: full sync with faults (Lever node)'),
			httpDocs: httpRequestWorkflow('benchHttpDocs001', emu.apiUrl, httpVersion, 'docs'),
			httpRetry: httpRequestWorkflow('benchHttpRetry01', emu.apiUrl, httpVersion, 'retry'),
			httpPaced: httpRequestWorkflow('benchHttpPaced01', emu.apiUrl, httpVersion, 'paced'),
		};
		log('importing workflows');
		await harness.importWorkflows(folder, Object.values(wf));

		// The bucket refills between runs: each run is its own n8n process and starts with a full burst,
		// as a scheduled sync would. Give the emulator's bucket the same chance.
		const rest = () => new Promise((r) => setTimeout(r, (LEVER_LIMIT.burst / LEVER_LIMIT.perSecond) * 1000 + 200));

		let full;
		if (['fullSync', 'deltaSync', 'memory'].some(wanted)) {
			// baseline: the same n8n process doing almost nothing, for the memory case
			log('baseline: n8n execute (1 record) for the process memory baseline');
			const base = await lib.executeSampled(folder, wf.baseline.id);
			if (!base.ok) throw new Error(`baseline run failed: ${failureText(base)}`);
			const baseNode = lib.nodeRun(base.result, OUR_SYNC);
			results.baseline = {
				peakRssBytes: base.peakRssBytes,
				peakRssMiB: mb(base.peakRssBytes),
				processWallSeconds: round(base.wallMs / 1000, 1),
				nodeMilliseconds: baseNode?.executionTime,
			};
			log(`baseline: peak RSS ${mb(base.peakRssBytes)} MB, n8n process ${results.baseline.processWallSeconds}s`);
			await rest();

			full = await ourFullSync(ctx, wf.full.id, 'full sync');
			await rest();

			const http = {};
			for (const variant of ['docs', 'retry', 'paced']) {
				const id = { docs: wf.httpDocs.id, retry: wf.httpRetry.id, paced: wf.httpPaced.id }[variant];
				http[variant] = await httpRequestSync(ctx, id, variant);
				await rest();
			}
			const docs = http.docs;
			// The comparison is against the docs' set-up when it completes; otherwise against the fastest
			// set-up of the HTTP Request node that did complete (a ratio to a failed run means nothing).
			const completedVariants = Object.values(http).filter((v) => v.completed);
			const basis = docs.completed ? docs : completedVariants.sort((a, b) => b.recordsPerSecond - a.recordsPerSecond)[0];
			results.fullSync = {
				...full,
				ceilingRatio: round(full.recordsPerSecond / CEILING_RECORDS_PER_S, 3),
				httpRequestNode: {
					...docs,
					recordsPerSecond: docs.recordsPerSecond,
					variants: http,
				},
				vsHttpRequestNode: basis ? round(full.recordsPerSecond / basis.recordsPerSecond, 2) : null,
				vsHttpRequestNodeBasis: basis ? basis.variant : 'none completed',
			};
			results.memory = {
				peakRssBytes: full.peakRssBytes,
				peakRssMiB: mb(full.peakRssBytes),
				jsonBytes: full.jsonBytes,
				jsonMiB: mb(full.jsonBytes),
				rssToJsonRatio: round(full.peakRssBytes / full.jsonBytes, 2),
				baselinePeakRssMiB: results.baseline.peakRssMiB,
				deltaRssToJsonRatio: round((full.peakRssBytes - results.baseline.peakRssBytes) / full.jsonBytes, 2),
				peakRssDuringNodeMiB: mb(full.peakRssDuringNodeBytes),
				peakRssAfterNodeMiB: mb(full.peakRssAfterNodeBytes),
				printedRunMiB: mb(full.printedRunBytes),
				ourOutputHeapToJsonRatio: results.micro?.outputHeap?.heapToJsonRatio ?? null,
				httpRequestNodePeakRssMiB: mb(http.paced.peakRssBytes),
			};
		}

		if (wanted('deltaSync') && full) {
			results.deltaSync = await deltaSync(ctx, full.nodeStartTime);
			await rest();
		}

		if (wanted('bulkWrite')) {
			results.bulkWrite = await bulkWrite(ctx);
			emu.configure({ faults: { latencyMs: LATENCY_READ_MS } });
			await rest();
		}

		if (wanted('faults')) {
			emu.configure({ faults: { latencyMs: LATENCY_READ_MS, ...FAULTS, seed: 99 } });
			const f = await ourFullSync(ctx, wf.faults.id, 'faults');
			emu.configure({ faults: { latencyMs: LATENCY_READ_MS } });
			results.faults = {
				completed: f.completed,
				error: f.error,
				exact: f.completed && f.exact,
				records: f.records,
				expected: expectedIds.size,
				lost: f.lost,
				duplicated: f.duplicated,
				seconds: f.seconds,
				recordsPerSecond: f.recordsPerSecond,
				ceilingRatio: round(f.recordsPerSecond / CEILING_RECORDS_PER_S, 3),
				requests: f.requests,
				status429: f.status429,
				injected: f.injected,
				rateLimited429: f.rateLimited429,
				byStatus: f.byStatus,
				injectedRates: FAULTS,
			};
		}

	} finally {
		await emu.close();
	}
}

// --------------------------------------------------------------------------------------------------------
// output

function verdicts(r) {
	const v = [];
	const add = (name, value, target, ok, unit = '') => v.push({ name, value, target, met: value === null || value === undefined ? null : ok });
	if (r.fullSync) {
		add('fullSync.ceilingRatio', r.fullSync.ceilingRatio, `>= ${TARGETS.fullSyncCeilingRatio}`, r.fullSync.ceilingRatio >= TARGETS.fullSyncCeilingRatio);
		add('fullSync.vsHttpRequestNode', r.fullSync.vsHttpRequestNode, `>= ${TARGETS.fullSyncVsHttpRequestNode}`, r.fullSync.vsHttpRequestNode >= TARGETS.fullSyncVsHttpRequestNode);
		add('fullSync exact (0 lost, 0 duplicated)', r.fullSync.exact, 'true', r.fullSync.exact === true);
	}
	if (r.deltaSync) add('deltaSync.requests', r.deltaSync.requests, `<= ${TARGETS.deltaSyncRequests}`, r.deltaSync.requests <= TARGETS.deltaSyncRequests);
	if (r.bulkWrite) add('bulkWrite.ceilingRatio', r.bulkWrite.ceilingRatio, `>= ${TARGETS.bulkWriteCeilingRatio}`, r.bulkWrite.ceilingRatio >= TARGETS.bulkWriteCeilingRatio);
	if (r.memory) add('memory.rssToJsonRatio', r.memory.rssToJsonRatio, `<= ${TARGETS.memoryRssToJsonRatio}`, r.memory.rssToJsonRatio <= TARGETS.memoryRssToJsonRatio);
	if (r.faults) add('faults.exact', r.faults.exact, 'true', r.faults.exact === true);
	if (r.queue) {
		const q = r.queue;
		add('queue.ceilingRatio (2 syncs, 2 workers)', q.ceilingRatio, `>= ${TARGETS.queueCeilingRatio}`, q.ceilingRatio >= TARGETS.queueCeilingRatio);
		add('queue.rate429 (2 syncs, 2 workers)', q.rate429, `<= ${TARGETS.queueRate429}`, q.rate429 <= TARGETS.queueRate429);
		add('queue.failedItems (2 syncs)', q.failedItems, '0', q.failedItems === 0);
		add('queue.exact (every record once, in each sync)', q.exact, 'true', q.exact === true);
		add('queue.bulkTags.ceilingRatio (4 runs, 2 workers)', q.bulkTags.ceilingRatio, `>= ${TARGETS.queueCeilingRatio}`, q.bulkTags.ceilingRatio >= TARGETS.queueCeilingRatio);
		add('queue.bulkTags.rate429 (4 runs, 2 workers)', q.bulkTags.rate429, `<= ${TARGETS.queueRate429}`, q.bulkTags.rate429 <= TARGETS.queueRate429);
		add('queue.bulkTags.failedItems', q.bulkTags.failedItems, '0', q.bulkTags.failedItems === 0);
	}
	for (const key of TEMPLATE_KEYS) {
		const t = r.templates?.[key];
		if (!t?.incremental) continue;
		const g = r.templates.goals;
		add(`templates.${key}.incremental.requestsToMinimum`, t.incremental.requestsToMinimum, `<= ${g.requestsToMinimum}`, t.incremental.requestsToMinimum <= g.requestsToMinimum);
		add(`templates.${key}.first.peakRssMiB`, t.first.peakRssMiB, `< ${g.firstRunPeakRssMiB}`, t.first.peakRssMiB < g.firstRunPeakRssMiB);
		add(`templates.${key}.incremental.peakRssMiB`, t.incremental.peakRssMiB, `< ${g.incrementalPeakRssMiB}`, t.incremental.peakRssMiB < g.incrementalPeakRssMiB);
		add(`templates.${key} runs completed and partner checks hold`, t.first.correct && t.incremental.correct, 'true', t.first.correct && t.incremental.correct);
	}
	if (r.pollCatchUp) {
		const target = r.targets?.pollCatchUpCeilingRatio ?? TARGETS.pollCatchUpCeilingRatio;
		add('pollCatchUp.ceilingRatio', r.pollCatchUp.ceilingRatio, `>= ${target}`, r.pollCatchUp.ceilingRatio >= target);
		add('pollCatchUp.exact (each change once)', r.pollCatchUp.exact, 'true', r.pollCatchUp.exact === true);
	}
	return v;
}

function markdown(r) {
	const m = r.machine;
	const L = [];
	const yes = (b) => (b ? 'yes' : 'no');
	L.push(`# Benchmarks${r.mode === 'quick' ? ' (quick run, reduced sizes)' : ''}`);
	L.push('');
	L.push(`Generated by \`${r.mode === 'quick' ? r.commands.quick : r.commands.full}\` on ${r.generatedAt}. Raw figures: \`bench/${path.basename(RESULTS_JSON)}\`.`);
	L.push('');
	L.push('Everything runs inside a real n8n (the e2e harness\'s install) against the Lever emulator with Lever\'s rate limit on ' +
		`(${r.settings.leverRateLimit.perSecond} requests/s, burst ${r.settings.leverRateLimit.burst}, per key), so the physical ceilings are ` +
		`${r.settings.ceilingRecordsPerSecond} records/s for listings (100 per page) and ${r.settings.ceilingWritesPerSecond} writes/s. ` +
		'Each workflow runs in its own `n8n execute` process; times are the node\'s own `executionTime` from the run JSON n8n prints ' +
		'(the process boot is not included), requests and 429s come from the emulator\'s request log.');
	L.push('');
	L.push('## Machine');
	L.push('');
	L.push(`- CPU: ${m.cpuCount} × ${m.cpuModel}`);
	L.push(`- Memory: ${m.memoryGiB} GiB`);
	L.push(`- Platform: ${m.platform}`);
	L.push(`- n8n ${m.n8nVersion} on Node ${m.n8nNode}; bench driver and emulator on Node ${m.benchNode}`);
	L.push(`- Load average at start: ${m.loadAverageAtStart.join(', ')}`);
	L.push('- The machine has 2 cores shared with other engineers\' test runs; the emulator (bench process) and n8n share them, ' +
		'so figures can move by a few percent between runs.');
	L.push('');
	L.push('## Targets');
	L.push('');
	L.push('| Figure | Value | Target | Met |');
	L.push('|---|---|---|---|');
	for (const v of verdicts(r)) L.push(`| ${v.name} | ${v.value} | ${v.target} | ${v.met === null ? 'n/a' : yes(v.met)} |`);
	L.push('');
	if (r.fullSync) {
		const f = r.fullSync;
		const h = f.httpRequestNode.variants;
		L.push(`## 1. Full sync: ${r.settings.opportunities} opportunities, ${r.settings.readLatencyMs} ms latency, Return All`);
		L.push('');
		L.push('| | Lever node | HTTP Request (docs set-up) | HTTP Request + Retry On Fail | HTTP Request + 100 ms interval |');
		L.push('|---|---|---|---|---|');
		const row = (label, fn) => L.push(`| ${label} | ${fn(f)} | ${fn(h.docs)} | ${fn(h.retry)} | ${fn(h.paced)} |`);
		row('completed', (x) => yes(x.completed));
		row('records received', (x) => x.records);
		row('node time (s)', (x) => x.seconds);
		row('records/s delivered', (x) => x.recordsPerSecond);
		row('ratio to 1,000/s ceiling', (x) => round(x.recordsPerSecond / r.settings.ceilingRecordsPerSecond, 3));
		row('fetch rate until it stopped (records/s)', (x) => x.fetchRatePerSecond ?? x.recordsPerSecond);
		row('requests sent', (x) => x.requests);
		row('429s received', (x) => x.status429);
		row('lost / duplicated', (x) => (x.lost === null || x.lost === undefined ? 'n/a' : `${x.lost} / ${x.duplicated}`));
		row('peak RSS of n8n (MiB)', (x) => mb(x.peakRssBytes));
		L.push('');
		L.push(`- Ours / HTTP Request node: **${f.vsHttpRequestNode}×** (against the \`${f.vsHttpRequestNodeBasis}\` set-up` +
			`${f.vsHttpRequestNodeBasis === 'docs' ? '' : ', the fastest one that completed; the docs\' set-up did not'}).`);
		if (!h.docs.completed) L.push(`- The docs' set-up stopped with: \`${String(h.docs.error).split('\n')[0].slice(0, 200)}\`; a failed node outputs nothing, so it delivers 0 records/s; its fetch rate counts the pages answered (all tries) per second of node time until it stopped.`);
		if (!h.retry.completed) L.push(`- Retry On Fail restarts the whole listing from page 1 on each try, and each try meets the limit again: \`${String(h.retry.error).split('\n')[0].slice(0, 200)}\`.`);
		L.push('- HTTP Request set-up: Pagination Mode "Update a Parameter in Each Request", query `offset` = `{{ $response.body.next }}`, ' +
			'Pagination Complete When "Other": `{{ !$response.body.hasNext }}`, query `limit=100`, `confidentiality=all`, Basic auth credential ' +
			`(httpRequest typeVersion ${r.settings.httpRequestNodeTypeVersion}). Its output is one item per page; the Lever node's is one item per record (raw, Simplify off).`);
		L.push('');
	}
	if (r.deltaSync) {
		const d = r.deltaSync;
		L.push('## 2. Delta sync');
		L.push('');
		L.push(`After (1), ${d.touched} opportunities were updated in the emulator; Get Many with Updated After = the start of (1) (${d.since}).`);
		L.push('');
		L.push(`- Records: ${d.records} (exactly the updated ones: ${yes(d.exact)})`);
		L.push(`- Requests sent: **${d.requests}**, 429s: ${d.status429}`);
		L.push(`- Node time: ${d.milliseconds} ms`);
		L.push('');
	}
	if (r.bulkWrite) {
		const b = r.bulkWrite;
		L.push(`## 3. Bulk writes: Add Tags to ${b.writes} opportunities (${b.writes} input items), ${b.latencyMs} ms latency`);
		L.push('');
		L.push(`- Completed: ${yes(b.completed)}; opportunities carrying the tag afterwards: ${b.tagged}/${b.writes}`);
		L.push(`- Node time: ${b.seconds} s → **${b.writesPerSecond} writes/s**, ${b.ceilingRatio} of the 10/s ceiling`);
		L.push(`- Requests: ${b.requests} (${b.writeRequests} addTags), 429s: ${b.status429}`);
		L.push('');
	}
	if (r.memory) {
		const mm = r.memory;
		L.push('## 4. Memory (n8n process during (1))');
		L.push('');
		L.push(`- Peak RSS (VmHWM, polled every 50 ms): **${mm.peakRssMiB} MiB**; JSON size of the ${r.settings.opportunities} records: ${mm.jsonMiB} MiB → ratio **${mm.rssToJsonRatio}**`);
		L.push(`- The same n8n process returning 1 record peaks at ${mm.baselinePeakRssMiB} MiB; above that baseline the sync adds ${round(mm.peakRssMiB - mm.baselinePeakRssMiB, 1)} MiB → ${mm.deltaRssToJsonRatio}× the JSON size`);
		L.push(`- Highest RSS sampled while the node ran: ${mm.peakRssDuringNodeMiB} MiB; after it (n8n saving the execution and printing the ${mm.printedRunMiB} MiB run JSON): ${mm.peakRssAfterNodeMiB} MiB`);
		if (mm.ourOutputHeapToJsonRatio !== null) L.push(`- The node's own output (all records as items) takes ${mm.ourOutputHeapToJsonRatio}× its JSON size in the V8 heap (micro-benchmark, forced GC before and after)`);
		L.push(`- HTTP Request node (100 ms interval set-up), same data: ${mm.httpRequestNodePeakRssMiB} MiB`);
		L.push('');
	}
	if (r.faults) {
		const f = r.faults;
		L.push(`## 5. Faults: (1) again with ${f.injectedRates.rate429 * 100}% 429 and ${f.injectedRates.rate503 * 100}% 503 injected`);
		L.push('');
		L.push(`- Completed: ${yes(f.completed)}; exact: **${yes(f.exact)}** (${f.records}/${f.expected}, lost ${f.lost}, duplicated ${f.duplicated})`);
		L.push(`- Time: ${f.seconds} s (${f.recordsPerSecond} records/s, ${f.ceilingRatio} of the ceiling)`);
		L.push(`- Requests: ${f.requests}; injected 429: ${f.injected['429']}, injected 503: ${f.injected['503']}; 429s from the rate limit itself: ${f.rateLimited429}`);
		L.push('');
	}
	if (r.queue) {
		const q = r.queue;
		const f = q.fullSyncs;
		const b = q.bulkTags;
		L.push(`## 6. Queue mode (\`npm run bench -- --only=queue --merge\`, ${q.mode} run of ${q.generatedAt})`);
		L.push('');
		L.push(`${q.setup}. Each n8n process has its own adaptive token bucket for the key; none is configured for the others.`);
		L.push('');
		L.push('| | records or writes | seconds | per second | of Lever\'s ceiling | requests | 429s | failed items | exact |');
		L.push('|---|---|---|---|---|---|---|---|---|');
		L.push(`| 2 full syncs of ${f.opportunitiesPerSync} on ${f.workers.join(' + ')} | ${f.records} | ${f.seconds} | ${f.recordsPerSecond} | ${f.ceilingRatio} | ${f.requests} | ${f.status429} (${round(f.rate429 * 100, 2)}%) | ${f.failedItems} | ${yes(f.exact)} |`);
		L.push(`| ${b.runs} bulk-tag runs of ${b.itemsPerRun} on ${[...new Set(b.workers)].join(' + ')} | ${b.writes} | ${b.seconds} | ${b.writesPerSecond} | ${b.ceilingRatio} | ${b.requests} | ${b.status429} (${round(b.rate429 * 100, 2)}%) | ${b.failedItems} | ${yes(b.exact)} |`);
		L.push('');
		L.push('- Time is from the first Lever node start to the last Lever node end (n8n run data); requests and 429s from the emulator\'s log. Failed items: syncs that did not complete; opportunities without exactly one copy of the tag.');
		L.push('');
	}
	if (r.templates) L.push(...templatesMarkdown(r.templates));
	if (r.micro) {
		const u = r.micro;
		L.push('## Micro: our per-page overhead (outside n8n, no rate limit, no latency)');
		L.push('');
		L.push(`\`${r.commands.micro}\`: the compiled node (dist/) with a minimal execution context on n8n's own HTTP client, our token bucket bypassed, ` +
			`emulator pages recorded once and replayed from memory by a bare local server, ${u.records} records, ${u.pages} pages, median of ${u.iterations} runs.`);
		L.push('');
		L.push('| | ms per page | records/s |');
		L.push('|---|---|---|');
		L.push(`| raw: same HTTP client, JSON parse, no node code | ${u.raw.msPerPage} | ${u.raw.recordsPerSecond} |`);
		L.push(`| Lever node, Simplify off | ${u.node.msPerPage} | ${u.node.recordsPerSecond} |`);
		L.push(`| Lever node, Simplify on | ${u.nodeSimplified.msPerPage} | ${u.nodeSimplified.recordsPerSecond} |`);
		L.push('');
		L.push(`- Our overhead per page over the raw client: ${u.overheadMsPerPage} ms (Simplify off), ${u.overheadSimplifiedMsPerPage} ms (Simplify on); ` +
			`Lever's limit allows one page per ${1000 / r.settings.leverRateLimit.perSecond} ms.`);
		if (u.outputHeap) L.push(`- Heap held by the node's output: ${mb(u.outputHeap.heapBytes)} MiB for ${u.outputHeap.items} records of ${mb(u.outputHeap.jsonBytes)} MiB JSON (${u.outputHeap.heapToJsonRatio}×)`);
		L.push('');
	}
	if (r.pollCatchUp) {
		const p = r.pollCatchUp;
		L.push(`## Poll catch-up: ${p.changes} changes behind, ${p.pollBudgetSeconds} s poll budget`);
		L.push('');
		L.push(`\`${r.commands.pollCatchUp ?? 'node bench/pollCatchUp.js'}\`: the compiled Lever Poll Trigger (Opportunity Updated, Backfill Since a day ago) against the emulator ` +
			`with Lever's rate limit on and ${p.readLatencyMs} ms latency, outside n8n through a minimal poll context on n8n's own HTTP client. ` +
			`Polls run back to back, each with a ${p.pollBudgetSeconds} s budget of which the trigger reads for 60 %, until one finishes within it.`);
		L.push('');
		L.push(`- Exact: **${yes(p.exact)}** (${p.emitted} emitted of ${p.changes}, ${p.duplicates} duplicated, ${p.missing} missing)`);
		L.push(`- ${p.recordsPerSecond} records/s while catching up (changes emitted / time inside polls, ${p.secondsInPolls} s) = ${p.ceilingRatio} of Lever's ceiling`);
		L.push(`- Polls: ${p.polls} (Lever's rate allows ${p.pollsTheRateAllows} at the ceiling); requests: ${p.requests}; 429s: ${p.status429}`);
		L.push('');
	}
	if (r.notes?.length) {
		L.push('## Notes');
		L.push('');
		for (const n of r.notes) L.push(`- ${n}`);
		L.push('');
	}
	L.push('## Commands');
	L.push('');
	L.push(`- \`${r.commands.full}\` — everything, full sizes (20,000 records, 1,000 writes); builds and packs the package first`);
	L.push(`- \`${r.commands.quick}\` — the same at ~5,000 records and 200 writes, same output files (\`"mode": "quick"\`); under 5 minutes once n8n is installed`);
	L.push(`- \`${r.commands.micro}\` — only the micro-benchmark (needs \`npm run build\`)`);
	L.push(`- \`${r.commands.pollCatchUp ?? 'node bench/pollCatchUp.js'}\` — only the poll catch-up (needs \`npm run build\`; \`--changes N --budget-seconds S\`)`);
	L.push('- Flags: `--no-build` (reuse dist/), `--keep` (keep the n8n user folder), `--only=micro,pollCatchUp,fullSync,deltaSync,bulkWrite,faults,queue,templates` ' +
		'(investigation; overwrites the result files unless `--merge`, which keeps the other cases\' figures), `--burst=N` (the Lever credential\'s Burst, default 20), ' +
		'`--templates=seekOut,sureCloud,theOrg,outhire` (some templates only; with `--merge` the others keep their figures), `--template-size=N` (a try-out on a smaller account, written to results.quick.json), ' +
		'`--template-runner=execute` (the templates in `n8n execute`, no Data Tables, instead of `n8n start`), ' +
		'`--template-n8n-env=KEY=VALUE,...` (extra environment for the templates\' n8n, for investigations), `--template-config=KEY=VALUE,...` (Config values for the templates run, e.g. `batchDays=0`; a try-out too), ' +

		'`--template-heap=MiB[:MiB]` (the templates in an n8n set for a small server: n8n\'s heap and its task runner\'s, by default half of it; with `--merge` kept apart, under templates.smallHeap)');
	L.push('');
	return L.join('\n');
}

const TEMPLATE_TITLES = { seekOut: 'SeekOut index', sureCloud: 'SureCloud evidence', theOrg: 'The Org', outhire: 'Outhire job export' };

function templatesMarkdown(t) {
	const L = [];
	const a = t.settings.account;
	L.push(`## 7. Templates at account scale (\`npm run bench -- --only=templates --merge\`)`);
	L.push('');
	L.push(`An emulator account of ${a.opportunities} opportunities (resumes, files; ${a.offerShare * 100}% at the Offer stage, each with an offer), ` +
		`${a.postings} postings and ${a.users} users. Each template's scheduled path runs in n8n ${t.n8nVersion ?? '2.40.7'}, column "n8n": ` +
		'**start** = a fresh `n8n start` per run, as in production (Data Tables on), its Schedule Trigger set to fire once and the workflow activated ' +
		'through n8n\'s REST API; **execute** = `n8n execute --id` (no Data Tables there: the templates keep their state in static data). ' +
		`Each runs twice: a first run, then an incremental run after ${t.settings.changes.opportunityShare * 100}% of the opportunities and ` +
		`${t.settings.changes.postingShare * 100}% of the postings changed. Requests come from the emulator's log; the minimum is computed ` +
		'from the account (a page of 100 per listing the output needs, the per-record calls Lever has no listing for, small reference lists ' +
		'read each run: bench/templates.js, MINIMUM); Lever time is requests at Lever\'s 10 requests/s (the emulator\'s limit is raised ' +
		`to ${t.settings.emulatorRateLimit.perSecond}/s here). Peak RSS is the sum over the n8n process tree (the n8n process and its task runner), sampled every 100 ms; ` +
		'"while calling Lever" is the highest sample between the first and the last Lever request, the rest is n8n saving the execution ' +
		'(execute: and printing the run JSON); "idle before" (start) is the same process tree idle before the run, n8n start\'s own floor.');
	L.push('');
	const floors = templateBaselines(t);
	if (floors.start) L.push(`- n8n's own floor under \`n8n start\`: **${floors.start.idleRssMiB} MiB** idle over the process tree${floors.start.idleRssMainProcessMiB ? ` (the main process ${floors.start.idleRssMainProcessMiB} MiB, the rest its task runner)` : ''}; running Schedule Trigger → Code: ${floors.start.peakRssMiB} MiB.`);
	if (floors.execute) L.push(`- n8n's own floor under \`n8n execute\`, running Manual Trigger → Code: **${floors.execute.peakRssMiB} MiB** over the process tree.`);
	L.push('');
	L.push('| Template | run | n8n | requests | minimum | requests / minimum | Lever time at 10/s | peak RSS (MiB) | while calling Lever | idle before (MiB) | wall (s) | correct |');
	L.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const key of TEMPLATE_ROWS) {
		if (!t[key]) continue;
		for (const run of ['first', 'incremental']) {
			const x = t[key][run];
			if (!x) continue;
			const time = x.leverSecondsAt10PerSecond >= 120 ? `${x.leverMinutesAt10PerSecond} min` : `${x.leverSecondsAt10PerSecond} s`;
			const runner = (t[key].settings ?? t.settings).runner ?? 'execute';
			L.push(`| ${TEMPLATE_TITLES[key]} | ${run} | ${runner} | ${x.requests} | ${x.minimum} | ${x.requestsToMinimum} | ${time} | ${x.peakRssMiB} | ${x.peakRssWhileCallingLeverMiB ?? '–'} | ${x.idleRssBeforeRunMiB ?? '–'} | ${x.processWallSeconds} | ${x.correct ? 'yes' : 'no'} |`);
		}
	}
	L.push('');
	L.push(`Goals: incremental requests / minimum <= ${t.goals.requestsToMinimum}; peak RSS of a first run < ${t.goals.firstRunPeakRssMiB} MiB, of an incremental run < ${t.goals.incrementalPeakRssMiB} MiB.`);
	L.push('');
	if (t.smallHeap) L.push(...smallHeapMarkdown(t.smallHeap));
	for (const key of TEMPLATE_ROWS) {
		if (!t[key]) continue;
		const m = (x) => Object.entries(x.minimumParts).map(([k, v]) => `${k} ${v}`).join(' + ');
		const e = (x) => Object.entries(x.requestsByEndpoint).map(([k, v]) => `${k} ${v}`).join(', ');
		L.push(`- ${TEMPLATE_TITLES[key]} (${t[key].generatedAt ?? t.generatedAt}): first run sent ${e(t[key].first)}; minimum ${m(t[key].first)}. ` +
			(t[key].incremental ? `Incremental: ${e(t[key].incremental)}; minimum ${m(t[key].incremental)}.` : ''));
	}
	L.push('');
	return L;
}

/** The same templates in an n8n given a smaller heap (--template-heap=MiB): memory columns only. */
function smallHeapMarkdown(h) {
	const L = [];
	const floor = templateBaselines(h).start;
	const heaps = h.runnerHeapMiB ? `${h.heapMiB}:${h.runnerHeapMiB}` : `${h.heapMiB}`;
	L.push(`### The same runs in an n8n set for a small server (\`npm run bench -- --only=templates --template-heap=${heaps} --merge\`)`);
	L.push('');
	const env = smallHeapEnv(h.heapMiB, h.runnerHeapMiB);
	L.push(`\`NODE_OPTIONS="${env.NODE_OPTIONS}"\` for n8n, ` +
		(h.runnerHeapMiB ? `\`N8N_RUNNERS_MAX_OLD_SPACE_SIZE=${h.runnerHeapMiB}\` for its task runner` : 'its task runner with its own settings') +
		': V8 collects before it grows, so a peak is what the run holds rather than garbage not yet collected.' +
		(floor ? ` n8n's own floor there: ${floor.idleRssMiB} MiB idle over the process tree (main process ${floor.idleRssMainProcessMiB} MiB), ${floor.peakRssMiB} MiB running Schedule Trigger → Code.` : ''));
	L.push('');
	L.push('| Template | run | requests | peak RSS (MiB) | main process (MiB) | while calling Lever | idle before (MiB) | wall (s) | correct |');
	L.push('|---|---|---|---|---|---|---|---|---|');
	for (const key of TEMPLATE_ROWS) {
		for (const run of ['first', 'incremental']) {
			const x = h[key]?.[run];
			if (x) L.push(`| ${TEMPLATE_TITLES[key]} | ${run} | ${x.requests} | ${x.peakRssMiB} | ${x.peakRssMainProcessMiB ?? '–'} | ${x.peakRssWhileCallingLeverMiB ?? '–'} | ${x.idleRssBeforeRunMiB ?? '–'} | ${x.processWallSeconds} | ${x.correct ? 'yes' : 'no'} |`);
		}
	}
	L.push('');
	return L;
}

function finish(fresh) {
	const previous = fs.existsSync(RESULTS_JSON) ? JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')) : undefined;
	if (TEMPLATE_SIZE || Object.keys(TEMPLATE_CONFIG).length || (Object.keys(TEMPLATE_N8N_ENV).length && !(TEMPLATE_HEAP_MIB && MERGE && previous?.templates))) {
		// a try-out at another account size, n8n environment or Config never replaces the recorded figures (a
		// --template-heap run with --merge is recorded apart, under templates.smallHeap)
		const tryout = path.join(OUT_DIR, 'results.quick.json');
		fs.writeFileSync(tryout, `${JSON.stringify({ ...fresh, verdicts: verdicts(fresh) }, null, 2)}\n`);
		log(`--template-size/--template-n8n-env/--template-config: wrote this try-out to ${path.relative(process.cwd(), tryout)}`);
		return fresh;
	}
	if (QUICK && previous?.mode === 'full') {
		// a quick run never replaces full figures: it goes to a file of its own
		const quickFile = path.join(OUT_DIR, 'results.quick.json');
		fs.writeFileSync(quickFile, `${JSON.stringify({ ...fresh, verdicts: verdicts(fresh) }, null, 2)}\n`);
		log(`results.json holds a full run: wrote this quick run to ${path.relative(process.cwd(), quickFile)} instead`);
		return fresh;
	}
	// --merge: the cases run here replace theirs in the existing results, everything else is kept.
	const merging = MERGE && fs.existsSync(RESULTS_JSON);
	const results = merging ? mergeResults(JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')), fresh) : fresh;
	if (merging) results.merged.seconds = round((Date.now() - t00) / 1000, 1);
	else results.totalSeconds = round((Date.now() - t00) / 1000, 1);
	results.verdicts = verdicts(results);
	const notesFile = path.join(OUT_DIR, 'notes.json');
	if (fs.existsSync(notesFile)) results.notes = JSON.parse(fs.readFileSync(notesFile, 'utf8'));
	fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
	fs.writeFileSync(RESULTS_MD, markdown(results));
	log(`wrote ${path.relative(process.cwd(), RESULTS_JSON)} and ${path.relative(process.cwd(), RESULTS_MD)} (${results.totalSeconds}s)`);
	for (const v of results.verdicts) log(`  ${v.met === null ? 'n/a ' : v.met ? 'met ' : 'MISS'} ${v.name} = ${v.value} (target ${v.target})`);
	return results;
}

const CASES = ['micro', 'pollCatchUp', 'fullSync', 'deltaSync', 'bulkWrite', 'memory', 'faults', 'baseline', 'queue', 'templates'];

function mergeResults(previous, fresh) {
	const merged = { ...previous, commands: { ...previous.commands, ...fresh.commands }, targets: { ...previous.targets, ...fresh.targets } };
	for (const name of CASES) if (fresh[name] !== undefined) merged[name] = fresh[name];
	// templates run one or some at a time (--templates=): keep the others' figures; --template-heap runs are kept
	// apart from the default-settings ones
	if (fresh.templates && previous.templates && TEMPLATE_HEAP_MIB) {
		const heap = { ...fresh.templates, heapMiB: TEMPLATE_HEAP_MIB, runnerHeapMiB: TEMPLATE_RUNNER_HEAP_MIB };
		merged.templates = { ...previous.templates, smallHeap: mergeTemplates(previous.templates.smallHeap ?? {}, heap) };
	} else if (fresh.templates && previous.templates) merged.templates = mergeTemplates(previous.templates, fresh.templates);
	// the memory case quotes the micro-benchmark's heap ratio: a run without micro keeps the merged one's
	if (fresh.memory && fresh.memory.ourOutputHeapToJsonRatio === null && merged.micro?.outputHeap) {
		merged.memory = { ...fresh.memory, ourOutputHeapToJsonRatio: merged.micro.outputHeap.heapToJsonRatio };
	}
	merged.merged = { at: fresh.generatedAt, cases: CASES.filter((name) => fresh[name] !== undefined), mode: fresh.mode };
	return merged;
}

/** { start?, execute? }: n8n's floor per runner (results of before the runners were kept as `baseline`, of `n8n execute`). */
function templateBaselines(t) {
	return t.baselines ?? (t.baseline ? { [t.settings?.runner ?? 'execute']: t.baseline } : {});
}

/** Templates measured in `fresh` replace theirs; the others keep their figures, with the settings they ran with. */
function mergeTemplates(previous, fresh) {
	const merged = { ...previous, ...fresh };
	// n8n's floor per runner (start, execute): a run with one runner keeps the other's
	delete merged.baseline;
	merged.baselines = { ...templateBaselines(previous), ...templateBaselines(fresh) };
	for (const key of TEMPLATE_ROWS) {
		if (fresh[key]) merged[key] = { ...fresh[key], generatedAt: fresh.generatedAt, settings: fresh.settings };
		else if (previous[key]) merged[key] = { generatedAt: previous[key].generatedAt ?? previous.generatedAt, settings: previous[key].settings ?? previous.settings, ...previous[key] };
	}
	return merged;
}

if (require.main === module) {
	if (args.includes('--render')) {
		// re-render RESULTS.md from results.json (after editing the notes or this template)
		const results = JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8'));
		const notesFile = path.join(OUT_DIR, 'notes.json');
		if (fs.existsSync(notesFile)) results.notes = JSON.parse(fs.readFileSync(notesFile, 'utf8'));
		fs.writeFileSync(RESULTS_MD, markdown(results));
		log(`rendered ${path.relative(process.cwd(), RESULTS_MD)} from ${path.relative(process.cwd(), RESULTS_JSON)}`);
	} else {
		main().catch((err) => {
			process.stderr.write(`${err.stack || err}\n`);
			process.exitCode = 1;
		});
	}
}

module.exports = { markdown, verdicts };
