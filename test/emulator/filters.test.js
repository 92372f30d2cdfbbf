'use strict';
/** Filters (§3.3, §3.11, §3.12 …), expand and include (§2.4), checked against the emulator's own state. */
const { startEmulator } = require('./index');
const { api, pageAll, confidentialAuth } = require('./helpers');

jest.setTimeout(60000);

let emu;
let st;
beforeAll(async () => {
	emu = await startEmulator({ opportunities: 400, seed: 5, rateLimit: false });
	st = emu.state;
});
afterAll(() => emu.close());

const ids = (a) => a.map((x) => x.id).sort();
const visible = () => st.opportunities.values().filter((o) => o.confidentiality === 'non-confidential');
const postingOf = (o) => o.applications.map((a) => st.applications.get(a)).filter(Boolean).map((a) => a.posting);

describe('opportunity filters', () => {
	test('tag (repeated = union, case-sensitive)', async () => {
		const [a, b] = ['Hot lead', 'Relocation'];
		const got = await pageAll(emu, '/opportunities', { tag: [a, b] });
		expect(ids(got)).toEqual(ids(visible().filter((o) => o.tags.includes(a) || o.tags.includes(b))));
		expect(got.length).toBeGreaterThan(0);
		expect(await pageAll(emu, '/opportunities', { tag: 'hot lead' })).toHaveLength(0);
	});

	test('origin, source, stage_id, archived, archive_reason_id', async () => {
		expect(ids(await pageAll(emu, '/opportunities', { origin: ['referred', 'agency'] }))).toEqual(ids(visible().filter((o) => ['referred', 'agency'].includes(o.origin))));
		expect(ids(await pageAll(emu, '/opportunities', { source: 'LinkedIn' }))).toEqual(ids(visible().filter((o) => o.sources.includes('LinkedIn'))));
		expect(ids(await pageAll(emu, '/opportunities', { stage_id: ['lead-new', 'offer'] }))).toEqual(ids(visible().filter((o) => ['lead-new', 'offer'].includes(o.stage))));
		expect(ids(await pageAll(emu, '/opportunities', { archived: 'true' }))).toEqual(ids(visible().filter((o) => o.archived)));
		expect(ids(await pageAll(emu, '/opportunities', { archived: 'false' }))).toEqual(ids(visible().filter((o) => !o.archived)));
		const hired = st.archiveReasons.values().find((r) => r.type === 'hired').id;
		const got = await pageAll(emu, '/opportunities', { archive_reason_id: hired });
		expect(ids(got)).toEqual(ids(visible().filter((o) => o.archived && o.archived.reason === hired)));
		expect(got.length).toBeGreaterThan(0);
	});

	test('posting_id (active) and archived_posting_id (archived)', async () => {
		const withApp = visible().filter((o) => postingOf(o).length);
		const pid = postingOf(withApp[0])[0];
		expect(ids(await pageAll(emu, '/opportunities', { posting_id: pid }))).toEqual(ids(visible().filter((o) => !o.archived && postingOf(o).includes(pid))));
		const archivedOne = withApp.find((o) => o.archived);
		const apid = postingOf(archivedOne)[0];
		const got = await pageAll(emu, '/opportunities', { archived_posting_id: apid });
		expect(ids(got)).toEqual(ids(visible().filter((o) => o.archived && postingOf(o).includes(apid))));
		expect(got.map((o) => o.id)).toContain(archivedOne.id);
	});

	test('date ranges are inclusive (created, updated, advanced, archived)', async () => {
		const sorted = visible().map((o) => o.createdAt).sort((a, b) => a - b);
		const [from, to] = [sorted[50], sorted[120]];
		const got = await pageAll(emu, '/opportunities', { created_at_start: from, created_at_end: to });
		expect(ids(got)).toEqual(ids(visible().filter((o) => o.createdAt >= from && o.createdAt <= to)));
		const up = visible().map((o) => o.updatedAt).sort((a, b) => a - b)[200];
		expect(ids(await pageAll(emu, '/opportunities', { updated_at_start: up }))).toEqual(ids(visible().filter((o) => o.updatedAt >= up)));
		const adv = visible().map((o) => o.lastAdvancedAt).sort((a, b) => a - b)[100];
		expect(ids(await pageAll(emu, '/opportunities', { advanced_at_end: adv }))).toEqual(ids(visible().filter((o) => o.lastAdvancedAt <= adv)));
		const arch = visible().filter((o) => o.archived).map((o) => o.archived.archivedAt).sort((a, b) => a - b)[5];
		expect(ids(await pageAll(emu, '/opportunities', { archived_at_start: arch }))).toEqual(ids(visible().filter((o) => o.archived && o.archived.archivedAt >= arch)));
		expect((await api(emu, 'GET', '/opportunities', { query: { created_at_start: 'yesterday' } })).status).toBe(400);
	});

	test('email finds every opportunity of the contact (case-insensitive); contact_id; location; snoozed', async () => {
		const multi = [...st.oppsByContact.entries()].find(([, list]) => list.length > 1 && list.every((o) => o.confidentiality === 'non-confidential'));
		const contact = st.contacts.get(multi[0]);
		const got = await pageAll(emu, '/opportunities', { email: contact.emails[0].toUpperCase() });
		expect(ids(got)).toEqual(ids(multi[1]));
		expect(ids(await pageAll(emu, '/opportunities', { contact_id: contact.id }))).toEqual(ids(multi[1]));
		expect(await pageAll(emu, '/opportunities', { email: 'nobody@example.org' })).toHaveLength(0);
		const loc = visible().find((o) => o.opportunityLocation && o.opportunityLocation !== 'unspecified').opportunityLocation;
		// An opportunity without a location (no posting) counts as "unspecified" (an inference).
		const unspecified = (o) => !o.opportunityLocation || o.opportunityLocation === 'unspecified';
		expect(ids(await pageAll(emu, '/opportunities', { location: [loc, 'unspecified'] }))).toEqual(ids(visible().filter((o) => o.opportunityLocation === loc || unspecified(o))));
		const now = Date.now();
		expect(ids(await pageAll(emu, '/opportunities', { snoozed: 'true' }))).toEqual(ids(visible().filter((o) => o.snoozedUntil && o.snoozedUntil > now)));
	});

	test('confidentiality: default excludes confidential, all includes them', async () => {
		const all = await pageAll(emu, '/opportunities', { confidentiality: 'all' }, { auth: confidentialAuth() });
		expect(all).toHaveLength(st.opportunities.size);
		const conf = await pageAll(emu, '/opportunities', { confidentiality: 'confidential' }, { auth: confidentialAuth() });
		expect(conf.every((o) => o.confidentiality === 'confidential')).toBe(true);
		expect((await api(emu, 'GET', '/opportunities', { query: { confidentiality: 'secret' } })).status).toBe(400);
	});
});

