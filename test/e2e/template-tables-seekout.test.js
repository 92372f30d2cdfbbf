'use strict';
/*
 * SeekOut Connect's lookup index in an n8n Data Table (issue 17), under `n8n start` (the only way a run has
 * n8n's modules: `n8n execute` has no Data Tables and falls back to static data, which templates.test.js covers).
 *
 * n8n 2.40.7: the index path is run from *Refresh index now* through the editor's REST API (a manual run of a
 * workflow never published, as a new user's first click): a full first run reads Lever in windows of creation
 * date, the workflow calling itself once per window (Config batchDays / batchFrom), and writes one row per
 * opportunity and the `_state` row; its rows equal those of a copy that reads the whole account in one
 * execution (batchDays 0); a run whose third window fails leaves no `_state` row behind and its rows do not
 * spoil the next full run. After changes in the emulator an incremental run reads
 * only the changes and upserts/deletes only their rows; a run that fails (Lever refuses the key) leaves the
 * `_state` row and so the next run's window as they were; a forced full run rewrites every row and removes the
 * row of an opportunity gone from Lever. The enrichment webhook answers from the table with
 * the same results as a copy of the template that keeps its index in static data (Config.stateTable empty).
 * Before that, `n8n execute` of the template as shipped falls back to static data ("the module is disabled").
 *
 * n8n 1.123.81: the Data Table node has no table operations there; the template under `n8n start` keeps its
 * index in static data: a scheduled run (every 20 s) builds it and the enrichment webhook finds people in it.
 */
const { harness, setupInstance, restSession, runFromTrigger, executionById, dataTableRows, until } = require('./helpers');
const T = require('./templates-helpers');

const IS_V1 = Number(harness.installer.N8N_VERSION.split('.')[0]) < 2;
const TABLE = 'Lever SeekOut index';
const TABLE_WF = 'tplSeekOutTable1';
const STATIC_WF = 'tplSeekOutStatic';
const FULL_WF = 'tplSeekOutFullRb';
const WHOLE_WF = 'tplSeekOutWhole1';
// not a name that contains TABLE's or is contained in it: n8n 2.40.7's Reuse Existing Tables searches names by
// "contains" and returns only the first table found, so "Lever SeekOut index (whole run)" would break TABLE's
const WHOLE_TABLE = 'SeekOut whole-run index';
// windows of 120 days from the account's first month: a handful of windows on the emulator's two years
const BATCH_DAYS = 120;
const log = (m) => process.stderr.write(`[e2e seekout tables] ${m}\n`);

/** A copy of the template under another id; its webhook on another path, its schedule every 20 s or off. */
function variant(wf, { id, path, every20s = false }) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.id = id;
	copy.name = `${wf.name} (${id})`;
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = path;
			node.webhookId = `${node.webhookId.slice(0, -12)}${Buffer.from(id).toString('hex').slice(0, 12)}`;
		}
		if (node.type !== 'n8n-nodes-base.scheduleTrigger') continue;
		if (every20s) node.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 20 }] };
		else node.disabled = true;
	}
	return copy;
}

/** Profiles that match by email, LinkedIn and name + company, and one stranger (as templates.test.js's). */
const probeProfiles = (st) => T.seekOutProbe(st).profiles;

