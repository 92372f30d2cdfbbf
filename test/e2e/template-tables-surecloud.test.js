'use strict';
/*
 * SureCloud's saved state in an n8n Data Table (issue 17), under `n8n start`, where n8n's modules run (not
 * under `n8n execute`, which templates.test.js uses and where the template keeps static data).
 *
 * n8n 2.40.7: the scheduled path (Every day at 02:00 → Config → Open state table → …) runs through n8n's REST
 * API as the editor's run button does (a manual run of a workflow never published), full, then incremental
 * after changes in the emulator's account, then once more with the SureCloud stand-in refusing the POST. The
 * full run reads Lever in windows of creation date (Config batchDays 120 here, batchFrom the account's first
 * month), each window an execution of its own that the template starts by calling itself; before it, a first
 * run whose third window Lever refuses. Checked: the windows (one listing of active and one of offer-stage
 * opportunities per window, no gap, no overlap, each in a sub-execution), the table's rows (one per
 * offer-stage opportunity and per owner of active ones, the `_state` row with the cursor) against the same
 * template's whole run (batchDays 0, a table of its own), the incremental run's Lever requests, the pack that
 * reached the stand-in against the static path's (the same template with Config `stateTable` empty, run the
 * same way on the same account), and that the failed runs moved neither the cursor nor any row.
 * n8n 1.123.81: only that the template falls back to static data there and still sends the whole pack.
 */
const { harness, setupInstance, restSession, runFromTrigger, executionById, dataTableRows } = require('./helpers');
const T = require('./templates-helpers');

const TABLE = 'Lever SureCloud evidence';
const TRIGGER = 'Every day at 02:00';
const STATIC_COPY = 'e2eSureCloudStat';
// the same template reading its full runs whole (batchDays 0) into a table of its own. Not a name that contains
// TABLE: n8n 2.40.7's Table → Create (Reuse Existing Tables) looks up one table whose name contains the one
// asked for, and when that is another table it fails to create the asked one (which exists): no table opened.
const WHOLE_COPY = 'e2eSureCloudWhol';
const WHOLE_TABLE = 'SureCloud whole-run rows';
const BATCH_DAYS = 120;
const DAY = 24 * 60 * 60 * 1000;
const HAS_DATA_TABLES = Number(harness.installer.N8N_VERSION.split('.')[0]) >= 2;
const FINAL = ['signed', 'denied'];

const log = (line) => process.stderr.write(`[e2e surecloud tables] ${line}\n`);