describe('posting, user and other filters', () => {
	const postings = () => st.postings.values().filter((p) => p.confidentiality === 'non-confidential');
	const listed = (p) => p.state !== 'published' || (p.distributionChannels || ['public', 'internal']).includes('public');

	test('postings: default distribution is public; state/team/department/location/commitment/tag', async () => {
		expect(ids(await pageAll(emu, '/postings'))).toEqual(ids(postings().filter(listed)));
		const both = await pageAll(emu, '/postings', { distributionChannel: ['public', 'internal'] });
		expect(both).toHaveLength(postings().length);
		expect(ids(await pageAll(emu, '/postings', { state: ['draft', 'closed'] }))).toEqual(ids(postings().filter((p) => ['draft', 'closed'].includes(p.state))));
		const p0 = postings()[0];
		const got = await pageAll(emu, '/postings', { team: p0.categories.team, department: p0.categories.department, distributionChannel: ['public', 'internal'] });
		expect(ids(got)).toEqual(ids(postings().filter((p) => p.categories.team === p0.categories.team && p.categories.department === p0.categories.department)));
		expect(ids(await pageAll(emu, '/postings', { location: 'Berlin', commitment: 'Full-time', distributionChannel: ['public', 'internal'] }))).toEqual(ids(postings().filter((p) => p.categories.location === 'Berlin' && p.categories.commitment === 'Full-time')));
		expect((await api(emu, 'GET', '/postings', { query: { state: 'open' } })).status).toBe(400);
	});

	test('postings: updated_at range only combines with confidentiality', async () => {
		const t = postings()[3].updatedAt;
		expect(ids(await pageAll(emu, '/postings', { updated_at_start: t }))).toEqual(ids(postings().filter((p) => p.updatedAt >= t && listed(p))));
		expect((await api(emu, 'GET', '/postings', { query: { updated_at_start: t, team: 'Backend' } })).status).toBe(400);
	});

	test('users: accessRole repeated or bracketed, includeDeactivated, email', async () => {
		const active = st.users.values().filter((u) => !u.deactivatedAt);
		expect(ids(await pageAll(emu, '/users'))).toEqual(ids(active));
		expect(ids(await pageAll(emu, '/users', { includeDeactivated: 'true' }))).toEqual(ids(st.users.values()));
		const want = ids(active.filter((u) => ['admin', 'interviewer'].includes(u.accessRole)));
		expect(ids(await pageAll(emu, '/users', { accessRole: ['admin', 'interviewer'] }))).toEqual(want);
		expect(ids(await pageAll(emu, '/users', { 'accessRole[]': ['admin', 'interviewer'] }))).toEqual(want);
		expect(ids(await pageAll(emu, '/users', { email: active[2].email.toUpperCase() }))).toEqual([active[2].id]);
		const roles = new Set(st.users.values().map((u) => u.accessRole));
		for (const r of ['super admin', 'admin', 'team member', 'limited team member', 'interviewer']) expect(roles.has(r)).toBe(true);
		expect(st.users.values().some((u) => u.deactivatedAt)).toBe(true);
	});

	test('archive reasons by type; requisitions by status and code; audit events by type and user', async () => {
		expect((await pageAll(emu, '/archive_reasons', { type: 'hired' })).every((r) => r.type === 'hired')).toBe(true);
		const req = st.requisitions.values().find((r) => r.confidentiality === 'non-confidential');
		expect(ids(await pageAll(emu, '/requisitions', { requisition_code: req.requisitionCode }))).toEqual([req.id]);
		expect((await pageAll(emu, '/requisitions', { status: 'open' })).every((r) => r.status === 'open')).toBe(true);
		const ev = await pageAll(emu, '/audit_events', { type: 'user.authentication:failed', user_id: 'null' });
		expect(ev.every((e) => e.type === 'user.authentication:failed' && e.user === null)).toBe(true);
		expect((await api(emu, 'GET', '/audit_events', { query: { target_id: 'x' } })).status).toBe(400);
	});
});

