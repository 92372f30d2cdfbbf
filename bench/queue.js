'use strict';
/*
 * Queue-mode benchmark (part of `npm run bench`; alone: `npm run bench -- --only=queue`): n8n 2.40.7 as
 * main + 2 workers + a webhook processor on Redis and PostgreSQL (test/queue/stack.js), one Lever key, the
 * emulator enforcing Lever's limit (10 requests/s, burst 20, per key).
 *   1. two full syncs (Get Many, Return All) of the same 10,000 opportunities, started together on the two
 *      workers (worker concurrency 1, so each worker takes one);
 *   2. four bulk-tag runs of 500 items each, started together on the two workers (concurrency 2).
 * Figures: combined records (or writes) per second over Lever's ceiling, the share of requests refused
 * with 429, items that failed after retries, and whether every record arrived once in each sync (every
 * opportunity carries its tag once).
 */
const path = require('path');

const lib = require('./lib');
const { startStack } = require('../test/queue/stack');
const { parseRunData, restSession } = require('../test/e2e/helpers');

const { harness, round } = lib;

const LEVER_LIMIT = { perSecond: 10, burst: 20 };
const CREDENTIAL = { id: 'benchQueueApiKey', name: 'Lever emulator (API key)', type: 'leverAtsApi' };
const CREDENTIAL_REF = { leverAtsApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const SYNC_NODE = 'Lever Get Many';
const TAG_NODE = 'Lever Add Tags';

function leverNode(name, parameters) {
	return { name, type: `${harness.PACKAGE_NAME}.lever`, parameters: { authentication: 'apiKey', ...parameters }, credentials: CREDENTIAL_REF };
}

const syncWorkflow = (id) =>
	lib.chainWorkflow({
		id,
		name: `bench queue: full sync ${id}`,
		nodes: [leverNode(SYNC_NODE, { resource: 'opportunity', operation: 'getMany', returnAll: true, filters: { confidentiality: 'all' }, simplify: false })],
	});

const tagWorkflow = (id, ids, tag) =>
	lib.chainWorkflow({
		id,
		name: `bench queue: bulk tag ${id}`,
		nodes: [
			{ name: 'Opportunity IDs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ ids }), options: {} } },
			{ name: 'One Item per ID', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} } },
			leverNode(TAG_NODE, { resource: 'opportunity', operation: 'addTags', opportunityId: { __rl: true, mode: 'id', value: '={{ $json.ids }}' }, tags: [], tagsText: tag }),
		],
	});

