'use strict';
/*
 * The package in n8n's queue mode (npm run test:queue): Redis, PostgreSQL, n8n 2.40.7 as main + 2 workers
 * + 1 webhook processor (test/queue/stack.js), the packed package in every process's user folder, the
 * Lever emulator with Lever's rate limit on, and a local HTTP server standing in for the partners.
 *   - the five templates: webhook-started paths through the webhook processor, manual paths through
 *     main's REST API (offloaded to the workers), scheduled paths with the Schedule Trigger set to 20 s;
 *   - the Lever node's reads and writes on a worker;
 *   - the Lever Trigger: subscribed on activation (main) with the webhook processor's URL; deliveries
 *     land at the webhook processor and run on a worker; forged and stale ones get 401, the same delivery
 *     again 200 and no run;
 *   - the Lever Poll Trigger polls on main; its cursor survives a restart of every n8n process;
 *   - a worker killed during a bulk tag run: n8n 2.40 does not hand the job to the other worker (it is
 *     failed as stalled and marked crashed), no opportunity gets a second note, tags stay single.
 * Every execution is checked to have run on a worker (its "Worker started execution" log line).
 */
const crypto = require('crypto');
const path = require('path');

const harness = require('../e2e/n8n');
const T = require('../e2e/templates-helpers');
const { startStack } = require('./stack');
const { dataTableRows, executionById, leverPollTriggerWorkflow, leverTriggerWorkflow, listExecutions, restSession, signDelivery, sleep, until } = require('../e2e/helpers');

