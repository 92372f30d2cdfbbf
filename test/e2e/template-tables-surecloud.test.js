'use strict';
/*
 * SureCloud's saved state in an n8n Data Table (issue 17), under `n8n start`, where n8n's modules run (not
 * under `n8n execute`, which templates.test.js uses and where the template keeps static data).
 *
 * n8n 2.40.7: the scheduled path (Every day at 02:00 → Config → Open state table → …) runs through n8n's REST
 * API as the editor's run button does, full, then incremental after changes in the emulator's account, then
 * once more with the SureCloud stand-in refusing the POST. Checked: the table's rows (one per active or
 * offer-stage opportunity, the `_state` row with the cursor), the incremental run's Lever requests, the pack
 * that reached the stand-in against the static path's (the same template with Config `stateTable` empty, run
 * the same way on the same account), and that the failed run moved neither the cursor nor any row.
 * n8n 1.123.81: only that the template falls back to static data there and still sends the whole pack.
 */
const { harness, setupInstance, restSession, runFromTrigger, dataTableRows } = require('./helpers');
const T = require('./templates-helpers');

const TABLE = 'Lever SureCloud evidence';
const TRIGGER = 'Every day at 02:00';
const STATIC_COPY = 'e2eSureCloudStat';
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
	let refuseEvidence = false;

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
	const rowsByKey = async () => new Map((await dataTableRows(session, TABLE)).map((r) => [r.key, r]));
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
		const config = T.emulatorConfig(emu.state, { partnerUrl: rcv.url }).sureCloud;
		const template = T.loadTemplate(T.TEMPLATE_FILES.sureCloud);
		wf = {
			table: T.prepareTemplate(template, { credential: inst.credential, config }),
			static: { ...T.prepareTemplate(template, { credential: inst.credential, config: { ...config, stateTable: '' } }), id: STATIC_COPY },
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
		expect(summaryOf(e)).toMatchObject({ storage: 'staticData', mode: 'full', reason: 'first run' });
		expect(e.output('Open state table')[0].id).toBeUndefined();
		expect(e.run.resultData.runData['Read saved state']).toBeUndefined();
		expect(e.run.resultData.runData['Upsert rows']).toBeUndefined();
		const { pack } = lastPack();
		expect(pack.evidence.map((r) => r.offerId).sort()).toEqual(visibleOfferStage().flatMap((o) => offersOf(o.id).map((f) => f.id)).sort());
		expect(pack.accessReview).toHaveLength(emu.state.users.size);
	});

	(HAS_DATA_TABLES ? describe : describe.skip)('n8n 2.x', () => {
		let first;

		test('first run: full, one row per offer-stage opportunity and per owner of active ones plus the cursor row; the pack equals the static path\'s', async () => {
			rcv.clear();
			const e = await run(wf.table.id, 'table run 1 (full)');
			expect(e.status).toBe('success');
			first = summaryOf(e);
			expect(first).toMatchObject({ storage: 'dataTable', mode: 'full', reason: 'first run', rowsDeleted: 0 });
			const { pack, csv } = lastPack();

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
