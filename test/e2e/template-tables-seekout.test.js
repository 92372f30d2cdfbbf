'use strict';
/*
 * SeekOut Connect's lookup index in an n8n Data Table (issue 17), under `n8n start` (the only way a run has
 * n8n's modules: `n8n execute` has no Data Tables and falls back to static data, which templates.test.js covers).
 *
 * n8n 2.40.7: the index path is run from *Refresh index now* through the editor's REST API: a full first run
 * writes one row per opportunity and the `_state` row; after changes in the emulator an incremental run reads
 * only the changes and upserts/deletes only their rows; a run that fails (Lever refuses the key) leaves the
 * `_state` row and so the next run's window as they were; a forced full run rewrites every row and removes the
 * row of an opportunity gone from Lever. The enrichment webhook answers from the table with
 * the same results as a copy of the template that keeps its index in static data (Config.stateTable empty).
 * Before that, `n8n execute` of the template as shipped falls back to static data ("the module is disabled").
 *
 * n8n 1.123.81: the Data Table node has no table operations there; the template under `n8n start` keeps its
 * index in static data: a scheduled run (every 20 s) builds it and the enrichment webhook finds people in it.
 */
const { harness, setupInstance, restSession, runFromTrigger, dataTableRows, until } = require('./helpers');
const T = require('./templates-helpers');

const IS_V1 = Number(harness.installer.N8N_VERSION.split('.')[0]) < 2;
const TABLE = 'Lever SeekOut index';
const TABLE_WF = 'tplSeekOutTable1';
const STATIC_WF = 'tplSeekOutStatic';
const FULL_WF = 'tplSeekOutFullRb';
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
		const template = T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES.seekOut), { credential: inst.credential });
		const staticCopy = T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES.seekOut), { credential: inst.credential, config: { stateTable: '' } });
		// the same table, Config.fullRebuild on: a full run over an index that exists
		const fullCopy = T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES.seekOut), { credential: inst.credential, config: { fullRebuild: true } });
		wf = {
			table: variant(template, { id: TABLE_WF, path: 'seekout-table/enrich', every20s: IS_V1 }),
			static: variant(staticCopy, { id: STATIC_WF, path: 'seekout-static/enrich', every20s: true }),
			full: variant(fullCopy, { id: FULL_WF, path: 'seekout-full/enrich' }),
		};
		await harness.importWorkflows(inst.folder, IS_V1 ? [wf.table] : [wf.table, wf.static, wf.full]);
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
		const indexRun = async (what) => {
			const e = await runFromTrigger(session, TABLE_WF, 'Refresh index now', { log: server.log });
			if (e.status !== 'success') throw new Error(`${what}: ${e.status} ${JSON.stringify(e.run?.resultData?.error ?? {}).slice(0, 800)}\n${server.log().slice(-3000)}`);
			return e;
		};

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

		test('full run: one row per opportunity with its lookup keys, then the _state row; incremental run: only the changes, upserted and deleted; a failed run leaves the cursor; a forced full run prunes rows it did not see', async () => {
			let mark = T.requestMark(emu);
			const first = await indexRun('index run 1');
			const summary = first.output('Build lookup index')[0];
			expect(summary).toMatchObject({ storage: 'dataTable', mode: 'full', reason: 'first run', opportunities: visible().length });
			expect(T.leverRequestsSince(emu, mark).to(/\/resumes$/)).toBe(visible().length);
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
