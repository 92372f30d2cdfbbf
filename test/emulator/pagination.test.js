'use strict';
/** Pagination (§2.2): opaque offset tokens; stable under concurrent creates and updates. */
const { startEmulator } = require('./index');
const { api, pageAll } = require('./helpers');

jest.setTimeout(60000);

let emu;
beforeAll(async () => {
	emu = await startEmulator({ opportunities: 450, seed: 3, rateLimit: false });
});
afterAll(() => emu.close());

const nonConf = () => emu.state.opportunities.values().filter((o) => o.confidentiality === 'non-confidential');

test('default limit is 100; next is omitted on the last page; token is a percent-encoded position key', async () => {
	const r = await api(emu, 'GET', '/opportunities');
	expect(r.body.data).toHaveLength(100);
	expect(r.body.hasNext).toBe(true);
	expect(r.body.next).toMatch(/^%5B-1%2C\d+%2C%22[0-9a-f-]{36}%22%5D$/);
	const newestCreated = nonConf()
		.map((o) => o.createdAt)
		.sort((a, b) => b - a);
	const last = await api(emu, 'GET', '/opportunities', { query: { created_at_start: String(newestCreated[2]) } });
	expect(last.body.data).toHaveLength(3);
	expect(last.body.hasNext).toBe(false);
	expect('next' in last.body).toBe(false);
});

test('a token works passed back verbatim and percent-encoded again', async () => {
	const first = await api(emu, 'GET', '/opportunities', { query: { limit: '7' } });
	const verbatim = await api(emu, 'GET', '/opportunities', { rawQuery: `limit=7&offset=${first.body.next}` });
	const reencoded = await api(emu, 'GET', '/opportunities', { query: { limit: '7', offset: first.body.next } });
	expect(verbatim.status).toBe(200);
	expect(verbatim.body.data.map((o) => o.id)).toEqual(reencoded.body.data.map((o) => o.id));
	expect(verbatim.body.data[0].id).not.toBe(first.body.data[0].id);
});

// Lever's "List all opportunities" example is ordered by lastInteractionAt descending (its createdAt ascend);
// ties are broken by id (descending) so that the order, and the cursor, are total.
const byLastInteraction = (a, b) => b.lastInteractionAt - a.lastInteractionAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

test('paging through everything returns each opportunity exactly once, most recent interaction first (as Lever lists)', async () => {
	const expected = nonConf().slice().sort(byLastInteraction);
	// the seed must tell the two orders apart, or this test would not see the difference
	const byCreation = nonConf().slice().sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
	expect(byCreation.map((o) => o.id)).not.toEqual(expected.map((o) => o.id));
	const all = await pageAll(emu, '/opportunities', { limit: '37' });
	expect(all.map((o) => o.id)).toEqual(expected.map((o) => o.id));
	for (let i = 1; i < all.length; i++) expect(all[i].lastInteractionAt).toBeLessThanOrEqual(all[i - 1].lastInteractionAt);
});

test('an interaction moves an opportunity to the top; one the walk had not reached yet is not returned in that pass', async () => {
	const performAs = emu.state.users.values().find((u) => u.accessRole === 'super admin').id;
	const ordered = nonConf().slice().sort(byLastInteraction);
	const laggard = ordered[ordered.length - 1]; // least recent interaction: last in the walk
	const alreadySeen = ordered[4]; // on the first page
	const walk = await pageAll(
		emu,
		'/opportunities',
		{ limit: '5' },
		{
			between: async (page) => {
				if (page !== 0) return;
				await api(emu, 'POST', `/opportunities/${laggard.id}/notes`, { query: { perform_as: performAs }, body: { value: 'an interaction' } });
				await api(emu, 'PUT', `/opportunities/${alreadySeen.id}/stage`, { body: { stage: 'lead-responded' } });
			},
		},
	);
	const ids = walk.map((o) => o.id);
	expect(ids[4]).toBe(alreadySeen.id);
	expect(new Set(ids).size).toBe(ids.length); // the re-touched, already seen one is not repeated
	expect(ids).not.toContain(laggard.id); // moved ahead of the cursor during the walk
	expect(ids).toHaveLength(nonConf().length - 1);
	const fresh = await api(emu, 'GET', '/opportunities', { query: { limit: '2' } });
	expect(fresh.body.data.map((o) => o.id)).toEqual([alreadySeen.id, laggard.id]);
	expect(fresh.body.data[1].lastInteractionAt).toBeGreaterThan(laggard.createdAt);
});