describe('SeekOut Connect: the lookup index in an n8n Data Table', () => {
	let inst;
	let emu;
	let server;
	let wf;

	beforeAll(async () => {
		inst = await setupInstance({ emulator: { opportunities: 50, rateLimit: { perSecond: 10, burst: 20 }, requestLogSize: 20000 } });
		emu = inst.emu;
		const load = (config) => T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES.seekOut), { credential: inst.credential, config });
		const batches = { batchDays: BATCH_DAYS, batchFrom: T.accountFirstMonth(emu.state) };
		const template = load(batches);
		const staticCopy = load({ stateTable: '' });
		// the same table, Config.fullRebuild on: a full run over an index that exists
		const fullCopy = load({ ...batches, fullRebuild: true });
		// its own table, no batches: the whole account in one execution, as before batching
		const wholeCopy = T.withStateTable(load({ batchDays: 0 }), WHOLE_TABLE);
		wf = {
			table: variant(template, { id: TABLE_WF, path: 'seekout-table/enrich', every20s: IS_V1 }),
			static: variant(staticCopy, { id: STATIC_WF, path: 'seekout-static/enrich', every20s: true }),
			full: variant(fullCopy, { id: FULL_WF, path: 'seekout-full/enrich' }),
			whole: variant(wholeCopy, { id: WHOLE_WF, path: 'seekout-whole/enrich' }),
		};
		await harness.importWorkflows(inst.folder, IS_V1 ? [wf.table] : [wf.table, wf.static, wf.full, wf.whole]);
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (inst) await inst.close();
	});

	const visible = () => emu.state.opportunities.values().filter((o) => o.confidentiality !== 'confidential');
	const hook = (p) => `${server.url}/webhook/${p}`;

	(IS_V1 ? test : test.skip)('n8n 1.x under n8n start: no table operations, so the index lives in static data; a scheduled run builds it and the enrichment finds people', async () => {
		await harness.publishWorkflow(inst.folder, TABLE_WF);
		server = await harness.startN8n(inst.folder);
		await T.waitForWebhook(hook('seekout-table/enrich'));
		const profiles = probeProfiles(emu.state);
		const res = await until(
			async () => {
				const r = await T.postJson(hook('seekout-table/enrich'), { profiles });
				return r.body && r.body.indexReady ? r : undefined;
			},
			'a scheduled run to build the index',
			{ timeoutMs: 120000, everyMs: 2000, log: server.log },
		);
		expect(res.body).toMatchObject({ storage: 'staticData', indexReady: true, matched: 3 });
		expect(res.body.results.map((r) => r.matchedBy)).toEqual(['email', 'linkedin', 'name+company', null]);
	});

	(IS_V1 ? describe.skip : describe)('n8n 2.x', () => {
		let session;
		const state = async () => {
			const row = (await dataTableRows(session, TABLE)).find((r) => r.key === '_state');
			return row ? JSON.parse(row.data) : undefined;
		};
		const indexRun = async (what, workflowId = TABLE_WF) => {
			const e = await runFromTrigger(session, workflowId, 'Refresh index now', { log: server.log });
			if (e.status !== 'success') throw new Error(`${what}: ${e.status} ${JSON.stringify(e.run?.resultData?.error ?? {}).slice(0, 800)}\n${server.log().slice(-3000)}`);
			return e;
		};
		/** The windows a full run of the copies with batches reads: as Plan windows cuts them, from the run's start. */
		const windowsUpTo = (startedAt) => {
			const from = Date.parse(T.accountFirstMonth(emu.state));
			const list = [['', new Date(from - 1).toISOString()]];
			for (let t = from; t <= startedAt; t += BATCH_DAYS * 86400000) list.push([new Date(t).toISOString(), new Date(Math.min(t + BATCH_DAYS * 86400000 - 1, startedAt)).toISOString()]);
			return list;
		};
		/** The executions "Read each window" started (one per window): their ids from its items' metadata, each read back. */
		const windowExecutions = async (parent) => {
			const items = parent.run.resultData.runData['Read each window'][0].data.main[0];
			const ids = items.map((i) => i.metadata.subExecution.executionId);
			return Promise.all(ids.map((id) => executionById(session, id)));
		};
		const comparable = (rows) => rows.filter((r) => r.key !== '_state').map(({ key, contactId, lookupKeys, data }) => ({ key, contactId, lookupKeys, data })).sort((a, b) => (a.key < b.key ? -1 : 1));

		beforeAll(async () => {
			// `n8n execute` (no modules) runs the shipped template on static data: the CLI and bench path.
			const executed = await harness.execute(inst.folder, TABLE_WF);
			expect(executed.ok).toBe(true);
			expect(harness.nodeOutput(executed.result, 'Build lookup index')[0]).toMatchObject({ storage: 'staticData', mode: 'full', opportunities: visible().length });
			expect(harness.nodeOutput(executed.result, 'Save state')).toBeUndefined();

			await harness.publishWorkflow(inst.folder, TABLE_WF);
			server = await harness.startN8n(inst.folder);
			session = await restSession(server.url);
			await T.waitForWebhook(hook('seekout-table/enrich'));
		});

		test('before any run under n8n start the enrichment says the index is not ready (the table has no _state row)', async () => {
			const res = await T.postJson(hook('seekout-table/enrich'), { profiles: [{ profileId: 'p1', emails: ['nobody@example.com'] }] });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ storage: 'dataTable', indexReady: false, indexBuiltAt: null, matched: 0 });
			expect(res.body.warning).toMatch(/run the workflow once/);
		});

		test('full run in windows: one row per opportunity with its lookup keys, then the _state row, the same rows as one whole execution; a failed window leaves no _state; incremental run: only the changes, upserted and deleted; a failed run leaves the cursor; a forced full run prunes rows it did not see', async () => {
			// A first run whose third window fails (Lever refuses that listing): the run fails and leaves no _state row,
			// only the rows of the windows before it (the first, before batchFrom, is empty).
			const dispatch = emu.emulator.dispatch;
			let windowListings = 0;
			emu.emulator.dispatch = function (req, u, apiPath, ...rest) {
				if (apiPath === '/opportunities' && u.searchParams.has('created_at_end') && ++windowListings === 3) return { status: 400, body: { code: 'BadRequest', message: 'refused by the e2e test' } };
				return dispatch.call(this, req, u, apiPath, ...rest);
			};
			const broken = await runFromTrigger(session, TABLE_WF, 'Refresh index now', { log: server.log }).finally(() => {
				emu.emulator.dispatch = dispatch;
			});
			expect(broken.status).toBe('error');
			// the run stopped at the call of the windows, with the window's error (Lever's message, the window's node)
			expect(broken.run.resultData.lastNodeExecuted).toBe('Read each window');
			expect(broken.run.resultData.error).toMatchObject({ message: 'refused by the e2e test', node: { name: 'Get opportunities' } });
			expect(broken.output('Save state')).toBeUndefined();
			const leftOver = await dataTableRows(session, TABLE);
			expect(leftOver.find((r) => r.key === '_state')).toBeUndefined();
			expect(leftOver.length).toBeGreaterThan(0);
			log(`a failed window left ${leftOver.length} rows of the windows before it`);

			let mark = T.requestMark(emu);
			const first = await indexRun('index run 1');
			const summary = first.output('Build lookup index')[0];
			expect(summary).toMatchObject({ storage: 'dataTable', mode: 'full', reason: 'first run', opportunities: visible().length });
			expect(T.leverRequestsSince(emu, mark).to(/\/resumes$/)).toBe(visible().length);
			// It went through several windows, each an execution of its own that inserted its rows and gave back a count.
			const windows = windowsUpTo(summary.cursor);
			expect(windows.length).toBeGreaterThan(3);
			expect(summary.windows).toEqual({ count: windows.length, days: BATCH_DAYS, from: T.accountFirstMonth(emu.state) });
			expect(first.output('Get opportunities')).toBeUndefined();
			expect(T.leverRequestsSince(emu, mark).counts['GET /opportunities']).toBe(windows.length);
			const runs = await windowExecutions(first);
			expect(runs.map((e) => e.status)).toEqual(windows.map(() => 'success'));
			expect(new Set(runs.map((e) => e.id)).size).toBe(windows.length);
			const built = runs.map((e) => e.output('Build lookup index')[0]);
			expect(built.map((b) => [b.window.createdAfter, b.window.createdBefore])).toEqual(windows);
			expect(built.every((b) => b.mode === 'full' && b.cursor === summary.cursor && b.state === null)).toBe(true);
			for (const e of runs) expect(e.output('Save state')).toBeUndefined();
			expect(built.filter((b) => b.written.rows > 0).length).toBeGreaterThan(1);
			expect(built.reduce((n, b) => n + b.written.rows, 0)).toBe(visible().length);
			let rows = await dataTableRows(session, TABLE);
			const byKey = (list) => new Map(list.filter((r) => r.key !== '_state').map((r) => [r.key, r]));
			let opp = byKey(rows);
			expect([...opp.keys()].sort()).toEqual(visible().map((o) => o.id).sort());
			for (const o of visible()) {
				const row = opp.get(o.id);
				const contact = emu.state.contacts.get(o.contact);
				expect(row.contactId).toBe(o.contact);
				expect(row.seenAt).toBe(summary.cursor);
				for (const e of contact.emails) expect(row.lookupKeys).toContain(`|e:${e.toLowerCase()}|`);
				expect(JSON.parse(row.data).opportunity).toMatchObject({ opportunityId: o.id, status: o.archived ? 'archived' : 'active', lastUpdated: new Date(o.updatedAt).toISOString() });
			}
			expect(await state()).toEqual({ cursor: summary.cursor, lastFullRunAt: summary.cursor, builtAt: summary.builtAt });
			const sizes = await session.call('GET', '/data-tables-global/limits');
			log(`${rows.length} rows, ${sizes.totalBytes} bytes (${Math.round(sizes.totalBytes / rows.length)} per row)`);

			// The same account read in one execution (batchDays 0, its own table): the same rows, one listing page.
			mark = T.requestMark(emu);
			const whole = await indexRun('whole run', WHOLE_WF);
			expect(whole.output('Build lookup index')[0]).toMatchObject({ storage: 'dataTable', mode: 'full', opportunities: visible().length });
			expect(whole.output('Read each window')).toBeUndefined();
			expect(T.leverRequestsSince(emu, mark).counts['GET /opportunities']).toBe(1);
			expect(comparable(rows)).toEqual(comparable(await dataTableRows(session, WHOLE_TABLE)));

			// Between runs: one opportunity touched, one with its contact edited, one archived, one deleted.
			const [touched, edited, archived, deleted] = visible().filter((o) => !o.archived);
			emu.mutate({ action: 'touch', ids: [touched.id] });
			emu.mutate({ action: 'contact', ids: [edited.id], headline: 'Zebra Analytics, Staff Engineer', emit: false });
			emu.mutate({ action: 'archive', ids: [archived.id], emit: false });
			emu.mutate({ action: 'delete', ids: [deleted.id], emit: false });

			mark = T.requestMark(emu);
			const second = await indexRun('index run 2');
			const delta = second.output('Build lookup index')[0];
			expect(delta).toMatchObject({ storage: 'dataTable', mode: 'incremental', updatedAfter: new Date(summary.cursor - 15 * 60 * 1000).toISOString() });
			const changed = visible().filter((o) => o.updatedAt >= Date.parse(delta.updatedAfter));
			for (const o of [touched, edited, archived]) expect(changed.map((c) => c.id)).toContain(o.id);
			expect(changed.length).toBeLessThan(visible().length);
			expect(T.leverRequestsSince(emu, mark).counts).toEqual({
				'GET /archive_reasons': 1,
				'GET /opportunities/deleted': 1,
				'GET /opportunities': 1,
				'GET /opportunities/{opportunity}/resumes': changed.length,
			});
			expect(second.output('Upsert changed rows')).toHaveLength(changed.length);
			rows = await dataTableRows(session, TABLE);
			const after = byKey(rows);
			expect([...after.keys()].sort()).toEqual(visible().map((o) => o.id).sort());
			expect(after.has(deleted.id)).toBe(false);
			const changedIds = new Set(changed.map((o) => o.id));
			for (const o of visible()) expect(after.get(o.id).seenAt).toBe(changedIds.has(o.id) ? delta.cursor : summary.cursor);
			expect(JSON.parse(after.get(archived.id).data).opportunity.status).toBe('archived');
			expect(after.get(edited.id).lookupKeys).toContain('|nc:');
			expect(after.get(edited.id).lookupKeys).toMatch(/\/zebra analytics\|/);
			expect(await state()).toEqual({ cursor: delta.cursor, lastFullRunAt: summary.cursor, builtAt: delta.builtAt });

			// A run that fails (Lever refuses the key) leaves the _state row, so the next run reads the same window.
			const keys = emu.emulator.options.apiKeys;
			emu.emulator.options.apiKeys = [];
			const failed = await runFromTrigger(session, TABLE_WF, 'Refresh index now').finally(() => {
				emu.emulator.options.apiKeys = keys;
			});
			expect(failed.status).toBe('error');
			expect(await state()).toEqual({ cursor: delta.cursor, lastFullRunAt: summary.cursor, builtAt: delta.builtAt });
			const fourth = await indexRun('index run 4');
			expect(fourth.output('Build lookup index')[0]).toMatchObject({ mode: 'incremental', updatedAfter: new Date(delta.cursor - 15 * 60 * 1000).toISOString() });
			expect(byKey(await dataTableRows(session, TABLE)).size).toBe(visible().length);

			// A full rebuild over the existing table (Config.fullRebuild on): every row written anew, and the row of
			// an opportunity gone from Lever (a full run reads no deletions) removed because the run did not see it.
			const [gone] = visible().filter((o) => !o.archived);
			emu.mutate({ action: 'delete', ids: [gone.id], emit: false });
			const rebuilt = await runFromTrigger(session, FULL_WF, 'Refresh index now', { log: server.log });
			expect(rebuilt.status).toBe('success');
			const full = rebuilt.output('Build lookup index')[0];
			expect(full).toMatchObject({ storage: 'dataTable', mode: 'full', reason: 'Config.fullRebuild', opportunities: visible().length });
			// This copy was never published: a manual run calls the saved draft for its windows (n8n 2.x), as a
			// new user's first click does.
			expect((await session.call('GET', `/workflows/${FULL_WF}`)).active).toBe(false);
			expect(full.windows.count).toBe(windowsUpTo(full.cursor).length);
			expect((await windowExecutions(rebuilt)).every((e) => e.status === 'success')).toBe(true);
			rows = await dataTableRows(session, TABLE);
			expect(rows.filter((r) => r.key !== '_state').map((r) => r.key).sort()).toEqual(visible().map((o) => o.id).sort());
			expect(rows.filter((r) => r.key !== '_state').every((r) => r.seenAt === full.cursor)).toBe(true);
			expect(await state()).toEqual({ cursor: full.cursor, lastFullRunAt: full.cursor, builtAt: full.builtAt });
		});

		test('the enrichment webhook answers from the table exactly as the template with its index in static data does', async () => {
			const profiles = probeProfiles(emu.state);
			const fromTable = await T.postJson(hook('seekout-table/enrich'), { profiles });
			expect(fromTable.status).toBe(200);
			expect(fromTable.body).toMatchObject({ storage: 'dataTable', indexReady: true, matched: 3 });
			expect(fromTable.body.results.map((r) => r.matchedBy)).toEqual(['email', 'linkedin', 'name+company', null]);

			// The static copy builds its index in a scheduled run (static data is saved for those, not for manual runs).
			const activeBefore = await session.call('GET', `/workflows/${STATIC_WF}`);
			await session.call('POST', `/workflows/${STATIC_WF}/activate`, { versionId: activeBefore.versionId });
			try {
				await T.waitForWebhook(hook('seekout-static/enrich'));
				const fromStatic = await until(
					async () => {
						const r = await T.postJson(hook('seekout-static/enrich'), { profiles });
						return r.body && r.body.indexReady ? r : undefined;
					},
					'a scheduled run of the static copy',
					{ timeoutMs: 90000, everyMs: 2000, log: server.log },
				);
				expect(fromStatic.body.storage).toBe('staticData');
				expect(fromTable.body.results).toEqual(fromStatic.body.results);
				expect(fromTable.body.matched).toBe(fromStatic.body.matched);
			} finally {
				await session.call('POST', `/workflows/${STATIC_WF}/deactivate`, {});
			}
		});
	});
});
