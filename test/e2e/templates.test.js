'use strict';
/*
 * The five partner templates in workflows/ run inside a real n8n (2.40.7, Node 24) with the packed package,
 * against the Lever emulator (rate limit on), with a local HTTP server standing in for each partner:
 *   - scheduled/manual templates run with `n8n execute --id` (The Org twice with postings changed in between,
 *     Outhire's job export, SeekOut's lookup index, SureCloud's evidence collection);
 *   - webhook templates are published and called on their production URLs under one `n8n start`
 *     (OfferZen, Outhire events, SeekOut enrichment, The Org's sync-now).
 * Plus one workflow that runs a read operation of every resource of the Lever node.
 *
 * One user folder, one import, one `n8n start` for everything (1–2 minutes on 2 cores).
 */
const { harness, setupInstance } = require('./helpers');
const T = require('./templates-helpers');

// n8n 2.x under `n8n start` has Data Tables for the templates' state; 1.x falls back to static data.
const HAS_DATA_TABLES = Number(harness.installer.N8N_VERSION.split('.')[0]) >= 2;

const PHASE_LOG = [];
function phase(name, t0) {
	const s = ((Date.now() - t0) / 1000).toFixed(1);
	PHASE_LOG.push(`${name}: ${s}s`);
	process.stderr.write(`[e2e templates] ${name}: ${s}s\n`);
}

function failRun(run, what) {
	const out = `${run.stdout}\n${run.stderr}`;
	const err = run.result?.data?.resultData?.error;
	return new Error(`${what}: n8n execute failed (exit ${run.code})${err ? `: ${err.message} (${err.node?.name ?? ''})` : ''}\n${out.slice(-5000)}`);
}

// On n8n 1.x the Data Table node v1.1 loads as v1, which has no table operations: a template's "Open state
// table" fails there, softly, and the template keeps its state in static data (docs/templates-at-scale.md).
const EXPECTED_ERROR = Number(harness.installer.N8N_VERSION.split('.')[0]) < 2 ? /^Open state table: Could not get parameter$/ : /^$/;

/** Node errors anywhere in a run (a node may fail but the run go on with onError), but the expected fallback. */
function nodeErrors(result) {
	const errors = [];
	for (const [name, runs] of Object.entries(result?.data?.resultData?.runData ?? {})) {
		for (const r of runs) if (r.error) errors.push(`${name}: ${r.error.message}`);
	}
	return errors.filter((e) => !EXPECTED_ERROR.test(e));
}

const opportunitiesOf = (emu, email) =>
	emu.state.opportunities.values().filter((o) => {
		const c = emu.state.contacts.get(o.contact);
		return c && c.emails.map((e) => e.toLowerCase()).includes(email.toLowerCase());
	});

const { leverApi, linksOf } = T;

