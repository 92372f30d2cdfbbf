'use strict';
/*
 * The Org's (and Outhire's) state in an n8n Data Table (issue 17), under `n8n start`, the production case:
 * n8n 2.40.7 gives a template its table, `n8n execute` (templates.test.js) and n8n 1.x do not.
 *
 * Two copies of each template run side by side against one emulator account: the shipped one (Config
 * `stateTable` set: state in the table) and one with `stateTable` empty (the documented escape hatch: state in
 * static data, today's path). Each step runs both and compares what reached the partner stand-in; the table
 * copy's rows, Lever requests and Data Table reads are checked on their own. On n8n 1.x only the fallback is
 * checked: the shipped template keeps its state in static data and still works.
 */
const { harness, setupInstance, restSession, dataTableRows, executionById, listExecutions, runFromTrigger } = require('./helpers');
const T = require('./templates-helpers');

const HAS_DATA_TABLES = Number(harness.installer.N8N_VERSION.split('.')[0]) >= 2;
const THE_ORG_TABLE = 'Lever The Org snapshot';
const OUTHIRE_TABLE = 'Lever Outhire jobs';
// a third copy of The Org whose table has a name another table's contains (n8n 2.40.7's Reuse Existing Tables)
const NAME_CHECK_TABLE = 'Lever The Org name check';

const { leverApi } = T;

/** What The Org got, without the moment it was sent. */
const payloadOf = (entry) => {
	const { syncedAt, ...rest } = entry.json;
	return rest;
};