test('concurrent creates, updates and stage moves while paging neither skip nor repeat what they do not move', async () => {
	const before = new Map(nonConf().map((o) => [o.id, o.lastInteractionAt]));
	const performAs = emu.state.users.values().find((u) => u.accessRole === 'super admin').id;
	const created = [];
	let n = 0;
	const seen = await pageAll(
		emu,
		'/opportunities',
		{ limit: '25' },
		{
			between: async () => {
				n++;
				// create two, update some existing ones, move a stage
				for (let k = 0; k < 2; k++) {
					const r = await api(emu, 'POST', '/opportunities', { query: { perform_as: performAs }, body: { name: `During ${n}.${k}`, emails: [`during-${n}-${k}@example.org`] } });
					created.push(r.body.data.id);
				}
				const ids = [...before.keys()];
				const victim = ids[(n * 7) % ids.length];
				await api(emu, 'POST', `/opportunities/${victim}/addTags`, { body: { tags: [`touched-${n}`] } });
				await api(emu, 'PUT', `/opportunities/${ids[(n * 13) % ids.length]}/stage`, { body: { stage: 'lead-responded' } });
				await fetch(`${emu.url}/_emulator/mutate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'touch', count: 5, seed: n }) });
			},
		},
	);
	const ids = seen.map((o) => o.id);
	expect(new Set(ids).size).toBe(ids.length); // no repeats
	// no skips among the records whose position did not change (an interaction moves a record ahead of the cursor)
	const unmoved = [...before].filter(([id, t]) => emu.state.opportunities.get(id).lastInteractionAt === t).map(([id]) => id);
	expect(unmoved.length).toBeGreaterThan(before.size - 2 * n);
	for (const id of unmoved) expect(ids).toContain(id);
	// most recent first: records created during paging sort before the cursor, so this walk does not see them
	for (const id of created) expect(ids).not.toContain(id);
});

test('sub-resource and account lists page the same way', async () => {
	const users = await pageAll(emu, '/users', { limit: '3', includeDeactivated: 'true' });
	expect(users.map((u) => u.id)).toEqual(emu.state.users.values().map((u) => u.id).reverse());
	const stages = await pageAll(emu, '/stages', { limit: '4' });
	expect(stages.map((s) => s.id)).toEqual(emu.state.stages.values().map((s) => s.id)); // pipeline order
	const performAs = emu.state.users.values().find((u) => u.accessRole === 'super admin').id;
	await api(emu, 'POST', '/opportunities', { query: { perform_as: performAs }, body: { name: 'Tagged', tags: ['apple tag', 'Banana tag', 'cherry tag'] } });
	const tags = await pageAll(emu, '/tags', { limit: '4' });
	expect(new Set(tags.map((t) => t.text)).size).toBe(tags.length);
	// Alphabetical ignoring case across pages (issue 18 says Lever sorts so; its docs examples are unsorted: I).
	const texts = tags.map((t) => t.text);
	expect(texts).toEqual([...texts].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : 1)));
	expect(texts.filter((t) => t.endsWith(' tag'))).toEqual(['apple tag', 'Banana tag', 'cherry tag']);
	const events = await pageAll(emu, '/audit_events', { limit: '50' });
	expect(events).toHaveLength(emu.state.auditEvents.size);
	for (let i = 1; i < events.length; i++) expect(events[i].createdAt).toBeLessThanOrEqual(events[i - 1].createdAt); // newest first
});

test('a token from one sort order is rejected by the other', async () => {
	const r = await api(emu, 'GET', '/stages', { query: { limit: '2' } });
	const bad = await api(emu, 'GET', '/opportunities', { query: { offset: r.body.next } });
	expect(bad.status).toBe(400);
	expect(bad.body.message).toMatch(/^Invalid offset token/);
});

test('resumes and files answer hasNext:false without pagination params', async () => {
	const res = emu.state.resumes.values()[0];
	const r = await api(emu, 'GET', `/opportunities/${res._opp}/resumes`);
	expect(r.body).toEqual({ data: expect.any(Array), hasNext: false });
	const f = await api(emu, 'GET', `/opportunities/${res._opp}/files`);
	expect(f.body.hasNext).toBe(false);
});