describe('expand and include (§2.4)', () => {
	test('expand replaces ids by objects; repeated expand; unknown → 400', async () => {
		const r = await api(emu, 'GET', '/opportunities', { query: { limit: '5', expand: ['owner', 'stage', 'applications', 'contact', 'followers'] } });
		expect(r.status).toBe(200);
		for (const o of r.body.data) {
			expect(typeof o.owner.name).toBe('string');
			expect(typeof o.stage.text).toBe('string');
			expect(o.applications.every((a) => typeof a === 'object' && a.opportunityId === o.id)).toBe(true);
			expect(typeof o.contact.id).toBe('string');
			expect(o.followers.every((f) => typeof f.email === 'string')).toBe(true);
		}
		const p = await api(emu, 'GET', '/postings', { query: { limit: '2', expand: ['hiringManager', 'followers'] } });
		expect(typeof p.body.data[0].hiringManager.email).toBe('string');
		expect((await api(emu, 'GET', '/postings', { query: { expand: 'stage' } })).body.message).toBe('stage is not expandable');
		const app = st.applications.values()[0];
		const a = await api(emu, 'GET', `/opportunities/${app.opportunityId}/applications/${app.id}`, { query: { expand: 'posting' } });
		expect(a.body.data.posting.id).toBe(app.posting);
	});

	test('include restricts fields; expanded fields are always included', async () => {
		const r = await api(emu, 'GET', '/opportunities', { query: { limit: '3', include: ['tags', 'stage'], expand: 'owner' } });
		for (const o of r.body.data) expect(Object.keys(o).sort()).toEqual(['id', 'owner', 'stage', 'tags']);
		expect(typeof r.body.data[0].owner).toBe('object');
		const p = await api(emu, 'GET', '/postings', { query: { limit: '2', include: 'content' } });
		expect(Object.keys(p.body.data[0]).sort()).toEqual(['content', 'id']);
	});
});