describe('partner templates in a real n8n', () => {
	const t0 = Date.now();
	let inst;
	let emu;
	let rcv;
	let server;
	let wf = {};
	let fx = {};
	let backgroundChecks = [];

	beforeAll(async () => {
		let t = Date.now();
		inst = await setupInstance({ emulator: { opportunities: 50, rateLimit: { perSecond: 10, burst: 20 }, requestLogSize: 20000 } });
		emu = inst.emu;
		phase('user folder + credential', t);

		rcv = await T.startReceiver({
			'GET /files/jane-cv.pdf': () => ({
				status: 200,
				headers: { 'content-type': 'application/pdf' },
				body: Buffer.from('%PDF-1.4\n% fake resume of Jane Offerzen\n'),
			}),
			'GET /hr/background-checks': () => ({ status: 200, body: backgroundChecks }),
		});

		const users = emu.state.users.values();
		const postings = emu.state.postings.values();
		fx = {
			admin: users.find((u) => u.accessRole === 'super admin' && !u.deactivatedAt),
			attributed: users.find((u) => u.accessRole === 'team member' && !u.deactivatedAt),
			published: postings.filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential'),
		};
		expect(fx.admin).toBeDefined();
		expect(fx.attributed).toBeDefined();
		expect(fx.published.length).toBeGreaterThanOrEqual(3);

		const credential = inst.credential;
		const config = T.emulatorConfig(emu.state, { partnerUrl: rcv.url });
		expect(config.offerZen.verificationAdminUserId).toBe(fx.admin.id);
		expect(config.outhire.attributedUserId).toBe(fx.attributed.id);
		expect(config.offerZen.positionToPosting['oz-position-1']).toBe(fx.published[0].id);
		const load = (key, overrides = {}) =>
			T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES[key]), { credential, config: { ...config[key], ...overrides } });
		wf = {
			offerZen: load('offerZen'),
			theOrg: load('theOrg'),
			outhire: load('outhire'),
			// static data (Config.stateTable empty): the index run here uses `n8n execute`, the webhook `n8n start`;
			// the Data Table path has its own test (template-tables-seekout.test.js)
			seekOut: load('seekOut', { stateTable: '' }),
			sureCloud: load('sureCloud'),
			resources: resourcesWorkflow(emu, credential),
			// The same OfferZen template on another path, configured with a user who is not a Super Admin.
			offerZenNotAdmin: T.withWebhookPath(
				load('offerZen', { verificationAdminUserId: users.find((u) => u.accessRole === 'admin' && !u.deactivatedAt).id }),
				{ id: 'tplOfferZenNoAdm', path: 'offerzen-not-admin/interview-accepted' },
			),
		};
		fx.resourceIds = resourcesWorkflow.ids;
		t = Date.now();
		await harness.importWorkflows(inst.folder, Object.values(wf));
		phase('import 7 workflows', t);
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (rcv) await rcv.close();
		const log = emu ? emu.requests() : undefined;
		if (inst) await inst.close();
		if (log) PHASE_LOG.push(`emulator requests ${log.total} (429: ${log.status429})`);
		process.stderr.write(`[e2e templates] timings: ${PHASE_LOG.join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(0)}s\n`);
	});

	// ------------------------------------------------------------------------------------------------ templates

	test('every template: core nodes and our Lever node only, Config first, sticky notes, credential placeholders', () => {
		for (const key of Object.keys(T.TEMPLATE_FILES)) {
			const tpl = T.loadTemplate(T.TEMPLATE_FILES[key]);
			expect(tpl.id).toMatch(/^[A-Za-z0-9]{16}$/);
			expect(tpl.name).toBeTruthy();
			const types = new Set(tpl.nodes.map((n) => n.type));
			for (const type of types) expect(type).toMatch(/^(n8n-nodes-base\.\w+|n8n-nodes-lever\.lever)$/);
			expect(types.has('n8n-nodes-lever.lever')).toBe(true);
			expect(tpl.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(3);
			const config = tpl.nodes.find((n) => n.name === 'Config');
			expect(config.type).toBe('n8n-nodes-base.set');
			// Config comes right after the triggers (not after the Execute Workflow Trigger by which a template calls
			// itself: SeekOut's windows get Config from the run that calls them)
			for (const [from, c] of Object.entries(tpl.connections)) {
				const node = tpl.nodes.find((n) => n.name === from);
				if (node.type === 'n8n-nodes-base.executeWorkflowTrigger') continue;
				if (/Trigger$|\.webhook$/.test(node.type) || node.type.endsWith('scheduleTrigger')) {
					expect(c.main[0].map((x) => x.node)).toEqual(['Config']);
				}
			}
			for (const n of tpl.nodes.filter((x) => x.type === 'n8n-nodes-lever.lever')) {
				expect(n.credentials).toEqual({ leverAtsApi: { id: 'LEVER_CREDENTIAL_ID', name: 'Lever account' } });
			}
		}
	});

	test('every Lever resource runs in n8n (a read each; Upload with a binary file; Custom API Call)', async () => {
		const t = Date.now();
		const run = await harness.execute(inst.folder, wf.resources.id);
		phase('resources workflow', t);
		if (!run.ok) throw failRun(run, 'resources');
		expect(`${run.stdout}${run.stderr}`).not.toMatch(/Unrecognized node type/);
		const runData = run.result.data.resultData.runData;
		const leverNodes = wf.resources.nodes.filter((n) => n.type === 'n8n-nodes-lever.lever');
		expect(new Set(leverNodes.map((n) => n.parameters.resource))).toEqual(new Set(leverResources()));
		const empty = [];
		for (const node of leverNodes) {
			expect(runData[node.name]).toBeDefined();
			expect(runData[node.name][0].error).toBeUndefined();
			const items = harness.nodeOutput(run.result, node.name);
			if (!items.length) empty.push(node.name);
		}
		// Only the webhook list is empty in a seeded account.
		expect(empty.filter((n) => !/webhook/i.test(n))).toEqual([]);
		// What n8n output came from the emulator's account: every record id it shows is one the emulator holds.
		const known = new Set();
		for (const collection of Object.values(emu.state)) {
			if (collection && typeof collection.values === 'function' && !(collection instanceof Map)) {
				for (const record of collection.values()) if (record && record.id) known.add(String(record.id));
			}
		}
		const unknown = [];
		for (const node of leverNodes.filter((n) => n.parameters.resource !== 'customApiCall' && n.parameters.resource !== 'upload')) {
			for (const item of harness.nodeOutput(run.result, node.name)) {
				if (item.id !== undefined && !known.has(String(item.id))) unknown.push(`${node.name}: ${item.id}`);
			}
		}
		expect(unknown).toEqual([]);
		expect(harness.nodeOutput(run.result, 'opportunity: get')[0].id).toBe(fx.resourceIds.opportunity);
		expect(harness.nodeOutput(run.result, 'upload: upload')[0].uri).toMatch(/^https?:\/\//);
	});

	test('The Org: created, changed and removed postings reach the endpoint; nothing is sent when nothing changed', async () => {
		let t = Date.now();
		const first = await harness.execute(inst.folder, wf.theOrg.id);
		phase('The Org run 1', t);
		if (!first.ok) throw failRun(first, 'The Org run 1');
		expect(harness.nodeOutput(first.result, 'Compare with previous snapshot')[0]).toMatchObject({ mode: 'full', storage: 'staticData' });
		expect(nodeErrors(first.result)).toEqual([]);

		const openIds = () =>
			emu.state.postings
				.values()
				.filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential')
				.map((p) => p.id)
				.sort();
		let posts = rcv.to('/the-org');
		expect(posts).toHaveLength(1);
		const run1 = posts[0].json;
		expect(run1.firstRun).toBe(true);
		expect(run1.created.map((p) => p.leverId).sort()).toEqual(openIds());
		const sample = run1.created.find((p) => p.leverId === fx.published[0].id);
		const src = emu.state.postings.get(fx.published[0].id);
		expect(sample).toMatchObject({
			title: src.text,
			department: src.categories.team,
			location: src.categories.allLocations.join('; '),
			state: 'published',
			createdAt: new Date(src.createdAt).toISOString(),
			url: src.urls.show,
		});
		expect(sample.description).toContain(src.content.descriptionHtml);

		// Between runs: a new posting, an edited title, a closed posting and a deleted one.
		const { created, edited, editedTitle, closed, deleted } = await T.changePostings(emu, fx, 'e2e');

		t = Date.now();
		const mark = T.requestMark(emu);
		const second = await harness.execute(inst.folder, wf.theOrg.id);
		phase('The Org run 2', t);
		if (!second.ok) throw failRun(second, 'The Org run 2');
		// Incremental: one page of postings changed since run 1 (not every open posting) and the deleted list.
		expect(harness.nodeOutput(second.result, 'Compare with previous snapshot')[0].mode).toBe('incremental');
		expect(harness.nodeOutput(second.result, 'Get changed postings').map((p) => p.id)).toEqual(
			expect.arrayContaining([created.data.id, edited.id, closed.id]),
		);
		expect(T.leverRequestsSince(emu, mark).counts).toEqual({ 'GET /postings': 1, 'GET /postings/deleted': 1 });
		posts = rcv.to('/the-org');
		expect(posts).toHaveLength(2);
		const run2 = posts[1].json;
		expect(run2.firstRun).toBe(false);
		expect(run2.created.map((p) => p.leverId)).toEqual([created.data.id]);
		expect(run2.created[0]).toMatchObject({ title: 'Staff Platform Engineer (e2e)', department: 'Platform', location: 'Cape Town' });
		expect(run2.changed.map((p) => [p.leverId, p.title, p.changedFields])).toEqual([[edited.id, editedTitle, ['title']]]);
		const removed = Object.fromEntries(run2.removed.map((p) => [p.leverId, p.reason]));
		expect(removed).toEqual({ [closed.id]: 'closed', [deleted.id]: 'deleted' });
		expect(run2.removed.find((p) => p.leverId === deleted.id).deletedAt).toBeTruthy();

		t = Date.now();
		const third = await harness.execute(inst.folder, wf.theOrg.id);
		phase('The Org run 3', t);
		if (!third.ok) throw failRun(third, 'The Org run 3');
		expect(rcv.to('/the-org')).toHaveLength(2);
		expect(harness.nodeOutput(third.result, 'Compare with previous snapshot')[0].counts).toEqual({
			open: openIds().length,
			created: 0,
			changed: 0,
			removed: 0,
		});
	});

	test('Outhire export: only published postings listed on a job site, with description, workplace type, salary and apply URL; the next export reads only the changes', async () => {
		// Two postings of its own for the second export to change (deleted at the end: The Org never sees them).
		const own = [];
		for (const text of ['Outhire e2e role A', 'Outhire e2e role B']) {
			const res = await leverApi(emu, 'POST', `/postings?perform_as=${fx.admin.id}`, {
				text,
				state: 'published',
				distributionChannels: ['public'],
				categories: { department: 'Engineering', team: 'Platform', location: 'Remote' },
			});
			own.push(res.data.id);
		}
		const t = Date.now();
		const run = await harness.execute(inst.folder, wf.outhire.id);
		phase('Outhire export', t);
		if (!run.ok) throw failRun(run, 'Outhire export');
		expect(nodeErrors(run.result)).toEqual([]);
		const posts = rcv.to('/outhire/jobs');
		expect(posts).toHaveLength(1);
		const { jobs } = posts[0].json;
		const all = emu.state.postings.values().filter((p) => p.confidentiality === 'non-confidential');
		const expected = all.filter((p) => p.state === 'published' && (p.distributionChannels || []).length).map((p) => p.id);
		expect(jobs.map((j) => j.leverId).sort()).toEqual(expected.sort());
		// The account has unlisted (state internal), draft, pending and closed postings: none is exported.
		const notListed = all.filter((p) => p.state !== 'published');
		expect(notListed.some((p) => p.state === 'internal')).toBe(true);
		for (const p of notListed) expect(jobs.map((j) => j.leverId)).not.toContain(p.id);
		for (const job of jobs) {
			const p = emu.state.postings.get(job.leverId);
			expect(job.title).toBe(p.text);
			expect(job.descriptionHtml).toBe(p.content.descriptionHtml);
			expect(job.workplaceType).toBe(p.workplaceType);
			expect(job.applyUrl).toBe(p.urls.apply);
			expect(job.salaryRange).toEqual(p.salaryRange ? { ...p.salaryRange } : null);
			expect(job.distribution.length).toBeGreaterThan(0);
		}
		expect(harness.nodeOutput(run.result, 'Save jobs')[0]).toMatchObject({ mode: 'full', jobs: jobs.length });

		// Second export: one job renamed, one closed; only the changed and deleted postings are read, and the
		// whole list is sent again.
		expect(jobs.map((j) => j.leverId)).toEqual(expect.arrayContaining(own));
		const [renamed, closedJob] = own;
		await leverApi(emu, 'POST', `/postings/${renamed}?perform_as=${fx.admin.id}`, { text: 'Outhire e2e role A (renamed)' });
		await leverApi(emu, 'POST', `/postings/${closedJob}?perform_as=${fx.admin.id}`, { state: 'closed' });
		const mark = T.requestMark(emu);
		const second = await harness.execute(inst.folder, wf.outhire.id);
		phase('Outhire export 2 (incremental)', t);
		if (!second.ok) throw failRun(second, 'Outhire export 2');
		expect(harness.nodeOutput(second.result, 'Save jobs')[0].mode).toBe('incremental');
		expect(T.leverRequestsSince(emu, mark).counts).toEqual({ 'GET /postings': 1, 'GET /postings/deleted': 1 });
		const posts2 = rcv.to('/outhire/jobs');
		expect(posts2).toHaveLength(2);
		const jobs2 = posts2[1].json.jobs;
		const listedNow = emu.state.postings
			.values()
			.filter((p) => p.confidentiality === 'non-confidential' && p.state === 'published' && (p.distributionChannels || []).length)
			.map((p) => p.id);
		expect(jobs2.map((j) => j.leverId).sort()).toEqual(listedNow.sort());
		expect(jobs2.map((j) => j.leverId)).not.toContain(closedJob);
		expect(jobs2.find((j) => j.leverId === renamed).title).toBe('Outhire e2e role A (renamed)');
		for (const id of own) emu.state.postings.remove(id);
	});

	test('SeekOut index: a full first run, then runs that read only the changes; a failed run does not move the cursor', async () => {
		const visible = () => emu.state.opportunities.values().filter((o) => o.confidentiality !== 'confidential');
		const summaryOf = (run) => harness.nodeOutput(run.result, 'Build lookup index')[0];
		let t = Date.now();
		let mark = T.requestMark(emu);
		const first = await harness.execute(inst.folder, wf.seekOut.id);
		phase('SeekOut index run 1 (full)', t);
		if (!first.ok) throw failRun(first, 'SeekOut index run 1');
		expect(nodeErrors(first.result)).toEqual([]);
		const summary = summaryOf(first);
		expect(summary).toMatchObject({ mode: 'full', reason: 'first run', updatedAfter: null });
		expect(summary.opportunities).toBe(visible().length);
		expect(summary.candidates).toBe(new Set(visible().map((o) => o.contact)).size);
		expect(summary.keys.emails).toBeGreaterThan(summary.candidates);
		expect(summary.keys.linkedIn).toBeGreaterThan(0);
		const full = T.leverRequestsSince(emu, mark);
		expect(full.to(/\/resumes$/)).toBe(visible().length);

		// Between runs: one opportunity touched, one with its contact edited, one archived, one deleted (none with
		// an offer: the SureCloud test below reads those).
		const withOffer = new Set(emu.state.offers.values().map((f) => f._opp));
		const [touched, edited, archived, deleted] = visible().filter((o) => !o.archived && !withOffer.has(o.id));
		emu.mutate({ action: 'touch', ids: [touched.id] });
		emu.mutate({ action: 'contact', ids: [edited.id], headline: 'Zebra Analytics, Staff Engineer', emit: false });
		emu.mutate({ action: 'archive', ids: [archived.id], emit: false });
		emu.mutate({ action: 'delete', ids: [deleted.id], emit: false });

		t = Date.now();
		mark = T.requestMark(emu);
		const second = await harness.execute(inst.folder, wf.seekOut.id);
		phase('SeekOut index run 2 (incremental)', t);
		if (!second.ok) throw failRun(second, 'SeekOut index run 2');
		expect(nodeErrors(second.result)).toEqual([]);
		const delta = summaryOf(second);
		expect(delta.mode).toBe('incremental');
		// the window starts 15 minutes (overlapMinutes) before the start of run 1
		expect(Date.parse(delta.updatedAfter)).toBe(summary.cursor - 15 * 60 * 1000);
		const changed = visible().filter((o) => o.updatedAt >= Date.parse(delta.updatedAfter));
		for (const o of [touched, edited, archived]) expect(changed.map((c) => c.id)).toContain(o.id);
		expect(changed.length).toBeLessThan(visible().length);
		expect(delta.read).toEqual({ opportunities: changed.length, deleted: 1 });
		expect(delta.opportunities).toBe(visible().length);
		expect(delta.candidates).toBe(new Set(visible().map((o) => o.contact)).size);
		// Requests: archive reasons, deleted opportunities, one page of changed opportunities, resumes of those only.
		const incremental = T.leverRequestsSince(emu, mark);
		expect(incremental.to(/\/resumes$/)).toBe(changed.length);
		expect(incremental.counts).toEqual({
			'GET /archive_reasons': 1,
			'GET /opportunities/deleted': 1,
			'GET /opportunities': 1,
			'GET /opportunities/{opportunity}/resumes': changed.length,
		});

		// A run that fails (Lever refuses the key) leaves the cursor where run 2 put it.
		const keys = emu.emulator.options.apiKeys;
		emu.emulator.options.apiKeys = [];
		const failed = await harness.execute(inst.folder, wf.seekOut.id).finally(() => {
			emu.emulator.options.apiKeys = keys;
		});
		expect(failed.ok).toBe(false);
		t = Date.now();
		const fourth = await harness.execute(inst.folder, wf.seekOut.id);
		phase('SeekOut index run 4 (after a failed run)', t);
		if (!fourth.ok) throw failRun(fourth, 'SeekOut index run 4');
		expect(summaryOf(fourth)).toMatchObject({ mode: 'incremental', updatedAfter: new Date(delta.cursor - 15 * 60 * 1000).toISOString() });
		expect(summaryOf(fourth).opportunities).toBe(visible().length);
	});

	test('SureCloud: evidence rows with flags (start before check, check missing), CSV file and POST', async () => {
		// Signed offers: one check in time, one check after the start date, one without a check.
		const offers = emu.state.offers.values().filter((o) => {
			const opp = emu.state.opportunities.get(o._opp);
			return opp && opp.confidentiality !== 'confidential';
		});
		const startOf = (o) => o.fields.find((f) => f.identifier === 'anticipated_start_date').value;
		const signed = offers.filter((o) => o.status === 'signed');
		expect(signed.length).toBeGreaterThanOrEqual(3);
		const [inTime, late, missing] = signed;
		const contactEmail = (o) => emu.state.contacts.get(emu.state.opportunities.get(o._opp).contact).emails[0];
		backgroundChecks = [
			{ opportunityId: inTime._opp, completedAt: new Date(startOf(inTime) - 5 * 86400000).toISOString(), result: 'clear' },
			{ email: contactEmail(late).toUpperCase(), completedAt: new Date(startOf(late) + 2 * 86400000).toISOString(), result: 'clear' },
		];

		const t = Date.now();
		emu.resetRequests();
		const run = await harness.execute(inst.folder, wf.sureCloud.id);
		phase('SureCloud', t);
		if (!run.ok) throw failRun(run, 'SureCloud');
		expect(nodeErrors(run.result)).toEqual([]);
		expect(harness.nodeOutput(run.result, 'Save state')[0]).toMatchObject({ mode: 'full', reason: 'first run' });
		expect(rcv.to('/hr/background-checks', 'GET')).toHaveLength(1);

		const posts = rcv.to('/surecloud/evidence');
		expect(posts).toHaveLength(1);
		const parts = T.parseMultipart(posts[0]);
		expect(parts.evidence.filename).toBe('lever-evidence.csv');
		// Convert to File writes booleans the spreadsheet way (TRUE/FALSE).
		const csvRows = T.parseCsv(parts.evidence.value).map((r) => ({
			...r,
			hired: r.hired.toLowerCase(),
			startPrecedesCheck: r.startPrecedesCheck.toLowerCase(),
		}));
		const pack = JSON.parse(parts.pack.value);

		// One row per offer of the account, in the CSV and in the pack.
		expect(csvRows.map((r) => r.offerId).sort()).toEqual(offers.map((o) => o.id).sort());
		expect(pack.evidence).toHaveLength(offers.length);
		const row = (o) => csvRows.find((r) => r.offerId === o.id);
		expect(row(inTime)).toMatchObject({ flag: 'OK', startPrecedesCheck: 'false', offerStatus: 'signed' });
		expect(row(late)).toMatchObject({ flag: 'START_BEFORE_CHECK', startPrecedesCheck: 'true' });
		expect(row(late).backgroundCheckCompletedAt).toBe(backgroundChecks[1].completedAt);
		expect(row(missing)).toMatchObject({ flag: 'CHECK_MISSING', backgroundCheckCompletedAt: '' });
		for (const o of offers) {
			const r = row(o);
			expect(r.startDate).toBe(new Date(startOf(o)).toISOString());
			const sig = o.signatures && o.signatures.candidate;
			expect(r.offerSignedAt).toBe(sig && sig.signedAt ? new Date(sig.signedAt).toISOString() : '');
			const opp = emu.state.opportunities.get(o._opp);
			const hiredReason = emu.state.archiveReasons.values().find((x) => x.type === 'hired');
			expect(r.hired).toBe(String(Boolean(opp.archived && opp.archived.reason === hiredReason.id)));
			if (o.status !== 'signed' && r.hired === 'false') expect(r.flag).toBe('NOT_ACCEPTED');
		}
		expect(csvRows.some((r) => r.hired === 'true')).toBe(true);

		// No contact is read one by one: the offer-stage listing brings each contact (expand=contact), and the rows
		// carry what the evidence needs from it.
		expect(emu.requests().counts['GET /contacts/{contact}'] || 0).toBe(0);
		const listed = harness.nodeOutput(run.result, 'Get offer-stage opportunities');
		expect(listed.length).toBe(emu.state.opportunities.values().filter((o) => o.stage === 'offer' && o.confidentiality !== 'confidential').length);
		for (const o of listed) expect(o.contact).toMatchObject({ id: emu.state.opportunities.get(o.id).contact, emails: emu.state.contacts.get(emu.state.opportunities.get(o.id).contact).emails });
		for (const o of offers) {
			const contact = emu.state.contacts.get(emu.state.opportunities.get(o._opp).contact);
			expect(row(o)).toMatchObject({
				contactId: contact.id,
				candidate: contact.name,
				email: contact.emails[0].toLowerCase(),
				location: (contact.location && contact.location.name) || '',
			});
			expect(row(o).anonymized.toLowerCase()).toBe(String(Boolean(contact.isAnonymized)));
			// every address of the contact, each once (background checks are matched on any of them)
			const addresses = [row(o).email, ...row(o).otherEmails.split('; ').filter(Boolean)];
			expect(new Set(addresses).size).toBe(addresses.length);
			expect(addresses).toEqual(expect.arrayContaining(contact.emails.map((e) => e.toLowerCase())));
		}

		// User-access review.
		const users = emu.state.users.values();
		expect(pack.accessReview).toHaveLength(users.length);
		const review = Object.fromEntries(pack.accessReview.map((u) => [u.userId, u]));
		for (const u of users) {
			expect(review[u.id].flags.includes('SUPER_ADMIN')).toBe(u.accessRole === 'super admin');
			expect(review[u.id].flags.includes('DEACTIVATED')).toBe(Boolean(u.deactivatedAt));
			expect(review[u.id].status).toBe(u.deactivatedAt ? 'deactivated' : 'active');
		}
		const owners = new Set(emu.state.opportunities.values().filter((o) => !o.archived && o.confidentiality !== 'confidential').map((o) => o.owner));
		for (const u of users.filter((x) => !x.deactivatedAt)) {
			if (owners.has(u.id)) expect(review[u.id].flags).not.toContain('OWNS_NO_WORK');
		}
		expect(pack.summary.superAdmins).toBe(users.filter((u) => u.accessRole === 'super admin').length);
		expect(pack.summary.startBeforeCheck).toBe(csvRows.filter((r) => r.flag === 'START_BEFORE_CHECK').length);
		expect(pack.reference.stages.length).toBe(emu.state.stages.size);
		expect(pack.reference.archiveReasons.length).toBeGreaterThan(0);
		expect(pack.reference.tags.length).toBeGreaterThan(0);
	});

	test('SureCloud: the next run reads only changed opportunities (with their contacts) and their offers, and offers still open; the evidence stays whole', async () => {
		const FINAL = ['signed', 'denied'];
		const visibleOfferStage = () => emu.state.opportunities.values().filter((o) => o.stage === 'offer' && o.confidentiality !== 'confidential');
		const offersOf = (id) => emu.state.offers.values().filter((f) => f._opp === id);
		// Saved by run 1: offers that can still change are read again on every run.
		const open = visibleOfferStage().filter((o) => !offersOf(o.id).length || offersOf(o.id).some((f) => !FINAL.includes(f.status)));
		const settled = visibleOfferStage().filter((o) => !open.includes(o));
		expect(open.length).toBeGreaterThan(0);
		expect(settled.length).toBeGreaterThanOrEqual(5);

		// Between runs: an open offer is signed (Lever is not known to move the opportunity's updatedAt for that),
		// a settled offer-stage opportunity is touched, another moves back to an earlier stage.
		const signedNow = offersOf(open.find((o) => offersOf(o.id).length).id).find((f) => !FINAL.includes(f.status));
		signedNow.status = 'signed';
		const touched = settled[settled.length - 1];
		const movedBack = settled[settled.length - 2];
		// An opportunity that reaches the Offer stage before its offer is made: its offer read returns nothing, so
		// the offers read after it must still be linked to their own opportunities (by n8n's paired items, not by
		// position: the evidence rows' opportunities are checked below).
		const noOfferYet = emu.state.opportunities.values().find((o) => o.stage !== 'offer' && !o.archived && o.confidentiality !== 'confidential' && !offersOf(o.id).length);
		// (put back after the run: the SeekOut enrichment test below compares with an index built before this)
		const restore = [touched, movedBack, noOfferYet].map((o) => ({ o, stage: o.stage, updatedAt: o.updatedAt, lastAdvancedAt: o.lastAdvancedAt, changes: o.stageChanges.length }));
		emu.mutate({ action: 'touch', ids: [touched.id] });
		emu.mutate({ action: 'stage', ids: [movedBack.id], stageId: 'applicant-new', emit: false });
		emu.mutate({ action: 'stage', ids: [noOfferYet.id], stageId: 'offer', emit: false });
		expect(emu.state.opportunities.get(movedBack.id).stage).toBe('applicant-new');

		const t = Date.now();
		rcv.clear();
		const mark = T.requestMark(emu);
		const run = await harness.execute(inst.folder, wf.sureCloud.id).finally(() => {
			for (const r of restore) Object.assign(r.o, { stage: r.stage, updatedAt: r.updatedAt, lastAdvancedAt: r.lastAdvancedAt }).stageChanges.splice(r.changes);
		});
		phase('SureCloud run 2 (incremental)', t);
		if (!run.ok) throw failRun(run, 'SureCloud run 2');
		expect(nodeErrors(run.result)).toEqual([]);
		const saved = harness.nodeOutput(run.result, 'Save state')[0];
		expect(saved.mode).toBe('incremental');
		const since = Date.parse(saved.updatedAfter);
		// (as the account was during the run: touched at the Offer stage with a new updatedAt, movedBack not there)
		const changedAtOffer = [...visibleOfferStage().filter((o) => o.id === touched.id || (o.id !== movedBack.id && o.updatedAt >= since)), noOfferYet];
		const offerReads = new Set([...changedAtOffer, ...open].map((o) => o.id));
		const requests = T.leverRequestsSince(emu, mark);
		expect(requests.counts['GET /opportunities/{opportunity}/offers']).toBe(offerReads.size);
		expect(requests.counts['GET /contacts/{contact}'] || 0).toBe(0);
		// two listings of changed opportunities (all, and at the Offer stage), one of deleted ones
		expect(requests.counts['GET /opportunities']).toBe(2);
		expect(requests.counts['GET /opportunities/deleted']).toBe(1);
		expect(requests.to(/offers|contacts/)).toBeLessThan(2 * visibleOfferStage().length);

		// The evidence is still one row per offer of every offer-stage opportunity, from saved and fresh reads.
		const posts = rcv.to('/surecloud/evidence');
		expect(posts).toHaveLength(1);
		const csvRows = T.parseCsv(T.parseMultipart(posts[0]).evidence.value);
		const expected = visibleOfferStage()
			.filter((o) => o.id !== movedBack.id)
			.flatMap((o) => offersOf(o.id).map((f) => f.id));
		expect(csvRows.map((r) => r.offerId).sort()).toEqual(expected.sort());
		for (const f of offersOf(movedBack.id)) expect(csvRows.map((r) => r.offerId)).not.toContain(f.id);
		expect(csvRows.find((r) => r.offerId === signedNow.id).offerStatus).toBe('signed');
		// rows from the saved state and from this run's reads both carry the opportunity and its contact
		const offerOpp = new Map(emu.state.offers.values().map((f) => [f.id, f._opp]));
		const wrong = csvRows.filter((r) => r.opportunityId !== offerOpp.get(r.offerId) || r.contactId !== emu.state.opportunities.get(offerOpp.get(r.offerId)).contact);
		expect(wrong).toEqual([]);
	});

	// ------------------------------------------------------------------------------------------------ webhooks

	describe('webhook templates under n8n start', () => {
		const hook = (path) => `${server.url}/webhook/${path}`;
		// A posting still published after The Org test changed some (fx.published[0] stays published).
		const openPosting = () =>
			emu.state.postings.values().find((p) => p.state === 'published' && p.confidentiality === 'non-confidential' && p.id !== fx.published[0].id);

		beforeAll(async () => {
			let t = Date.now();
			for (const key of ['offerZen', 'offerZenNotAdmin', 'outhire', 'seekOut', 'theOrg']) await harness.publishWorkflow(inst.folder, wf[key].id);
			phase('publish 5 workflows', t);
			t = Date.now();
			server = await harness.startN8n(inst.folder);
			for (const path of ['offerzen/interview-accepted', 'offerzen-not-admin/interview-accepted', 'outhire/events', 'seekout/enrich', 'theorg/sync-now']) {
				await T.waitForWebhook(hook(path));
			}
			phase('n8n start + webhooks registered', t);
		});

		test('OfferZen: creates the opportunity once (owner, source, tag, links, resume); a repeat adds a note', async () => {
			const posting = fx.published[0];
			const body = {
				interviewRequestId: 'oz-ir-1001',
				acceptedAt: '2026-11-20T10:00:00Z',
				position: { id: 'oz-position-1' },
				candidate: {
					firstName: 'Jane',
					lastName: 'Offerzen',
					email: 'Jane.Offerzen@example.com',
					phone: '+27 82 555 0100',
					profileUrl: 'https://www.offerzen.com/talent/jane-offerzen',
					links: ['https://github.com/jane-offerzen'],
					resumeUrl: `${rcv.url}/files/jane-cv.pdf`,
				},
			};
			const first = await T.postJson(hook('offerzen/interview-accepted'), body);
			if (first.status !== 201) throw new Error(`OfferZen answered ${first.status}: ${first.text}\n${server.log().slice(-4000)}`);
			expect(first.body).toMatchObject({ created: true, noted: false });
			const opps = opportunitiesOf(emu, 'jane.offerzen@example.com');
			expect(opps).toHaveLength(1);
			const opp = opps[0];
			expect(first.body.opportunityId).toBe(opp.id);
			expect(first.body.url).toBe(`https://hire.lever.co/candidates/${opp.id}`);
			expect(opp.owner).toBe(fx.admin.id);
			expect(opp.sourcedBy).toBe(fx.admin.id);
			expect(opp.origin).toBe('sourced');
			expect(opp.sources).toContain('OfferZen');
			expect(opp.tags).toContain('OfferZen');
			expect(emu.state.applications.children(opp.id).map((a) => a.posting)).toEqual([posting.id]);
			const contact = emu.state.contacts.get(opp.contact);
			expect(contact.name).toBe('Jane Offerzen');
			expect(linksOf(contact)).toEqual(expect.arrayContaining(['https://www.offerzen.com/talent/jane-offerzen', 'https://github.com/jane-offerzen']));
			expect(contact.phones.map((p) => p.value)).toContain('+27 82 555 0100');
			const resumes = emu.state.resumes.children(opp.id);
			expect(resumes.map((r) => r.file.name)).toEqual(['jane-cv.pdf']);
			// Downloaded once (the node retries failed downloads only).
			expect(rcv.to('/files/jane-cv.pdf', 'GET')).toHaveLength(1);

			// The same request again: a note on the same opportunity, no duplicate.
			const notesBefore = emu.state.notes.children(opp.id).length;
			const second = await T.postJson(hook('offerzen/interview-accepted'), body);
			expect(second.status).toBe(200);
			expect(second.body).toMatchObject({ opportunityId: opp.id, created: false, noted: true });
			expect(opportunitiesOf(emu, 'jane.offerzen@example.com')).toHaveLength(1);
			const notes = emu.state.notes.children(opp.id);
			expect(notes).toHaveLength(notesBefore + 1);
			expect(JSON.stringify(notes[notes.length - 1].fields)).toContain('oz-ir-1001');
			expect(notes[notes.length - 1].user).toBe(fx.admin.id);

			// A resume sent as a file (base64), on a posting given directly.
			const third = await T.postJson(hook('offerzen/interview-accepted'), {
				interviewRequestId: 'oz-ir-1002',
				position: { id: 'unmapped', leverPostingId: openPosting().id },
				candidate: {
					name: 'Ben Base',
					email: 'ben.base@example.com',
					resumeBase64: Buffer.from('Ben Base, engineer').toString('base64'),
					resumeFileName: 'ben.txt',
					resumeMimeType: 'text/plain',
				},
			});
			expect(third.status).toBe(201);
			const ben = opportunitiesOf(emu, 'ben.base@example.com');
			expect(ben).toHaveLength(1);
			expect(emu.state.resumes.children(ben[0].id).map((r) => r.file.name)).toEqual(['ben.txt']);

			// An unknown position: 422, nothing written.
			const count = emu.state.opportunities.size;
			const bad = await T.postJson(hook('offerzen/interview-accepted'), {
				position: { id: 'no-such-position' },
				candidate: { name: 'Nobody', email: 'nobody@example.com' },
			});
			expect(bad.status).toBe(422);
			expect(bad.body.error).toMatch(/not linked to a Lever posting/);
			expect(emu.state.opportunities.size).toBe(count);
		});

		test('OfferZen: a verification admin who is not an active Super Admin stops the request before any write', async () => {
			const count = emu.state.opportunities.size;
			const requestsBefore = emu.requests().counts['POST /opportunities'] || 0;
			const res = await T.postJson(hook('offerzen-not-admin/interview-accepted'), {
				position: { leverPostingId: fx.published[0].id },
				candidate: { name: 'Nia Noadmin', email: 'nia.noadmin@example.com' },
			});
			expect(res.status).toBe(500);
			expect(res.body.error).toMatch(/must be an active Lever Super Admin/);
			expect(res.body.accessRole).toBe('admin');
			expect(emu.state.opportunities.size).toBe(count);
			expect(emu.requests().counts['POST /opportunities'] || 0).toBe(requestsBefore);
		});

		test('Outhire events: saves and questions are answered and dropped; an application becomes one tagged lead', async () => {
			const posting = openPosting();
			const count = emu.state.opportunities.size;
			for (const type of ['save', 'question', 'subscription']) {
				const res = await T.postJson(hook('outhire/events'), {
					id: `evt-${type}`,
					type,
					job: { leverPostingId: posting.id },
					candidate: { name: 'Sam Saver', email: 'sam.saver@example.com' },
				});
				expect(res.status).toBe(200);
				expect(res.body).toMatchObject({ ignored: true, type });
			}
			expect(emu.state.opportunities.size).toBe(count);
			expect(opportunitiesOf(emu, 'sam.saver@example.com')).toHaveLength(0);

			const application = {
				id: 'evt-app-1',
				type: 'application',
				job: { leverPostingId: posting.id },
				candidate: {
					name: 'Olu Outhire',
					email: 'olu.outhire@example.com',
					phone: '+44 20 5555 0101',
					headline: 'Backend engineer',
					links: ['https://www.linkedin.com/in/olu-outhire'],
				},
			};
			const res = await T.postJson(hook('outhire/events'), application);
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({ created: true, eventId: 'evt-app-1' });
			const opps = opportunitiesOf(emu, 'olu.outhire@example.com');
			expect(opps).toHaveLength(1);
			const opp = opps[0];
			expect(res.body.opportunityId).toBe(opp.id);
			expect(opp.stage).toBe('lead-new');
			expect(opp.tags).toContain('Outhire');
			expect(opp.sources).toContain('Outhire');
			expect(opp.owner).toBe(fx.attributed.id);
			expect(opp.sourcedBy).toBe(fx.attributed.id);
			expect(emu.state.applications.children(opp.id).map((a) => a.posting)).toEqual([posting.id]);
			expect(linksOf(emu.state.contacts.get(opp.contact))).toContain('https://www.linkedin.com/in/olu-outhire');

			// Replayed application: no second opportunity, a note instead.
			const again = await T.postJson(hook('outhire/events'), application);
			expect(again.status).toBe(200);
			expect(again.body).toMatchObject({ opportunityId: opp.id, created: false, noted: true });
			expect(opportunitiesOf(emu, 'olu.outhire@example.com')).toHaveLength(1);

			// An application without a usable email: 422, nothing written.
			const before = emu.state.opportunities.size;
			const bad = await T.postJson(hook('outhire/events'), { id: 'evt-bad', type: 'application', job: { leverPostingId: posting.id }, candidate: { name: 'No Mail' } });
			expect(bad.status).toBe(422);
			expect(bad.body.error).toMatch(/email/);
			expect(emu.state.opportunities.size).toBe(before);
		});

		test('SeekOut enrichment: email, LinkedIn and name + company matches carry the Lever facts; a stranger does not match', async () => {
			const st = emu.state;
			const reasons = new Map(st.archiveReasons.values().map((r) => [r.id, r.text]));
			const { visible, contactOf, withLinkedIn, archived, withCompany, profiles } = T.seekOutProbe(st);
			expect([withLinkedIn, archived, withCompany].every(Boolean)).toBe(true);
			const res = await T.postJson(hook('seekout/enrich'), { profiles });
			expect(res.status).toBe(200);
			expect(res.body.indexReady).toBe(true);
			const byId = Object.fromEntries(res.body.results.map((r) => [r.profileId, r]));

			const expectFacts = (result, opp) => {
				const person = contactOf(opp);
				const opps = visible.filter((o) => o.contact === opp.contact).sort((a, b) => b.updatedAt - a.updatedAt);
				const latest = opps[0];
				const owner = st.users.get(latest.owner);
				expect(result.inLever).toBe(true);
				expect(result.contactId).toBe(opp.contact);
				expect(result.name).toBe(person.name);
				expect(result.emails).toEqual(person.emails.map((e) => e.toLowerCase()));
				expect(result.phones).toEqual(person.phones.map((p) => p.value));
				expect(result.stage).toBe(st.stages.get(latest.stage).text);
				expect(result.status).toBe(latest.archived ? 'archived' : 'active');
				expect(result.archiveReason).toBe(latest.archived ? reasons.get(latest.archived.reason) : null);
				expect(result.lastUpdated).toBe(new Date(latest.updatedAt).toISOString());
				expect(result.recruiter).toMatchObject({ id: owner.id, name: owner.name, email: owner.email });
				const resumeIds = opps.flatMap((o) => st.resumes.children(o.id).map((r) => r.id));
				expect(result.resumeLinks).toHaveLength(resumeIds.length);
				for (const id of resumeIds) expect(result.resumeLinks.some((l) => l.includes(id))).toBe(true);
				expect(result.opportunities.map((o) => o.opportunityId).sort()).toEqual(opps.map((o) => o.id).sort());
			};
			expect(byId['p-email'].matchedBy).toBe('email');
			expectFacts(byId['p-email'], archived);
			expect(byId['p-email'].status === 'archived' || visible.filter((o) => o.contact === archived.contact).length > 1).toBe(true);
			expect(byId['p-linkedin'].matchedBy).toBe('linkedin');
			expectFacts(byId['p-linkedin'], withLinkedIn);
			expect(byId['p-name'].matchedBy).toBe('name+company');
			expectFacts(byId['p-name'], withCompany);
			expect(byId['p-none']).toEqual({ profileId: 'p-none', inLever: false, matchedBy: null });
			expect(res.body.matched).toBe(3);
		});

		// Under n8n start, 2.x gives the template its Data Table (new here: a first, full run that sends every open
		// posting); 1.x has none, and the template goes on from the static data of the n8n execute runs above.
		test('The Org sync-now webhook answers with the counts and where the state lives', async () => {
			const res = await T.postJson(hook('theorg/sync-now'), {});
			expect(res.status).toBe(200);
			const open = emu.state.postings.values().filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential').length;
			if (HAS_DATA_TABLES) expect(res.body).toMatchObject({ storage: 'dataTable', counts: { open, created: open, changed: 0, removed: 0 } });
			else expect(res.body).toMatchObject({ storage: 'staticData', counts: { open, created: 0, changed: 0, removed: 0 } });
		});
	});
});