describe(`SureCloud template state in a Data Table (n8n ${harness.installer.N8N_VERSION}, n8n start)`, () => {
	let inst;
	let emu;
	let rcv;
	let server;
	let session;
	let wf;
	let config;
	let refuseEvidence = false;
	// the opportunity listings Lever received ({ start, end } of their creation-date window, '' when open), and
	// a window start (ms) whose listings Lever refuses
	let listings = [];
	let refuseWindowStart = null;

	const visible = () => emu.state.opportunities.values().filter((o) => o.confidentiality !== 'confidential');
	const visibleOfferStage = () => visible().filter((o) => o.stage === 'offer');
	const offersOf = (id) => emu.state.offers.values().filter((f) => f._opp === id);
	/** The pack and CSV rows the stand-in received last, without the pack's generation time. */
	const lastPack = () => {
		const posts = rcv.to('/surecloud/evidence');
		const parts = T.parseMultipart(posts[posts.length - 1]);
		const { generatedAt, ...pack } = JSON.parse(parts.pack.value);
		expect(Date.parse(generatedAt)).toBeGreaterThan(0);
		return { pack, csv: parts.evidence.value };
	};
	const run = async (id, what) => {
		const t = Date.now();
		const e = await runFromTrigger(session, id, TRIGGER, { timeoutMs: 180000, log: server.log });
		const ms = (node) => e.run?.resultData?.runData?.[node]?.[0]?.executionTime;
		log(`${what}: ${e.status} in ${((Date.now() - t) / 1000).toFixed(1)}s (Open state table ${ms('Open state table')} ms, Read saved state ${ms('Read saved state')} ms, Delete rows ${ms('Delete rows')} ms, Upsert rows ${ms('Upsert rows')} ms for ${e.output('Upsert rows')?.length} rows)`);
		return e;
	};
	const summaryOf = (e) => e.output('Save state')[0];
	/** The static path on the account as it is now: its pack, to compare with the table path's. */
	const staticPack = async () => {
		const e = await run(STATIC_COPY, 'static path (stateTable empty)');
		expect(e.status).toBe('success');
		expect(summaryOf(e)).toMatchObject({ storage: 'staticData' });
		// Config names no table: none is opened or read (n8n refuses a table without a name)
		expect(e.run.resultData.runData['Read saved state']).toBeUndefined();
		return lastPack();
	};
	const rowsByKey = async (name = TABLE) => new Map((await dataTableRows(session, name)).map((r) => [r.key, r]));
	/** The owner rows the account calls for now: `owner:<user id>` → the sorted ids of their active opportunities. */
	const ownerRows = () => {
		const rows = new Map();
		for (const o of visible().filter((x) => !x.archived)) {
			const key = `owner:${o.owner || ''}`;
			rows.set(key, [...(rows.get(key) || []), o.id].sort());
		}
		return rows;
	};

	beforeAll(async () => {
		let t = Date.now();
		inst = await setupInstance({ emulator: { opportunities: 50, rateLimit: false, requestLogSize: 20000 } });
		emu = inst.emu;
		rcv = await T.startReceiver({
			'GET /hr/background-checks': () => ({ status: 200, body: [] }),
			'POST /surecloud/evidence': () => (refuseEvidence ? { status: 500, body: { error: 'stand-in refuses' } } : { status: 200, body: { ok: true } }),
		});
		// Every opportunity listing Lever answers is recorded with its creation-date window; one window can be
		// refused (HTTP 400, which the Lever node does not retry).
		const handle = emu.emulator.handle.bind(emu.emulator);
		emu.emulator.handle = (req, res) => {
			const url = new URL(req.url, emu.url);
			if (req.method === 'GET' && url.pathname === '/v1/opportunities') {
				const window = { start: url.searchParams.get('created_at_start') || '', end: url.searchParams.get('created_at_end') || '' };
				if (refuseWindowStart !== null && window.start === String(refuseWindowStart)) {
					return Promise.resolve(emu.emulator.sendJson(res, 400, { code: 'BadRequestError', message: 'refused by the test' }));
				}
				listings.push(window);
			}
			return handle(req, res);
		};
		config = { ...T.emulatorConfig(emu.state, { partnerUrl: rcv.url }).sureCloud, batchDays: BATCH_DAYS };
		const template = T.loadTemplate(T.TEMPLATE_FILES.sureCloud);
		wf = {
			table: T.prepareTemplate(template, { credential: inst.credential, config }),
			static: { ...T.prepareTemplate(template, { credential: inst.credential, config: { ...config, stateTable: '' } }), id: STATIC_COPY },
			whole: { ...T.prepareTemplate(template, { credential: inst.credential, config: { ...config, batchDays: 0, stateTable: WHOLE_TABLE } }), id: WHOLE_COPY },
		};
		expect(wf.table.nodes.find((n) => n.name === 'Config').parameters.assignments.assignments.find((a) => a.name === 'stateTable').value).toBe(TABLE);
		await harness.importWorkflows(inst.folder, Object.values(wf));
		server = await harness.startN8n(inst.folder);
		session = await restSession(server.url);
		log(`user folder, import, n8n start: ${((Date.now() - t) / 1000).toFixed(1)}s`);
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (rcv) await rcv.close();
		if (inst) await inst.close();
	});

	(HAS_DATA_TABLES ? test.skip : test)('n8n 1.x: no Data Table to open, the state stays in static data and the whole pack is sent', async () => {
		const e = await run(wf.table.id, 'table template on 1.x');
		expect(e.status).toBe('success');
		expect(summaryOf(e)).toMatchObject({ storage: 'staticData', mode: 'full', reason: 'first run', batches: 0 });
		expect(e.output('Open state table')[0].id).toBeUndefined();
		expect(e.run.resultData.runData['Read each window']).toBeUndefined();
		expect(e.run.resultData.runData['Read saved state']).toBeUndefined();
		expect(e.run.resultData.runData['Upsert rows']).toBeUndefined();
		const { pack } = lastPack();
		expect(pack.evidence.map((r) => r.offerId).sort()).toEqual(visibleOfferStage().flatMap((o) => offersOf(o.id).map((f) => f.id)).sort());
		expect(pack.accessReview).toHaveLength(emu.state.users.size);
	});

	(HAS_DATA_TABLES ? describe : describe.skip)('n8n 2.x', () => {
		let first;
		/** The windows a full run starting at `startedAt` reads: [start, end] in ms (start null: open), in order. */
		const windowsUpTo = (startedAt) => {
			const from = Date.parse(config.batchFrom);
			const windows = [[null, from - 1]];
			for (let start = from; start <= startedAt; start += BATCH_DAYS * DAY) windows.push([start, Math.min(start + BATCH_DAYS * DAY - 1, startedAt)]);
			return windows;
		};
		const asListed = ([start, end]) => ({ start: start === null ? '' : String(start), end: String(end) });

		test('a first run one of whose windows Lever refuses fails: nothing is sent, no row written', async () => {
			expect(Date.parse(config.batchFrom)).toBeLessThanOrEqual(Math.min(...visible().map((o) => o.createdAt)));
			refuseWindowStart = Date.parse(config.batchFrom) + 2 * BATCH_DAYS * DAY;
			listings = [];
			rcv.clear();
			const e = await run(wf.table.id, 'table run 0 (Lever refuses the third window)').finally(() => {
				refuseWindowStart = null;
			});
			expect(e.status).toBe('error');
			expect(e.run.resultData.lastNodeExecuted).toBe('Read each window');
			// the window's own error: Lever's answer
			expect(e.run.resultData.error.message).toBe('refused by the test');
			// the windows before it were read, each by its own two listings, then the parent stopped
			expect(listings).toEqual(windowsUpTo(Date.now()).slice(0, 3).flatMap((w) => [asListed(w), asListed(w)]));
			expect(rcv.to('/surecloud/evidence')).toHaveLength(0);
			expect(e.run.resultData.runData['Save state']).toBeUndefined();
			expect((await dataTableRows(session, TABLE)) || []).toEqual([]);
		});

		test('first run: full, one row per offer-stage opportunity and per owner of active ones plus the cursor row; the pack equals the static path\'s', async () => {
			rcv.clear();
			listings = [];
			const e = await run(wf.table.id, 'table run 1 (full)');
			expect(e.status).toBe('success');
			first = summaryOf(e);
			expect(first).toMatchObject({ storage: 'dataTable', mode: 'full', reason: 'first run', rowsDeleted: 0 });
			const { pack, csv } = lastPack();

			// In windows: the run before failed, so this one is full again and reads every window up to its start,
			// each in an execution of its own (the template calling itself: "Read each window" → "Batch"), each
			// window listing its active and its offer-stage opportunities; the parent lists none itself.
			const windows = windowsUpTo(first.cursor);
			expect(windows.length).toBeGreaterThanOrEqual(4);
			expect(first.batches).toBe(windows.length);
			expect(listings).toEqual(windows.flatMap((w) => [asListed(w), asListed(w)]));
			expect(e.run.resultData.runData['Get active or changed opportunities']).toBeUndefined();
			const calls = e.run.resultData.runData['Read each window'][0].data.main[0];
			expect(calls.map((i) => [i.json.createdAfter, i.json.createdBefore])).toEqual(windows.map(([start, end]) => [start === null ? '' : new Date(start).toISOString(), new Date(end).toISOString()]));
			const subExecutions = calls.map((i) => i.metadata.subExecution.executionId);
			expect(new Set(subExecutions).size).toBe(windows.length);
			for (const id of subExecutions) {
				const sub = await executionById(session, id);
				expect([sub.workflowId, sub.mode, sub.status]).toEqual([wf.table.id, 'integrated', 'success']);
				expect(sub.run.resultData.runData['Batch']).toBeDefined();
				expect(sub.run.resultData.runData['Read saved state']).toBeUndefined();
			}

			const rows = await rowsByKey();
			const offerStage = visibleOfferStage();
			const owners = ownerRows();
			expect([...rows.keys()].sort()).toEqual(['_state', ...offerStage.map((o) => o.id), ...owners.keys()].sort());
			expect(first.rowsUpserted).toBe(rows.size - 1);
			expect(JSON.parse(rows.get('_state').data)).toEqual({ cursor: first.cursor, lastFullRunAt: first.cursor });
			for (const [key, ids] of owners) expect(JSON.parse(rows.get(key).data)).toEqual(ids);
			for (const o of offerStage) {
				const record = JSON.parse(rows.get(o.id).data);
				expect(record.opportunity).toMatchObject({ id: o.id, contact: o.contact });
				expect(record.offers.map((f) => f.id).sort()).toEqual(offersOf(o.id).map((f) => f.id).sort());
			}
			expect(pack.evidence.length).toBe(offerStage.flatMap((o) => offersOf(o.id)).length);
			const size = (list) => Math.round(list.reduce((n, r) => n + r.key.length + r.data.length, 0) / list.length);
			log(`row size: offer-stage ${size(offerStage.map((o) => rows.get(o.id)))} characters, owner ${size([...owners.keys()].map((k) => rows.get(k)))} for ${visible().filter((o) => !o.archived).length / owners.size} active opportunities`);

			expect(await staticPack()).toEqual({ pack, csv });

			// The same template reading its full run whole (batchDays 0) writes the same rows and sends the same pack.
			rcv.clear();
			listings = [];
			const whole = await run(WHOLE_COPY, 'whole run (batchDays 0)');
			expect(whole.status).toBe('success');
			expect(summaryOf(whole)).toMatchObject({ storage: 'dataTable', mode: 'full', batches: 0, rowsUpserted: first.rowsUpserted });
			expect(listings).toEqual([{ start: '', end: '' }, { start: '', end: '' }]);
			const content = (m) => [...m.values()].filter((r) => r.key !== '_state').map((r) => [r.key, r.data]).sort();
			expect(content(await rowsByKey(WHOLE_TABLE))).toEqual(content(rows));
			expect(lastPack()).toEqual({ pack, csv });
		});

		test('second run: incremental, reads only what changed, upserts and deletes only those rows, moves the cursor last; the pack equals the static path\'s', async () => {
			const open = visibleOfferStage().filter((o) => !offersOf(o.id).length || offersOf(o.id).some((f) => !FINAL.includes(f.status)));
			const settled = visibleOfferStage().filter((o) => !open.includes(o));
			const others = visible().filter((o) => !o.archived && o.stage !== 'offer');
			expect(open.length).toBeGreaterThan(0);
			expect(settled.length).toBeGreaterThanOrEqual(2);
			expect(others.length).toBeGreaterThanOrEqual(2);
			const before = await rowsByKey();

			// An open offer is signed (not known to move updatedAt), a settled offer-stage opportunity is touched,
			// another moves back to an earlier stage; an active opportunity is archived, another deleted.
			const signedNow = offersOf(open.find((o) => offersOf(o.id).length).id).find((f) => !FINAL.includes(f.status));
			signedNow.status = 'signed';
			const [touched, movedBack] = settled.slice(-2);
			const [archived, deleted] = others.slice(-2);
			emu.mutate({ action: 'touch', ids: [touched.id] });
			emu.mutate({ action: 'stage', ids: [movedBack.id], stageId: 'applicant-new', emit: false });
			emu.mutate({ action: 'archive', ids: [archived.id], emit: false });
			emu.mutate({ action: 'delete', ids: [deleted.id], emit: false });

			rcv.clear();
			const mark = T.requestMark(emu);
			const e = await run(wf.table.id, 'table run 2 (incremental)');
			expect(e.status).toBe('success');
			const second = summaryOf(e);
			expect(second).toMatchObject({ storage: 'dataTable', mode: 'incremental', updatedAfter: new Date(first.cursor - 15 * 60 * 1000).toISOString() });

			// Lever: two listings of changed opportunities (all, at the Offer stage), the deleted ones, offers of the
			// changed offer-stage opportunities and of the open ones only; the reference lists whole.
			const requests = T.leverRequestsSince(emu, mark);
			const since = Date.parse(second.updatedAfter);
			const changedAtOffer = visibleOfferStage().filter((o) => o.updatedAt >= since);
			expect(changedAtOffer.map((o) => o.id)).toContain(touched.id);
			expect(requests.counts['GET /opportunities']).toBe(2);
			expect(requests.counts['GET /opportunities/deleted']).toBe(1);
			expect(requests.counts['GET /opportunities/{opportunity}/offers']).toBe(new Set([...changedAtOffer, ...open].map((o) => o.id)).size);
			expect(requests.counts['GET /contacts/{contact}'] || 0).toBe(0);

			// Rows: the cursor moved to this run's start; the evidence row of the opportunity that left the Offer stage
			// is gone, the signed offer is saved; the owner rows are the account's (the archived and the deleted
			// opportunity left their owners' rows); only the rows whose content changed were written.
			const rows = await rowsByKey();
			expect(JSON.parse(rows.get('_state').data)).toEqual({ cursor: second.cursor, lastFullRunAt: first.cursor });
			expect(rows.has(movedBack.id)).toBe(false);
			const signedRow = JSON.parse(rows.get(signedNow._opp).data);
			expect(signedRow.offers.find((f) => f.id === signedNow.id).status).toBe('signed');
			const owners = ownerRows();
			expect([...rows.keys()].filter((k) => k.startsWith('owner:')).sort()).toEqual([...owners.keys()].sort());
			for (const [key, ids] of owners) expect(JSON.parse(rows.get(key).data)).toEqual(ids);
			const changedOwners = [...owners.keys()].filter((k) => before.get(k)?.data !== JSON.stringify(owners.get(k)));
			const goneOwners = [...before.keys()].filter((k) => k.startsWith('owner:') && !owners.has(k));
			expect(changedOwners.length + goneOwners.length).toBeGreaterThan(0);
			const rewritten = [...rows.values()].filter((r) => r.key !== '_state' && r.updatedAt !== before.get(r.key)?.updatedAt).map((r) => r.key);
			expect(rewritten.sort()).toEqual([signedNow._opp, ...changedOwners].sort());
			expect(second).toMatchObject({ rowsUpserted: 1 + changedOwners.length, rowsDeleted: 1 + goneOwners.length });
			expect(rows.size).toBe(before.size - 1 - goneOwners.length + changedOwners.filter((k) => !before.has(k)).length);

			const { pack, csv } = lastPack();
			for (const f of offersOf(movedBack.id)) expect(pack.evidence.map((r) => r.offerId)).not.toContain(f.id);
			expect(pack.evidence.find((r) => r.offerId === signedNow.id).offerStatus).toBe('signed');
			expect(await staticPack()).toEqual({ pack, csv });
		});

		test('a run whose POST fails moves neither the cursor nor any row; the next run reads again from the old cursor', async () => {
			const before = await dataTableRows(session, TABLE);
			const stateBefore = JSON.parse(before.find((r) => r.key === '_state').data);
			const other = visible().find((o) => !o.archived && o.stage !== 'offer');
			emu.mutate({ action: 'archive', ids: [other.id], emit: false });

			refuseEvidence = true;
			const failed = await run(wf.table.id, 'table run 3 (SureCloud refuses)').finally(() => {
				refuseEvidence = false;
			});
			expect(failed.status).toBe('error');
			expect(failed.run.resultData.lastNodeExecuted).toBe('Send to SureCloud');
			expect(failed.run.resultData.runData['Upsert rows']).toBeUndefined();
			expect(await dataTableRows(session, TABLE)).toEqual(before);

			const e = await run(wf.table.id, 'table run 4 (after the failed run)');
			expect(e.status).toBe('success');
			const summary = summaryOf(e);
			expect(summary).toMatchObject({ mode: 'incremental', updatedAfter: new Date(stateBefore.cursor - 15 * 60 * 1000).toISOString() });
			// the archived opportunity left its owner's row (rewritten, or deleted when it was the last one)
			expect(summary.rowsUpserted + summary.rowsDeleted).toBe(1);
			const ownerRow = (await rowsByKey()).get(`owner:${other.owner || ''}`);
			expect(ownerRow ? JSON.parse(ownerRow.data) : []).not.toContain(other.id);
		});
	});
});