const CREDENTIAL = Object.freeze({ id: 'queueLeverApiKey', name: 'Lever emulator (API key)', type: 'leverAtsApi' });
const CREDENTIAL_REF = { leverAtsApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const TRIGGER_WF = 'queueLeverTrigWh';
const TRIGGER_WEBHOOK_ID = '7a2d3b0f-5c8e-4f1b-8d4c-2e3f4a5b6c7d';
const POLL_WF = 'queueLeverTrigPl';
const NODE_WF = 'queueLeverNodeRW';
const BULK_WF = 'queueLeverBulkTg';
const EVENTS = ['candidateStageChange'];
const BULK_ITEMS = 120;

const log = (m) => process.stderr.write(`[queue] ${m}\n`);

const manualTrigger = { id: 'c0d1e2f3-0000-4000-8000-000000000001', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function chain(id, name, nodes) {
	const all = [manualTrigger, ...nodes.map((n, i) => ({ id: `c0d1e2f3-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, position: [240 * (i + 1), 0], typeVersion: 1, ...n }))];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const lever = (name, parameters) => ({ name, type: 'n8n-nodes-lever.lever', parameters: { authentication: 'apiKey', ...parameters }, credentials: CREDENTIAL_REF });

function nodeWorkflow() {
	return chain(NODE_WF, 'queue: Lever node reads and writes', [
		lever('Get Opportunities', { resource: 'opportunity', operation: 'getMany', returnAll: false, limit: 3, simplify: false }),
		lever('Add Tag', { resource: 'opportunity', operation: 'addTags', opportunityId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, tags: [], tagsText: 'queue-rw' }),
	]);
}

/** One item per id → Add Tags → Create Note (the note names the run, so duplicates are countable). */
function bulkWorkflow(ids, tag, performAs) {
	return chain(BULK_WF, 'queue: bulk tag and note', [
		{ name: 'Opportunity IDs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ ids }), options: {} } },
		{ name: 'One Item per ID', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} } },
		lever('Add Tag', { resource: 'opportunity', operation: 'addTags', opportunityId: { __rl: true, mode: 'id', value: '={{ $json.ids }}' }, tags: [], tagsText: tag }),
		lever('Add Note', {
			resource: 'note',
			operation: 'create',
			opportunityId: { __rl: true, mode: 'id', value: "={{ $('One Item per ID').item.json.ids }}" },
			value: `${tag} note`,
			performAs: { __rl: true, mode: 'id', value: performAs },
			additionalFields: {},
		}),
	]);
}

// not a name that contains the template's default table name: n8n 2.40.7's Reuse Existing Tables finds tables
// by "contains" and takes the first, so "Lever SeekOut index (every 20 s)" could shadow "Lever SeekOut index"
const SEEKOUT_SCHEDULED_TABLE = 'SeekOut index, queue copy';
const DATA_TABLE_WF = 'queueDataTable01';
/**
 * Webhook → a Data Table found or created by name → one row per call → every row back in the answer: state
 * that the next execution on any worker reads (static data does not: see the scheduled-templates test).
 */
function dataTableWorkflow() {
	const table = { __rl: true, mode: 'name', value: 'queue probe' };
	const nodes = [
		{ name: 'Data table probe', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5', parameters: { httpMethod: 'POST', path: 'queue-data-table', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} } },
		{ name: 'Open table', type: 'n8n-nodes-base.dataTable', typeVersion: 1.1, parameters: { resource: 'table', operation: 'create', tableName: table.value, columns: { column: [{ name: 'probe', type: 'string' }] }, options: { createIfNotExists: true } } },
		{ name: 'Row', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: "return [{ json: { probe: $('Data table probe').first().json.body.probe } }];" } },
		{ name: 'Insert', type: 'n8n-nodes-base.dataTable', typeVersion: 1.1, parameters: { resource: 'row', operation: 'insert', dataTableId: table, columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] }, options: {} } },
		{ name: 'All rows', type: 'n8n-nodes-base.dataTable', typeVersion: 1.1, parameters: { resource: 'row', operation: 'get', dataTableId: table, returnAll: true } },
		{ name: 'Answer', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: 'return [{ json: { rows: $input.all().map((i) => i.json.probe) } }];' } },
	].map((n, i) => ({ id: `c0d1e2f3-0000-4000-8000-0000000004${String(i).padStart(2, '0')}`, position: [240 * i, 0], ...n }));
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id: DATA_TABLE_WF, name: 'queue: Data Table across executions', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

function triggerWorkflow() {
	return leverTriggerWorkflow({
		id: TRIGGER_WF,
		name: 'queue: Lever Trigger',
		nodeId: 'c0d1e2f3-0000-4000-8000-0000000002a1',
		webhookId: TRIGGER_WEBHOOK_ID,
		events: EVENTS,
		credentials: CREDENTIAL_REF,
	});
}

function pollWorkflow() {
	// n8n refuses sub-minute polls; four once-a-minute crons poll every 15 s.
	const crons = [0, 15, 30, 45].map((s) => `${s} * * * * *`);
	return leverPollTriggerWorkflow({ id: POLL_WF, name: 'queue: Lever Poll Trigger', nodeId: 'c0d1e2f3-0000-4000-8000-0000000003b1', crons, credentials: CREDENTIAL_REF });
}

/**
 * A copy of a template under another id whose Schedule Trigger fires every 20 s (or `seconds`) and whose
 * Webhook (if any) listens under `q-<path>`; the rest unchanged.
 */
function every20s(wf, id, seconds = 20) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.id = id;
	copy.name = `${wf.name} (every ${seconds} s)`;
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: seconds }] };
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = `q-${node.parameters.path}`;
			node.webhookId = crypto.randomUUID();
		}
	}
	return copy;
}

describe('the package in n8n queue mode (main + 2 workers + webhook processor)', () => {
	const t0 = Date.now();
	let stack;
	let emu;
	let rcv;
	let session;
	let wf = {};
	let fx = {};

	// until() shows the last 5000 characters: about 1200 of each process's log
	const logs = () =>
		['main', 'worker1', 'worker2', 'webhook']
			.map((k) => `--- ${k} ---\n${stack?.n8n[k]?.log().slice(-1200) ?? ''}`)
			.join('\n');

	const executionsOf = (workflowId) => listExecutions(session, workflowId);
	const done = (e) => !['new', 'running', 'waiting'].includes(e.status);
	/** Waits for `count` finished executions of a workflow; returns them, newest first. */
	const finishedRuns = (workflowId, count, what, timeoutMs = 120000) =>
		until(async () => {
			const list = await executionsOf(workflowId);
			return list.length >= count && list.every(done) ? list : undefined;
		}, what, { timeoutMs, log: logs });
	const runManually = async (workflowId, triggerName) => (await session.call('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } })).executionId;
	const activate = async (workflowId) => {
		const w = await session.call('GET', `/workflows/${workflowId}`);
		await session.call('POST', `/workflows/${workflowId}/activate`, { versionId: w.versionId });
	};
	const deactivate = async (workflowId) => session.call('POST', `/workflows/${workflowId}/deactivate`, {});
	const onWorker = (executionId) => until(() => stack.workerOf(executionId), `the worker log line of execution ${executionId}`, { timeoutMs: 10000 });
	const hook = (p) => `${stack.webhookUrl}/webhook/${p}`;
	const opportunitiesOf = (email) =>
		emu.state.opportunities.values().filter((o) => (emu.state.contacts.get(o.contact)?.emails ?? []).map((e) => e.toLowerCase()).includes(email));

	beforeAll(async () => {
		const { startEmulator } = require(path.join(harness.ROOT, 'test', 'emulator'));
		emu = await startEmulator({ port: 0, opportunities: 150, seed: 5, rateLimit: { perSecond: 10, burst: 20 }, webhookRetryDelaysMs: [500, 1000] });
		log(`emulator started on ${emu.url}`);
		rcv = await T.startReceiver({ 'GET /hr/background-checks': () => ({ status: 200, body: [] }) });
		log(`partner stand-in started on ${rcv.url}`);
		stack = await startStack({
			tarball: process.env.E2E_TARBALL,
			env: {
				// a killed worker's job is found stalled within seconds, and its execution marked crashed
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
				N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			},
		});

		const users = emu.state.users.values();
		fx.admin = users.find((u) => u.accessRole === 'super admin' && !u.deactivatedAt);
		fx.published = emu.state.postings.values().filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential');
		const config = T.emulatorConfig(emu.state, { partnerUrl: rcv.url });
		const load = (key, overrides = {}) => T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES[key]), { credential: CREDENTIAL_REF, config: { ...config[key], ...overrides } });
		fx.bulkIds = emu.state.opportunities
			.values()
			.filter((o) => o.confidentiality !== 'confidential')
			.slice(0, BULK_ITEMS)
			.map((o) => o.id);
		fx.bulkTag = `queue-bulk-${Date.now().toString(36)}`;
		wf = {
			offerZen: load('offerZen'),
			theOrg: load('theOrg'),
			outhire: load('outhire'),
			seekOut: load('seekOut'),
			// its full run in windows of 120 days (a few sub-executions, each on the worker of the run); every 60 s,
			// so that its first run has ended before the next one would start (see the scheduled test)
			sureCloud: every20s(load('sureCloud', { batchDays: 120 }), 'queueSureCloud20s', 60),
			outhireScheduled: every20s(load('outhire'), 'queueOuthire020s'),
			// its own table: the manual SeekOut run below fills the template's default one; its full run in windows
			// of 120 days, every 60 s as SureCloud's
			seekOutScheduled: T.withStateTable(every20s(load('seekOut', { batchDays: 120 }), 'queueSeekOut020s', 60), SEEKOUT_SCHEDULED_TABLE),
			node: nodeWorkflow(),
			bulk: bulkWorkflow(fx.bulkIds, fx.bulkTag, fx.admin.id),
			trigger: triggerWorkflow(),
			poll: pollWorkflow(),
			dataTable: dataTableWorkflow(),
		};
		let t = Date.now();
		await stack.importCredentials([{ ...CREDENTIAL, data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' } }]);
		await stack.importWorkflows(Object.values(wf));
		log(`credential and ${Object.keys(wf).length} workflows imported (${Math.round((Date.now() - t) / 1000)}s)`);
		t = Date.now();
		await stack.startAll();
		session = await restSession(stack.mainUrl);
		// Activated through main's REST API, as in the editor: main subscribes the Lever Trigger and starts
		// the poll; the webhook processor serves the production webhooks.
		for (const key of ['offerZen', 'theOrg', 'outhire', 'seekOut', 'trigger', 'poll', 'dataTable']) await activate(wf[key].id);
		for (const p of ['offerzen/interview-accepted', 'outhire/events', 'seekout/enrich', 'theorg/sync-now', 'queue-data-table']) await T.waitForWebhook(hook(p), { timeoutMs: 120000 });
		log(`n8n up, 7 workflows activated, webhooks served by the webhook processor (${Math.round((Date.now() - t) / 1000)}s)`);
	}, 15 * 60 * 1000);

	afterAll(async () => {
		if (stack) await stack.stop();
		if (rcv) await rcv.close();
		if (emu) {
			const r = emu.requests();
			log(`emulator: ${r.total} requests, ${r.status429} × 429`);
			await emu.close();
		}
		log(`total ${Math.round((Date.now() - t0) / 1000)}s`);
	});

	// --------------------------------------------------------------------------------------- templates

	test('webhook-started template paths run through the webhook processor on the workers', async () => {
		const posting = fx.published[0];
		const offerZen = await T.postJson(hook('offerzen/interview-accepted'), {
			interviewRequestId: 'oz-queue-1',
			acceptedAt: '2026-11-20T10:00:00Z',
			position: { id: 'oz-position-1' },
			candidate: { firstName: 'Quinn', lastName: 'Queue', email: 'quinn.queue@example.com', profileUrl: 'https://www.offerzen.com/talent/quinn-queue', links: [] },
		});
		if (offerZen.status !== 201) throw new Error(`OfferZen answered ${offerZen.status}: ${offerZen.text}\n${logs()}`);
		expect(offerZen.body).toMatchObject({ created: true });
		expect(opportunitiesOf('quinn.queue@example.com').map((o) => o.id)).toEqual([offerZen.body.opportunityId]);

		const outhire = await T.postJson(hook('outhire/events'), {
			id: 'evt-queue-1',
			type: 'application',
			job: { leverPostingId: posting.id },
			candidate: { name: 'Ola Queue', email: 'ola.queue@example.com', links: [] },
		});
		expect(outhire.status).toBe(201);
		expect(opportunitiesOf('ola.queue@example.com')).toHaveLength(1);

		// No lookup index yet (the manual run below builds it): SeekOut gets the template's warning.
		const seekOut = await T.postJson(hook('seekout/enrich'), { profiles: [{ profileId: 'p-queue', name: 'Someone', emails: ['quinn.queue@example.com'] }] });
		expect(seekOut.status).toBe(200);
		expect(seekOut.body).toMatchObject({ storage: 'dataTable', indexReady: false, matched: 0 });

		const theOrg = await T.postJson(hook('theorg/sync-now'), {});
		expect(theOrg.status).toBe(200);
		expect(theOrg.body.counts.open).toBeGreaterThan(0);
		expect(rcv.to('/the-org')).toHaveLength(1);

		for (const key of ['offerZen', 'outhire', 'seekOut', 'theOrg']) {
			const [e] = await finishedRuns(wf[key].id, 1, `${key} execution`);
			expect(e.status).toBe('success');
			expect(e.mode).toBe('webhook');
			expect(await onWorker(e.id)).toMatch(/^worker[12]$/);
		}
	});

	test('manual template paths run on the workers (offloaded from main)', async () => {
		const before = rcv.to('/the-org').length;
		const theOrgRun = await runManually(wf.theOrg.id, 'Run now (editor)');
		const seekOutRun = await runManually(wf.seekOut.id, 'Refresh index now');
		const theOrg = await until(async () => {
			const e = await executionById(session, theOrgRun);
			return done(e) ? e : undefined;
		}, 'the manual The Org run', { timeoutMs: 120000, log: logs });
		expect(theOrg.status).toBe('success');
		expect(theOrg.mode).toBe('manual');
		// The snapshot the sync-now run (on a worker) left in The Org's Data Table is read back by this run on a
		// worker: an incremental run with nothing changed, so nothing is sent (static data would be empty here).
		expect(theOrg.output('Plan run')[0]).toMatchObject({ storage: 'dataTable', mode: 'incremental' });
		expect(theOrg.output('Compare with previous snapshot')[0].hasChanges).toBe(false);
		expect(rcv.to('/the-org')).toHaveLength(before);
		const seekOut = await until(async () => {
			const e = await executionById(session, seekOutRun);
			return done(e) ? e : undefined;
		}, 'the manual SeekOut run', { timeoutMs: 120000, log: logs });
		expect(seekOut.status).toBe('success');
		const [summary] = seekOut.output('Build lookup index');
		expect(summary).toMatchObject({ storage: 'dataTable', mode: 'full' });
		expect(summary.opportunities).toBe(emu.state.opportunities.values().filter((o) => o.confidentiality !== 'confidential').length);
		expect(await onWorker(theOrgRun)).toMatch(/^worker[12]$/);
		expect(await onWorker(seekOutRun)).toMatch(/^worker[12]$/);
	});

	test('scheduled template paths fire on main and run on the workers (Schedule Trigger set to 20 s, SureCloud and SeekOut 60 s)', async () => {
		const scheduled = ['sureCloud', 'outhireScheduled', 'seekOutScheduled'];
		for (const key of scheduled) await activate(wf[key].id);
		// Each is switched off once its first scheduled run has started (a run may take longer than 20 s). SureCloud
		// and SeekOut only once that run has ended: their full runs call the workflow's published version once per
		// window, and a window started after the workflow was unpublished fails ("Workflow is not active and cannot
		// be executed.", n8n 2.40.7), which fails the run.
		const untilEnded = new Set(['sureCloud', 'seekOutScheduled']);
		const pending = new Set(scheduled);
		try {
			await until(
				async () => {
					for (const key of [...pending]) {
						if ((await executionsOf(wf[key].id)).some((e) => e.mode === 'trigger' && (!untilEnded.has(key) || done(e)))) {
							await deactivate(wf[key].id);
							pending.delete(key);
						}
					}
					return pending.size === 0;
				},
				'a scheduled run of SureCloud, Outhire and SeekOut',
				{ timeoutMs: 180000, everyMs: 1000, log: logs },
			);
		} finally {
			for (const key of pending) await deactivate(wf[key].id).catch(() => undefined);
		}
		for (const key of scheduled) {
			const runs = (await finishedRuns(wf[key].id, 1, `${key} scheduled execution`, 180000)).filter((e) => e.mode === 'trigger');
			expect(runs.length).toBeGreaterThanOrEqual(1);
			expect(runs.every((e) => e.status === 'success')).toBe(true);
			expect(await onWorker(runs[runs.length - 1].id)).toMatch(/^worker[12]$/);
		}
		const parts = T.parseMultipart(rcv.to('/surecloud/evidence')[0]);
		expect(parts.evidence.filename).toBe('lever-evidence.csv');
		// SureCloud keeps its state in a Data Table, which a worker opens as any n8n process does (PostgreSQL
		// here): its first scheduled run, on a worker, saved the rows and the cursor row there.
		const sureCloudRuns = (await executionsOf(wf.sureCloud.id)).filter((e) => e.mode === 'trigger' && done(e));
		const sureCloudFirst = (await executionById(session, sureCloudRuns[sureCloudRuns.length - 1].id)).output('Save state')[0];
		expect(sureCloudFirst).toMatchObject({ storage: 'dataTable', mode: 'full', reason: 'first run' });
		// read in windows: the run (published, on a worker) called its published version once per window
		expect(sureCloudFirst.batches).toBeGreaterThan(1);
		const sureCloudRows = await dataTableRows(session, 'Lever SureCloud evidence');
		expect(JSON.parse(sureCloudRows.find((r) => r.key === '_state').data).cursor).toBeGreaterThanOrEqual(sureCloudFirst.cursor);
		// one row per offer-stage opportunity, one per owner of active opportunities, and the cursor row
		const listed = emu.state.opportunities.values().filter((o) => o.confidentiality !== 'confidential');
		const keys = new Set(['_state', ...listed.filter((o) => o.stage === 'offer').map((o) => o.id), ...listed.filter((o) => !o.archived).map((o) => `owner:${o.owner || ''}`)]);
		expect(sureCloudRows.map((r) => r.key).sort()).toEqual([...keys].sort());
		const { jobs } = rcv.to('/outhire/jobs')[0].json;
		expect(jobs.length).toBeGreaterThan(0);
		const [index] = (await executionById(session, (await executionsOf(wf.seekOutScheduled.id)).find((e) => e.mode === 'trigger').id)).output('Build lookup index');
		const visible = emu.state.opportunities.values().filter((o) => o.confidentiality !== 'confidential');
		expect(index).toMatchObject({ storage: 'dataTable', mode: 'full', opportunities: visible.length });
		// a full run in windows: the published workflow called itself once per window, on the worker
		expect(index.windows.count).toBeGreaterThan(1);

		// Static data does not carry over between executions on workers (n8n 2.40.7: a queued execution gets a
		// workflow snapshot without it): SeekOut keeps its index in a Data Table instead, which workers read. The
		// scheduled run on a worker wrote one row per opportunity; the same workflow's enrichment webhook (on a
		// worker) finds people in it, and its next scheduled run is incremental.
		const rows = await dataTableRows(session, SEEKOUT_SCHEDULED_TABLE);
		expect(rows.filter((r) => r.key !== '_state').map((r) => r.key).sort()).toEqual(visible.map((o) => o.id).sort());
		const seeded = visible.find((o) => !o._apiCreated);
		const email = emu.state.contacts.get(seeded.contact).emails[0];
		await activate(wf.seekOutScheduled.id);
		try {
			await T.waitForWebhook(hook('q-seekout/enrich'), { timeoutMs: 120000 });
			const res = await T.postJson(hook('q-seekout/enrich'), { profiles: [{ profileId: 'p-seeded', name: 'Someone', emails: [email] }] });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ storage: 'dataTable', indexReady: true, matched: 1 });
			expect(res.body.results[0]).toMatchObject({ inLever: true, matchedBy: 'email', contactId: seeded.contact });
			const answered = await until(
				async () => (await executionsOf(wf.seekOutScheduled.id)).find((e) => e.mode === 'webhook' && done(e)),
				'the enrichment execution',
				{ timeoutMs: 60000, log: logs },
			);
			expect(answered.status).toBe('success');
			expect(await onWorker(answered.id)).toMatch(/^worker[12]$/);
			const second = await until(
				async () => {
					const runs = (await executionsOf(wf.seekOutScheduled.id)).filter((e) => e.mode === 'trigger' && done(e));
					return runs.length >= 2 ? runs[0] : undefined;
				},
				'a second scheduled SeekOut run',
				{ timeoutMs: 120000, everyMs: 1000, log: logs },
			);
			expect(second.status).toBe('success');
			expect((await executionById(session, second.id)).output('Plan run')[0]).toMatchObject({ storage: 'dataTable', mode: 'incremental', reason: null });
			expect(await onWorker(second.id)).toMatch(/^worker[12]$/);
		} finally {
			await deactivate(wf.seekOutScheduled.id);
		}
	});


	test('a Data Table keeps what one execution on a worker wrote for the next one (where static data does not)', async () => {
		const first = await T.postJson(hook('queue-data-table'), { probe: 'first call' });
		expect(first.status).toBe(200);
		expect(first.body.rows).toEqual(['first call']);
		const second = await T.postJson(hook('queue-data-table'), { probe: 'second call' });
		expect(second.status).toBe(200);
		expect([...second.body.rows].sort()).toEqual(['first call', 'second call']);
		const runs = await finishedRuns(DATA_TABLE_WF, 2, 'the two Data Table executions');
		for (const e of runs) {
			expect(e.status).toBe('success');
			expect(await onWorker(e.id)).toMatch(/^worker[12]$/);
		}
	});

	// ------------------------------------------------------------------------------------ Lever node

	test('the Lever node reads and writes on a worker', async () => {
		const id = await runManually(NODE_WF, 'Manual Trigger');
		const e = await until(async () => {
			const x = await executionById(session, id);
			return done(x) ? x : undefined;
		}, 'the node run', { timeoutMs: 120000, log: logs });
		expect(e.status).toBe('success');
		const read = e.output('Get Opportunities');
		expect(read).toHaveLength(3);
		for (const o of read) expect(emu.state.opportunities.get(o.id).tags).toContain('queue-rw');
		expect(await onWorker(id)).toMatch(/^worker[12]$/);
	});

	// ---------------------------------------------------------------------------------- Lever Trigger

	test('Lever Trigger: subscribed on activation with the webhook processor URL; deliveries run on a worker; forged and stale ones are refused, a copy runs nothing', async () => {
		const url = hook(`${TRIGGER_WEBHOOK_ID}/webhook`);
		const subs = await until(() => (emu.state.webhooks.values().length >= EVENTS.length ? emu.state.webhooks.values() : undefined), 'the subscription', { timeoutMs: 60000, log: logs });
		expect(subs.map((w) => w.url)).toEqual([url]);
		expect(stack.n8n.main.log()).toMatch(/Lever Trigger: subscribed/);

		const opportunity = emu.state.opportunities.values().find((o) => !o.archived && o.confidentiality !== 'confidential');
		const toStage = emu.state.stages.values().find((s) => s.id !== opportunity.stage);
		await fetch(`${emu.apiUrl}/opportunities/${opportunity.id}/stage`, {
			method: 'PUT',
			headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
			body: JSON.stringify({ stage: toStage.id }),
		});
		const delivery = await until(() => emu.deliveries().find((d) => d.event === 'candidateStageChange' && d.status === 'delivered'), 'the delivery', { timeoutMs: 60000, log: logs });
		expect(delivery.url).toBe(url);
		const [e] = await finishedRuns(TRIGGER_WF, 1, 'the trigger execution');
		expect(e.status).toBe('success');
		expect(e.mode).toBe('webhook');
		const full = await executionById(session, e.id);
		expect(full.output('Lever Trigger')[0]).toMatchObject({ event: 'candidateStageChange', opportunityId: opportunity.id, toStageId: toStage.id });
		expect(await onWorker(e.id)).toMatch(/^worker[12]$/);

		// Forged and stale deliveries: refused by every webhook processor (no shared state needed).
		const secret = emu.state.webhooks.values()[0]._signatureToken;
		const token = crypto.randomBytes(16).toString('hex');
		const at = Date.now();
		const forged = await T.postJson(url, { ...delivery.envelope, token, triggeredAt: at, signature: signDelivery('wrong', token, at) });
		expect(forged.status).toBe(401);
		const staleAt = Date.now() - 10 * 60 * 1000;
		const stale = await T.postJson(url, { ...delivery.envelope, token, triggeredAt: staleAt, signature: signDelivery(secret, token, staleAt) });
		expect(stale.status).toBe(401);

		// The same delivery again, to the same webhook processor: its in-process replay record knows it, so it
		// gets 200 (Lever stops retrying) and runs nothing.
		const again = await T.postJson(url, delivery.envelope, { headers: { 'user-agent': 'Lever-Webhooks' } });
		expect(again.status).toBe(200);
		await until(() => stack.n8n.webhook.log().includes('arrived again and was acknowledged without a run'), 'the duplicate in the log', { timeoutMs: 10000 });
		await sleep(1500);
		expect(await executionsOf(TRIGGER_WF)).toHaveLength(1);

		// Whether the record also reached static data in the database (what other webhook processes and a
		// restart rely on) is up to n8n's queue mode: logged, not asserted (docs/triggers.md).
		const recorded = await until(async () => {
			const w = await session.call('GET', `/workflows/${TRIGGER_WF}`);
			return delivery.envelope.signature in (w.staticData?.['node:Lever Trigger']?.replay?.seen ?? {});
		}, 'the record in static data', { timeoutMs: 20000, everyMs: 500 }).catch(() => false);
		log(`Lever Trigger: the accepted delivery ${recorded ? 'is' : 'is NOT'} in the workflow's static data 20 s later`);
	});

	// ----------------------------------------------------------------------------- Lever Poll Trigger

	test('Lever Poll Trigger polls on main; its cursor survives a restart of every n8n process', async () => {
		const state = () => session.call('GET', `/workflows/${POLL_WF}`).then((w) => w.staticData?.['node:Lever Poll Trigger']?.lever);
		await until(state, 'the first poll', { timeoutMs: 60000, log: logs });
		const create = async (name, email) =>
			(
				await (
					await fetch(`${emu.apiUrl}/opportunities?perform_as=${fx.admin.id}`, {
						method: 'POST',
						headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
						body: JSON.stringify({ name, emails: [email], origin: 'sourced' }),
					})
				).json()
			).data.id;
		/** Every opportunity id the poll trigger has emitted, over all its executions, oldest first. */
		const emitted = async () => {
			const ids = [];
			for (const e of (await executionsOf(POLL_WF)).reverse().filter(done)) {
				expect(e.status).toBe('success');
				expect(e.mode).toBe('trigger');
				ids.push(...((await executionById(session, e.id)).output('Lever Poll Trigger') ?? []).map((i) => i.id));
			}
			return ids;
		};
		// The templates above created opportunities too: the poll emits them as well.
		const first = await create('Pat Poll', 'pat.poll@example.com');
		await until(async () => (await executionsOf(POLL_WF)).every(done) && (await emitted()).includes(first), 'the poll execution with the new opportunity', { timeoutMs: 90000, log: logs });
		const [latest] = await executionsOf(POLL_WF);
		expect(await onWorker(latest.id)).toMatch(/^worker[12]$/);
		const cursorBefore = (await state()).cursor;

		// Every n8n process restarts (Redis and PostgreSQL stay: they are the stack's memory).
		const t = Date.now();
		await stack.stopN8n();
		await stack.startAll();
		await session.login();
		log(`every n8n process restarted (${Math.round((Date.now() - t) / 1000)}s)`);
		expect((await state()).cursor).toBeGreaterThanOrEqual(cursorBefore);

		const before = (await executionsOf(POLL_WF)).length;
		const second = await create('Robin Restart', 'robin.restart@example.com');
		await until(async () => (await executionsOf(POLL_WF)).every(done) && (await emitted()).includes(second), 'the poll execution after the restart', { timeoutMs: 120000, log: logs });
		// a few more polls: nothing is emitted twice
		const polls = () => emu.requests(2000).recent.filter((r) => r.method === 'GET' && r.template === '/opportunities').length;
		const p0 = polls();
		await until(() => polls() >= p0 + 2, 'two more polls', { timeoutMs: 60000 });
		await sleep(1000);
		const ids = await emitted();
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.filter((id) => id === first || id === second)).toEqual([first, second]);
		expect((await executionsOf(POLL_WF)).length).toBe(before + 1);
	});

	// ------------------------------------------------------------------------- a worker dies mid-run

	test('a worker killed during a bulk tag run: the job is not run again, no opportunity gets a second note, tags stay single', async () => {
		const notesOf = (id) => emu.state.notes.children(id).filter((n) => JSON.stringify(n.fields ?? n).includes(`${fx.bulkTag} note`));
		const startedId = await runManually(BULK_WF, 'Manual Trigger');
		const worker = await until(() => stack.workerOf(startedId), 'a worker to take the bulk run', { timeoutMs: 60000, log: logs });
		// Kill it once some items are written, well before all are.
		// n8n runs node by node: every item is tagged, then the notes start.
		await until(() => fx.bulkIds.filter((id) => notesOf(id).length).length >= 10, 'the first notes', { timeoutMs: 180000, everyMs: 250, log: logs });
		await stack.n8n[worker].crash();
		const writtenAtKill = fx.bulkIds.filter((id) => notesOf(id).length).length;
		expect(writtenAtKill).toBeLessThan(BULK_ITEMS);

		// n8n 2.40: the job's lock expires, Bull finds it stalled and fails it (maxStalledCount 0); main's
		// queue recovery then marks the execution crashed. The other worker never starts it.
		const e = await until(async () => {
			const x = await session.call('GET', `/executions/${startedId}`);
			return done(x) ? x : undefined;
		}, 'the killed execution to be closed', { timeoutMs: 150000, everyMs: 2000, log: logs });
		expect(['crashed', 'error']).toContain(e.status);
		const other = stack.workerNames.find((k) => k !== worker);
		expect(new RegExp(`Worker started execution ${startedId}\\b`).test(stack.n8n[other].log())).toBe(false);
		await sleep(3000);
		const notes = fx.bulkIds.map((id) => notesOf(id).length);
		expect(Math.max(...notes)).toBe(1);
		const tagCounts = fx.bulkIds.map((id) => emu.state.opportunities.get(id).tags.filter((tag) => tag === fx.bulkTag).length);
		expect(Math.max(...tagCounts)).toBe(1);
		log(`bulk run killed on ${worker} after ${writtenAtKill}/${BULK_ITEMS} notes; execution ${e.status}; ${notes.filter(Boolean).length} opportunities noted once, none twice`);

		// The worker comes back; tagging again is idempotent (one tag each, still).
		await stack.startProcess(worker);
	});
});