async function runQueueBench({ tarball, quick = false, log }) {
	const sizes = quick ? { opportunities: 2000, tagRuns: 4, tagItems: 100 } : { opportunities: 10000, tagRuns: 4, tagItems: 500 };
	const { startEmulator } = require(path.join(harness.ROOT, 'test', 'emulator'));
	const emu = await startEmulator({ port: 0, seed: 7, opportunities: sizes.opportunities, lazyChildren: true, rateLimit: LEVER_LIMIT, faults: { latencyMs: 50 } });
	const expectedIds = new Set(emu.state.opportunities.values().map((o) => o.id));
	let stack;
	try {
		stack = await startStack({ tarball, workers: 2, concurrency: 1, log: (m) => log(`queue: ${m}`) });
		const syncIds = ['benchQueueSync01', 'benchQueueSync02'];
		const all = [...expectedIds];
		const tag = `bench-queue-${Date.now().toString(36)}`;
		const tagRuns = Array.from({ length: sizes.tagRuns }, (_, i) => ({ id: `benchQueueTags0${i + 1}`, ids: all.slice(i * sizes.tagItems, (i + 1) * sizes.tagItems) }));
		await stack.importCredentials([{ ...CREDENTIAL, data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'confidential-key' } }]);
		await stack.importWorkflows([...syncIds.map(syncWorkflow), ...tagRuns.map((r) => tagWorkflow(r.id, r.ids, tag))]);
		await stack.startAll();
		const session = await restSession(stack.mainUrl);
		/** Starts the workflows together (manual runs, offloaded to the workers) and waits for all of them. */
		const runTogether = async (ids, nodeName) => {
			const executionIds = await Promise.all(ids.map(async (id) => (await session.call('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: 'Manual Trigger' } })).executionId));
			const runs = [];
			for (const executionId of executionIds) {
				for (;;) {
					const e = await session.call('GET', `/executions/${executionId}`);
					if (!['new', 'running', 'waiting'].includes(e.status)) {
						const data = parseRunData(e.data);
						const node = data.resultData.runData[nodeName]?.[0];
						runs.push({
							executionId,
							status: e.status,
							worker: stack.workerOf(executionId),
							startTime: node?.startTime,
							endTime: node ? node.startTime + node.executionTime : undefined,
							error: node?.error?.message ?? data.resultData.error?.message,
							items: (node?.data?.main?.[0] ?? []).map((i) => i.json),
						});
						break;
					}
					await new Promise((r) => setTimeout(r, 1000));
				}
			}
			return runs;
		};
		const span = (runs) => (Math.max(...runs.map((r) => r.endTime ?? 0)) - Math.min(...runs.map((r) => r.startTime ?? Infinity))) / 1000;
		const requestShare = (log0) => ({ requests: log0.total, status429: log0.status429, rate429: round(log0.status429 / Math.max(1, log0.total), 4) });

		// 1. two full syncs
		await new Promise((r) => setTimeout(r, 2500)); // Lever's bucket full, as for any first run
		emu.resetRequests();
		log(`queue: two full syncs of ${sizes.opportunities} opportunities on two workers`);
		const syncs = await runTogether(syncIds, SYNC_NODE);
		const syncReq = requestShare(emu.requests());
		const checks = syncs.map((s) => lib.checkIds(s.items.map((r) => r.id), expectedIds));
		const syncSeconds = span(syncs);
		const records = checks.reduce((sum, c) => sum + c.received, 0);
		const fullSyncs = {
			opportunitiesPerSync: sizes.opportunities,
			workers: syncs.map((s) => s.worker),
			completed: syncs.every((s) => s.status === 'success'),
			errors: syncs.map((s) => s.error).filter(Boolean),
			records,
			seconds: round(syncSeconds, 2),
			recordsPerSecond: round(records / syncSeconds, 1),
			ceilingRatio: round(records / syncSeconds / (LEVER_LIMIT.perSecond * 100), 3),
			...syncReq,
			failedItems: syncs.filter((s) => s.status !== 'success').length,
			exact: checks.every((c) => c.lost === 0 && c.duplicated === 0 && c.unexpected === 0 && c.received === c.expected),
			perSync: syncs.map((s, i) => ({ worker: s.worker, seconds: round((s.endTime - s.startTime) / 1000, 2), received: checks[i].received, lost: checks[i].lost, duplicated: checks[i].duplicated })),
		};
		log(`queue: syncs ${records} records in ${fullSyncs.seconds}s = ${fullSyncs.recordsPerSecond}/s (${fullSyncs.ceilingRatio} of 1,000/s), ${syncReq.status429} × 429 of ${syncReq.requests} (${syncReq.rate429 * 100}%), exact ${fullSyncs.exact}, on ${fullSyncs.workers.join(' + ')}`);

		// 2. four bulk-tag runs, two per worker
		log('queue: restarting the workers with concurrency 2');
		for (const kind of stack.workerNames) await stack.n8n[kind].stop();
		stack.concurrency = 2;
		for (const kind of stack.workerNames) await stack.startProcess(kind);
		await session.login();
		emu.configure({ faults: { latencyMs: 150 } });
		await new Promise((r) => setTimeout(r, 2500));
		emu.resetRequests();
		log(`queue: ${sizes.tagRuns} bulk-tag runs of ${sizes.tagItems} items on two workers`);
		const tags = await runTogether(tagRuns.map((r) => r.id), TAG_NODE);
		const tagReq = requestShare(emu.requests());
		const writes = sizes.tagRuns * sizes.tagItems;
		const tagSeconds = span(tags);
		const tagCounts = tagRuns.flatMap((r) => r.ids.map((id) => emu.state.opportunities.get(id).tags.filter((t) => t === tag).length));
		const bulkTags = {
			runs: sizes.tagRuns,
			itemsPerRun: sizes.tagItems,
			workers: tags.map((t) => t.worker),
			completed: tags.every((t) => t.status === 'success'),
			errors: tags.map((t) => t.error).filter(Boolean),
			writes,
			seconds: round(tagSeconds, 2),
			writesPerSecond: round(writes / tagSeconds, 2),
			ceilingRatio: round(writes / tagSeconds / LEVER_LIMIT.perSecond, 3),
			...tagReq,
			failedItems: tagCounts.filter((c) => c !== 1).length,
			exact: tagCounts.every((c) => c === 1),
		};
		log(`queue: bulk ${writes} writes in ${bulkTags.seconds}s = ${bulkTags.writesPerSecond}/s (${bulkTags.ceilingRatio} of 10/s), ${tagReq.status429} × 429 of ${tagReq.requests} (${tagReq.rate429 * 100}%), failed items ${bulkTags.failedItems}, on ${bulkTags.workers.join(' + ')}`);

		return {
			mode: quick ? 'quick' : 'full',
			generatedAt: new Date().toISOString(),
			setup: 'n8n 2.40.7 queue mode: main + 2 workers + 1 webhook processor, Redis, PostgreSQL; one Lever key; emulator at 10 requests/s, burst 20; 50 ms read / 150 ms write latency',
			ceilingRatio: fullSyncs.ceilingRatio,
			rate429: fullSyncs.rate429,
			failedItems: fullSyncs.failedItems,
			exact: fullSyncs.exact,
			fullSyncs,
			bulkTags,
		};
	} finally {
		if (stack) await stack.stop();
		await emu.close();
	}
}

module.exports = { runQueueBench };