/** The Lever node's resources, read from the sources (`export const xResource: LeverResource = { value: 'x', ...`). */
/** The Resource options of the built Lever node (dist), i.e. every resource a user can pick. */
function leverResources() {
	const path = require('path');
	const { Lever } = require(path.join(harness.ROOT, 'dist', 'nodes', 'Lever', 'Lever.node.js'));
	const resource = new Lever().description.properties.find((property) => property.name === 'resource');
	return resource.options.map((option) => option.value);
}

/**
 * Manual Trigger → one Lever node per resource, each running a read (or, for Upload, the only) operation
 * against ids taken from the emulator's seeded account.
 */
function resourcesWorkflow(emu, credential) {
	const st = emu.state;
	const visible = (o) => o && o.confidentiality !== 'confidential';
	const oppWith = (collection) => {
		const rec = st[collection].values().find((r) => visible(st.opportunities.get(r._opp || r.opportunityId)));
		if (!rec) throw new Error(`no opportunity with ${collection}`);
		return rec._opp || rec.opportunityId;
	};
	const published = st.postings.values().find((p) => p.state === 'published' && p.confidentiality === 'non-confidential');
	const opportunity = st.opportunities.values().find(visible);
	const user = st.users.values()[0];
	const byId = (value) => ({ __rl: true, mode: 'id', value });
	// Only this resource map lists ids; the test reads `fx.resourceIds` back for assertions.
	resourcesWorkflow.ids = { opportunity: opportunity.id };
	const ops = [
		['application', 'getMany', { opportunityId: byId(oppWith('applications')), limit: 5 }],
		['archiveReason', 'getMany', { returnAll: true }],
		['auditEvent', 'getMany', { limit: 5 }],
		['contact', 'get', { contactId: opportunity.contact }],
		['customApiCall', 'request', { method: 'GET', path: '/tags' }],
		['dispositionStage', 'getMany', {}],
		['diversitySurvey', 'getMany', { postingId: byId(published.id), limit: 5 }],
		['eeoResponse', 'getMany', { limit: 5 }],
		['feedback', 'getMany', { opportunityId: byId(oppWith('feedback')), limit: 5 }],
		['feedbackTemplate', 'getMany', { limit: 5 }],
		['file', 'getMany', { opportunityId: byId(oppWith('files')) }],
		['formTemplate', 'getMany', { limit: 5 }],
		['interview', 'getMany', { opportunityId: byId(oppWith('interviews')), limit: 5 }],
		['note', 'getMany', { opportunityId: byId(oppWith('notes')), limit: 5 }],
		['offer', 'getMany', { opportunityId: byId(oppWith('offers')), limit: 5 }],
		// By Lever URL: n8n itself extracts the id with the locator's regex.
		['opportunity', 'get', { opportunityId: { __rl: true, mode: 'url', value: `https://hire.lever.co/candidates/${opportunity.id}?tab=overview` }, expand: ['owner', 'stage'] }],
		['panel', 'getMany', { opportunityId: byId(oppWith('panels')), limit: 5 }],
		['posting', 'get', { postingId: byId(published.id), simplify: false }],
		['profileForm', 'getMany', { opportunityId: byId(oppWith('forms')), limit: 5 }],
		['referral', 'getMany', { opportunityId: byId(oppWith('referrals')), limit: 5 }],
		['requisition', 'getMany', { limit: 5 }],
		['requisitionField', 'getMany', { limit: 5 }],
		['resume', 'getMany', { opportunityId: byId(oppWith('resumes')) }],
		['source', 'getMany', { limit: 5 }],
		['stage', 'getMany', { returnAll: true }],
		['tag', 'getMany', { limit: 5 }],
		['upload', 'upload', { binaryPropertyName: 'data', options: { fileName: 'e2e-upload.txt' } }],
		['user', 'get', { userId: byId(user.id) }],
		['webhook', 'getMany', { returnAll: true }],
		['opportunity', 'getMany', { limit: 3, filters: { archived: 'false' } }],
		['posting', 'getMany', { limit: 3, filters: { state: ['published'] } }],
		['user', 'getMany', { limit: 3 }],
	];
	const trigger = {
		id: 'e2e00000-0000-4000-8000-000000000000',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const file = {
		id: 'e2e00000-0000-4000-8000-000000000001',
		name: 'A file',
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		position: [240, 800],
		parameters: { operation: 'toText', sourceProperty: 'text', binaryPropertyName: 'data', options: { fileName: 'e2e-upload.txt' } },
	};
	const text = {
		id: 'e2e00000-0000-4000-8000-000000000002',
		name: 'Text',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [120, 800],
		parameters: { assignments: { assignments: [{ id: 'e2e-text', name: 'text', value: 'uploaded from the e2e test', type: 'string' }] }, options: {} },
	};
	const nodes = [trigger, text, file];
	const connections = {
		'Manual Trigger': { main: [[{ node: 'Text', type: 'main', index: 0 }]] },
		Text: { main: [[{ node: 'A file', type: 'main', index: 0 }]] },
		'A file': { main: [[]] },
	};
	ops.forEach(([resource, operation, params], i) => {
		const name = `${resource}: ${operation}`;
		nodes.push({
			id: `e2e00000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`,
			name,
			type: 'n8n-nodes-lever.lever',
			typeVersion: 1,
			position: [480, i * 120],
			parameters: { authentication: 'apiKey', resource, operation, ...params },
			credentials: credential,
		});
		const from = resource === 'upload' ? 'A file' : 'Manual Trigger';
		connections[from].main[0].push({ node: name, type: 'main', index: 0 });
	});
	return { id: 'e2eLeverAllRes01', name: 'e2e: one read per Lever resource', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}