describe('The Org and Outhire with their state in a Data Table (n8n start)', () => {
	let inst;
	let emu;
	let rcv;
	let server;
	let session;
	let wf = {};
	let fx = {};
	let failTheOrg = false;
	let failOuthire = false;
	const hook = (path) => `${server.url}/webhook/${path}`;
	const openIds = () =>
		emu.state.postings
			.values()
			.filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential')
			.map((p) => p.id)
			.sort();
	const latestExecution = async (workflowId) => {
		const [latest] = await listExecutions(session, workflowId, { limit: 1 });
		return executionById(session, latest.id);
	};

	beforeAll(async () => {
		inst = await setupInstance({ emulator: { opportunities: 20, rateLimit: { perSecond: 10, burst: 20 }, requestLogSize: 20000 } });
		emu = inst.emu;
		rcv = await T.startReceiver({
			'POST /the-org': () => (failTheOrg ? { status: 500, body: { error: 'The Org is down' } } : { status: 200, body: { ok: true } }),
			'POST /the-org-static': () => ({ status: 200, body: { ok: true } }),
			'POST /the-org-name-check': () => ({ status: 200, body: { ok: true } }),
			'POST /outhire/jobs': () => (failOuthire ? { status: 500, body: { error: 'Outhire is down' } } : { status: 200, body: { ok: true } }),
		});
		const users = emu.state.users.values();
		fx.admin = users.find((u) => u.accessRole === 'super admin' && !u.deactivatedAt);
		fx.published = emu.state.postings.values().filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential');
		expect(fx.published.length).toBeGreaterThanOrEqual(3);
		const config = T.emulatorConfig(emu.state, { partnerUrl: rcv.url });
		const load = (key, overrides = {}) => T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES[key]), { credential: inst.credential, config: { ...config[key], ...overrides } });
		wf = {
			theOrg: load('theOrg'),
			theOrgNameCheck: T.withWebhookPath(load('theOrg', { stateTable: NAME_CHECK_TABLE, theOrgEndpointUrl: `${rcv.url}/the-org-name-check` }), { id: 'tplTheOrgNameChk', path: 'theorg-name-check/sync-now' }),
			theOrgStatic: T.withWebhookPath(load('theOrg', { stateTable: '', theOrgEndpointUrl: `${rcv.url}/the-org-static` }), { id: 'tplTheOrgStatic1', path: 'theorg-static/sync-now' }),
			// the jobs export runs from its Schedule Trigger as the editor starts it (no webhook, no publishing)
			outhire: load('outhire'),
			outhireStatic: T.withWebhookPath(load('outhire', { stateTable: '', outhireJobsUrl: `${rcv.url}/outhire-static/jobs` }), { id: 'tplOuthireStatic', path: 'outhire-static/events' }),
		};
		await harness.importWorkflows(inst.folder, Object.values(wf));
		for (const key of ['theOrg', 'theOrgStatic', 'theOrgNameCheck']) await harness.publishWorkflow(inst.folder, wf[key].id);
		server = await harness.startN8n(inst.folder);
		session = await restSession(server.url);
		for (const path of ['theorg/sync-now', 'theorg-static/sync-now', 'theorg-name-check/sync-now']) await T.waitForWebhook(hook(path));
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (rcv) await rcv.close();
		if (inst) await inst.close();
	});

	/** Sync now on both copies (table first); returns their answers and the table copy's Lever requests. */
	async function syncBoth() {
		const mark = T.requestMark(emu);
		const table = await T.postJson(hook('theorg/sync-now'), {});
		const requests = T.leverRequestsSince(emu, mark);
		const fallback = await T.postJson(hook('theorg-static/sync-now'), {});
		if (table.status !== 200 || fallback.status !== 200) throw new Error(`sync now answered ${table.status} / ${fallback.status}: ${table.text} ${fallback.text}\n${server.log().slice(-4000)}`);
		return { table: table.body, fallback: fallback.body, requests };
	}

	const rowsByKey = async (table = THE_ORG_TABLE) => Object.fromEntries((await dataTableRows(session, table)).map((r) => [r.key, r]));

	/** The jobs export of both Outhire copies (table first) from their Schedule Trigger; the table copy's run and Lever requests. */
	async function exportBoth() {
		const mark = T.requestMark(emu);
		const table = await runFromTrigger(session, wf.outhire.id, 'Every hour', { log: server.log });
		const requests = T.leverRequestsSince(emu, mark);
		const fallback = await runFromTrigger(session, wf.outhireStatic.id, 'Every hour', { log: server.log });
		if (table.status !== 'success' || fallback.status !== 'success') throw new Error(`export ${table.status} / ${fallback.status}\n${server.log().slice(-4000)}`);
		return { table, fallback, requests };
	}
	const listedIds = () =>
		emu.state.postings
			.values()
			.filter((p) => p.confidentiality === 'non-confidential' && p.state === 'published' && (p.distributionChannels || []).length)
			.map((p) => p.id)
			.sort();
	const jobsOf = (entry) => {
		const { exportedAt, ...rest } = entry.json;
		return rest;
	};

	(HAS_DATA_TABLES ? describe : describe.skip)('n8n 2.x: state in the table', () => {
		let cursorAfterRun2;

		test('The Org: a full first run fills the table with one row per open posting and the _state row; the output equals the static path', async () => {
			const { table, fallback, requests } = await syncBoth();
			expect(table.storage).toBe('dataTable');
			expect(fallback.storage).toBe('staticData');
			expect(table.counts).toEqual({ open: openIds().length, created: openIds().length, changed: 0, removed: 0 });
			expect(requests.counts).toEqual({ 'GET /postings': 1, 'GET /postings/deleted': 1 });
			const [sent] = rcv.to('/the-org');
			const [sentStatic] = rcv.to('/the-org-static');
			expect(sent.json.firstRun).toBe(true);
			expect(sent.json.created.map((p) => p.leverId)).toEqual(openIds());
			expect(payloadOf(sent)).toEqual(payloadOf(sentStatic));

			const rows = await rowsByKey();
			expect(Object.keys(rows).sort()).toEqual([...openIds(), '_state'].sort());
			for (const role of sent.json.created) expect(JSON.parse(rows[role.leverId].data)).toEqual(role);
			const state = JSON.parse(rows._state.data);
			expect(state).toMatchObject({ open: openIds().length, lastSyncAt: sent.json.syncedAt });
			expect(state.cursor).toBe(state.lastFullRunAt);
			// the table copy's static data stays empty; the fallback copy's holds its snapshot
			const stored = async (id) => (await session.call('GET', `/workflows/${id}`)).staticData?.global ?? {};
			expect(await stored(wf.theOrg.id)).toEqual({});
			expect(Object.keys((await stored(wf.theOrgStatic.id)).postings).sort()).toEqual(openIds());
		});

		test('The Org: an incremental run reads the changed postings only, upserts and deletes their rows, and sends what the static path sends', async () => {
			const { created, edited, editedTitle, closed, deleted } = await T.changePostings(emu, fx, 'tables e2e');
			const { cursor: cursorBefore } = JSON.parse((await rowsByKey())._state.data);

			const { table, fallback, requests } = await syncBoth();
			expect(requests.counts).toEqual({ 'GET /postings': 1, 'GET /postings/deleted': 1 });
			expect(table).toMatchObject({ storage: 'dataTable', counts: fallback.counts });
			expect(table.counts).toEqual({ open: openIds().length, created: 1, changed: 1, removed: 2 });
			const sent = rcv.to('/the-org')[1];
			expect(payloadOf(sent)).toEqual(payloadOf(rcv.to('/the-org-static')[1]));
			expect(sent.json.created.map((p) => p.leverId)).toEqual([created.data.id]);
			expect(sent.json.changed.map((p) => [p.leverId, p.changedFields])).toEqual([[edited.id, ['title']]]);
			expect(Object.fromEntries(sent.json.removed.map((p) => [p.leverId, p.reason]))).toEqual({ [closed.id]: 'closed', [deleted.id]: 'deleted' });

			// Only the rows of the postings Lever returned as changed (and the one deleted since the cursor) were read.
			const run = await latestExecution(wf.theOrg.id);
			expect(run.output('Read all rows')).toBeUndefined();
			const changedIds = run.output('Get changed postings').map((p) => p.id);
			expect(changedIds).toEqual(expect.arrayContaining([created.data.id, edited.id, closed.id]));
			expect(run.output('Rows to read').map((i) => i.key).sort()).toEqual([...new Set([...changedIds, deleted.id])].sort());
			expect(run.output('Read rows by key').map((r) => r.key).sort()).toEqual([edited.id, closed.id, deleted.id].sort());

			const rows = await rowsByKey();
			expect(Object.keys(rows).sort()).toEqual([...openIds(), '_state'].sort());
			expect(JSON.parse(rows[edited.id].data).title).toBe(editedTitle);
			expect(JSON.parse(rows[created.data.id].data)).toEqual(sent.json.created[0]);
			const state = JSON.parse(rows._state.data);
			expect(state.cursor).toBeGreaterThan(cursorBefore);
			expect(state.lastFullRunAt).toBe(cursorBefore);
			expect(state.open).toBe(openIds().length);
			cursorAfterRun2 = state.cursor;
		});

		test('The Org: a run whose POST fails leaves the rows and the cursor as they were; the next run sends the change', async () => {
			const renamed = fx.published[0]; // renamed once already, still open
			const title = `${emu.state.postings.get(renamed.id).text} (again)`;
			await leverApi(emu, 'POST', `/postings/${renamed.id}?perform_as=${fx.admin.id}`, { text: title });
			const before = await rowsByKey();
			failTheOrg = true;
			let res;
			try {
				res = await T.postJson(hook('theorg/sync-now'), {});
			} finally {
				failTheOrg = false;
			}
			expect(res.status).toBe(500);
			const failed = await latestExecution(wf.theOrg.id);
			expect(failed.status).toBe('error');
			expect(failed.output('Save rows')).toBeUndefined();
			expect(await rowsByKey()).toEqual(before);
			expect(JSON.parse(before._state.data).cursor).toBe(cursorAfterRun2);

			const again = await T.postJson(hook('theorg/sync-now'), {});
			expect(again.status).toBe(200);
			expect(again.body.counts).toMatchObject({ created: 0, changed: 1, removed: 0 });
			const sent = rcv.to('/the-org').at(-1).json;
			expect(sent.changed.map((p) => [p.leverId, p.title])).toEqual([[renamed.id, title]]);
			const rows = await rowsByKey();
			expect(JSON.parse(rows[renamed.id].data).title).toBe(title);
			expect(JSON.parse(rows._state.data).cursor).toBeGreaterThan(cursorAfterRun2);
		});

		test("The Org: when another Data Table's name contains Config stateTable, the run stops with an error naming the field and the fix, and sends nothing", async () => {
			// the first run creates the table; then n8n 2.40.7 finds the newer decoy first (most recently updated first),
			// does not reuse it (other name) and cannot create the template's table again
			const first = await T.postJson(hook('theorg-name-check/sync-now'), {});
			expect(first.status).toBe(200);
			expect(rcv.to('/the-org-name-check')).toHaveLength(1);
			const { id: projectId } = await session.call('GET', '/projects/personal');
			const decoy = await session.call('POST', `/projects/${projectId}/data-tables`, { name: `${NAME_CHECK_TABLE} (old)`, columns: [{ name: 'key', type: 'string' }] });
			expect(decoy).toMatchObject({ name: `${NAME_CHECK_TABLE} (old)` });
			const res = await T.postJson(hook('theorg-name-check/sync-now'), {});
			const run = await latestExecution(wf.theOrgNameCheck.id);
			expect(run.output('Open state table')).toEqual([{ error: `Data table with name '${NAME_CHECK_TABLE}' already exists in this project` }]);
			expect(run.status).toBe('error');
			expect(res.status).toBe(500);
			expect(run.run.resultData.error.message).toContain(
				`A Data Table whose name contains Config stateTable ('${NAME_CHECK_TABLE}') already exists: n8n cannot open '${NAME_CHECK_TABLE}' beside it`,
			);
			expect(run.run.resultData.error.message).toContain('Rename one of them, or set Config stateTable to a name no other Data Table contains.');
			expect(run.output('Plan run')).toBeUndefined();
			expect(rcv.to('/the-org-name-check')).toHaveLength(1);
		});

		test('Outhire: the first export fills the table with one row per job; the next reads only the changes, writes only their rows and sends the same list as the static path', async () => {
			const own = [];
			for (const text of ['Outhire tables role A', 'Outhire tables role B']) {
				const res = await leverApi(emu, 'POST', `/postings?perform_as=${fx.admin.id}`, { text, state: 'published', distributionChannels: ['public'], categories: { department: 'Engineering', team: 'Platform', location: 'Remote' } });
				own.push(res.data.id);
			}
			const first = await exportBoth();
			expect(first.table.output('Plan run')[0]).toMatchObject({ storage: 'dataTable', mode: 'full' });
			expect(first.fallback.output('Plan run')[0]).toMatchObject({ storage: 'staticData', mode: 'full' });
			expect(first.requests.counts).toEqual({ 'GET /postings': 1, 'GET /postings/deleted': 1 });
			const [sent] = rcv.to('/outhire/jobs');
			expect(sent.json.jobs.map((j) => j.leverId)).toEqual(listedIds());
			expect(jobsOf(sent)).toEqual(jobsOf(rcv.to('/outhire-static/jobs')[0]));
			let rows = await rowsByKey(OUTHIRE_TABLE);
			expect(Object.keys(rows).sort()).toEqual([...listedIds(), '_state'].sort());
			for (const job of sent.json.jobs) expect(JSON.parse(rows[job.leverId].data)).toEqual(job);
			const { cursor } = JSON.parse(rows._state.data);
			expect(cursor).toBe(first.table.output('Plan run')[0].startedAt);

			const [renamed, closed] = own;
			await leverApi(emu, 'POST', `/postings/${renamed}?perform_as=${fx.admin.id}`, { text: 'Outhire tables role A (renamed)' });
			await leverApi(emu, 'POST', `/postings/${closed}?perform_as=${fx.admin.id}`, { state: 'closed' });
			const second = await exportBoth();
			expect(second.table.output('Plan run')[0]).toMatchObject({ storage: 'dataTable', mode: 'incremental' });
			expect(second.requests.counts).toEqual({ 'GET /postings': 1, 'GET /postings/deleted': 1 });
			const sent2 = rcv.to('/outhire/jobs')[1];
			expect(sent2.json.jobs.map((j) => j.leverId)).toEqual(listedIds());
			expect(sent2.json.jobs.find((j) => j.leverId === renamed).title).toBe('Outhire tables role A (renamed)');
			expect(jobsOf(sent2)).toEqual(jobsOf(rcv.to('/outhire-static/jobs')[1]));
			// written: the renamed job's row, the closed job's row marked for the prune, and the _state row
			expect(second.table.output('Save jobs').map((r) => [r.key, r.seenAt === 0 ? 'gone' : 'upsert']).sort()).toEqual(
				[[renamed, 'upsert'], [closed, 'gone'], ['_state', 'upsert']].sort(),
			);
			rows = await rowsByKey(OUTHIRE_TABLE);
			expect(Object.keys(rows).sort()).toEqual([...listedIds(), '_state'].sort());
			expect(JSON.parse(rows[renamed].data).title).toBe('Outhire tables role A (renamed)');
			expect(JSON.parse(rows._state.data).cursor).toBe(second.table.output('Plan run')[0].startedAt);
		});

		test('Outhire: an export whose POST fails leaves the rows and the cursor as they were', async () => {
			const posting = emu.state.postings.get(listedIds()[0]);
			const title = `${posting.text} (Outhire down)`;
			await leverApi(emu, 'POST', `/postings/${posting.id}?perform_as=${fx.admin.id}`, { text: title });
			const before = await rowsByKey(OUTHIRE_TABLE);
			failOuthire = true;
			let run;
			try {
				run = await runFromTrigger(session, wf.outhire.id, 'Every hour', { log: server.log });
			} finally {
				failOuthire = false;
			}
			expect(run.status).toBe('error');
			expect(run.output('Save rows')).toBeUndefined();
			expect(await rowsByKey(OUTHIRE_TABLE)).toEqual(before);
			const again = await runFromTrigger(session, wf.outhire.id, 'Every hour', { log: server.log });
			expect(again.status).toBe('success');
			expect(again.output('Plan run')[0].updatedAfter).toBe(run.output('Plan run')[0].updatedAfter);
			expect(JSON.parse((await rowsByKey(OUTHIRE_TABLE))[posting.id].data).title).toBe(title);
		});
	});

	(HAS_DATA_TABLES ? describe.skip : describe)('n8n 1.x: static data fallback', () => {
		test('The Org keeps its state in static data under n8n start and still sends only the changes', async () => {
			const first = await T.postJson(hook('theorg/sync-now'), {});
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ storage: 'staticData', counts: { open: openIds().length, created: openIds().length } });
			await leverApi(emu, 'POST', `/postings/${fx.published[0].id}?perform_as=${fx.admin.id}`, { text: 'Renamed on 1.x' });
			const second = await T.postJson(hook('theorg/sync-now'), {});
			expect(second.status).toBe(200);
			expect(second.body).toMatchObject({ storage: 'staticData', counts: { created: 0, changed: 1, removed: 0 } });
			expect(rcv.to('/the-org')).toHaveLength(2);
		});

		test('Outhire exports from static data under n8n start', async () => {
			const run = await runFromTrigger(session, wf.outhire.id, 'Every hour', { log: server.log });
			expect(run.status).toBe('success');
			expect(run.output('Save jobs')[0]).toMatchObject({ storage: 'staticData', mode: 'full', jobs: listedIds().length });
			expect(rcv.to('/outhire/jobs')[0].json.jobs.map((j) => j.leverId)).toEqual(listedIds());
		});
	});
});
