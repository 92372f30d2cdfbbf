/**
 * Lever Poll Trigger against the emulator: scripted creates and updates, some made while a poll is
 * paging, same-millisecond writes and a Lever clock running behind n8n's, with every change emitted once.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { createTriggerContext } from '../../helpers/triggerContext';
import type { TriggerContextOptions } from '../../helpers/triggerContext';
import { LeverPollTrigger } from '../../../nodes/Lever/LeverPollTrigger.node';
import { freshRateLimits } from '../../helpers/rateLimits';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Rec = IDataObject & { id: string };

const trigger = new LeverPollTrigger();
let emu: Emulator;
let credentials: IDataObject;

interface PollRun {
	items: IDataObject[];
	requests: number;
	logs: string[];
}

async function poll(
	parameters: Record<string, unknown>,
	staticData: IDataObject,
	extra: Partial<TriggerContextOptions> = {},
): Promise<PollRun> {
	freshRateLimits();
	const h = createTriggerContext({ parameters, staticData, credentials, mode: 'trigger', ...extra });
	const result = await trigger.poll.call(h.context);
	return { items: result ? result[0].map((item) => item.json) : [], requests: h.requests.length, logs: h.logs.map((l) => l.message) };
}

function opportunities(): Rec[] {
	return emu.state.opportunities.values() as Rec[];
}

function byId<T extends Rec>(collection: string, id: string): T {
	return (emu.state as unknown as Record<string, { get(id: string): T }>)[collection].get(id);
}

async function api(method: string, path: string, body?: unknown) {
	const response = await fetch(`${emu.apiUrl}${path}`, {
		method,
		headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as IDataObject) : {} };
}

/** Every key emitted at most once; returns a multiset check helper. */
function expectNoDuplicates(keys: string[]) {
	const counts = new Map<string, number>();
	for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
	const repeated = [...counts].filter(([, count]) => count > 1);
	expect(repeated).toEqual([]);
}

function activeUserId(): string {
	return (emu.state.users.values() as Rec[]).find((u) => !u.deactivatedAt && u.accessRole !== 'interviewer')!.id;
}

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 40, rateLimit: false });
	credentials = { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' };
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
});

describe('Lever Poll Trigger: start and manual runs', () => {
	it('the first activation emits nothing and marks the start; the next poll emits what came after', async () => {
		const staticData: IDataObject = {};
		const first = await poll({ event: 'opportunityCreated' }, staticData);
		expect(first.items).toEqual([]);
		const state = staticData.lever as IDataObject;
		// Lever's clock (its Date header, whole seconds) less the overlap of 10 s.
		expect(Math.abs(Number(state.cursor) - (Date.now() - 10_000))).toBeLessThan(2000);
		// One request, for Lever's clock (its Date header).
		expect(first.requests).toBe(1);

		const { ids } = emu.mutate({ action: 'create', count: 3 });
		const second = await poll({ event: 'opportunityCreated' }, staticData);
		expect(second.items.map((i) => i.id).sort()).toEqual([...ids].sort());
		expect((await poll({ event: 'opportunityCreated' }, staticData)).items).toEqual([]);
	});

	it('backfill emits the changes since the given date on the first poll, then only new ones', async () => {
		const staticData: IDataObject = {};
		const all = opportunities();
		const since = all[all.length - 5].createdAt as number;
		const expected = all.filter((o) => (o.createdAt as number) >= since && o.confidentiality !== 'confidential').map((o) => o.id);
		const first = await poll({ event: 'opportunityCreated', options: { backfillSince: new Date(since).toISOString() } }, staticData);
		expect(first.items.map((i) => i.id).sort()).toEqual(expected.sort());
		expect((await poll({ event: 'opportunityCreated', options: { backfillSince: new Date(since).toISOString() } }, staticData)).items).toEqual([]);
	});

	it('manual mode returns the newest few matching records and leaves the cursor alone', async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'opportunityUpdated' }, staticData);
		const before = JSON.stringify(staticData);
		const { ids } = emu.mutate({ action: 'touch', count: 7, seed: 3 });
		const sample = await poll({ event: 'opportunityUpdated' }, staticData, { mode: 'manual' });
		expect(sample.items.length).toBe(5);
		const newest = [...ids].map((id) => byId<Rec>('opportunities', id)).sort((a, b) => Number(b.updatedAt) - Number(a.updatedAt));
		expect(sample.items.map((i) => i.id)).toEqual(newest.slice(0, 5).map((o) => o.id));
		expect(JSON.stringify(staticData)).toBe(before);
		// The real poll still sees all seven.
		expect((await poll({ event: 'opportunityUpdated' }, staticData)).items.length).toBe(new Set(ids).size);
	});
});

describe('Lever Poll Trigger: exactly once', () => {
	it('records written in the same millisecond as the last one seen are not lost', async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'opportunityUpdated' }, staticData);
		const [a, b] = opportunities().filter((o) => o.confidentiality !== 'confidential');
		const t = Date.now() - 1000;
		byId<Rec>('opportunities', a.id).updatedAt = t;
		const first = await poll({ event: 'opportunityUpdated' }, staticData);
		expect(first.items.map((i) => i.id)).toEqual([a.id]);
		// b becomes visible later with the very same timestamp.
		byId<Rec>('opportunities', b.id).updatedAt = t;
		const second = await poll({ event: 'opportunityUpdated' }, staticData);
		expect(second.items.map((i) => i.id)).toEqual([b.id]);
		expect((await poll({ event: 'opportunityUpdated' }, staticData)).items).toEqual([]);
	});

	it('records changed while a poll pages through the results are emitted once, in that poll or the next', async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'opportunityUpdated' }, staticData);
		const { ids } = emu.mutate({ action: 'create', count: 150 });
		// Lever lists newest first: the last 100 created fill the first page.
		const early = ids[120]; // on the first page, already read when it changes
		const late = ids[5]; // on the second page, read after it changes
		let created: string[] = [];
		const emitted: string[] = [];
		const racing = await poll({ event: 'opportunityUpdated' }, staticData, {
			afterResponse: (request, index) => {
				if (index !== 0) return;
				expect(request.url).toContain('updated_at_start');
				emu.mutate({ action: 'touch', ids: [early, late] });
				created = emu.mutate({ action: 'create', count: 2 }).ids;
			},
		});
		emitted.push(...racing.items.map((i) => `${i.id}@${i.updatedAt}`));
		expect(racing.requests).toBeGreaterThanOrEqual(2);
		const next = await poll({ event: 'opportunityUpdated' }, staticData);
		emitted.push(...next.items.map((i) => `${i.id}@${i.updatedAt}`));
		emitted.push(...(await poll({ event: 'opportunityUpdated' }, staticData)).items.map((i) => `${i.id}@${i.updatedAt}`));
		expectNoDuplicates(emitted);
		// Every record's final version was emitted.
		for (const id of [...ids, ...created]) expect(emitted).toContain(`${id}@${byId<Rec>('opportunities', id).updatedAt}`);
		// The early record changed after its page was read: its new version comes with the next poll.
		expect(next.items.map((i) => i.id)).toContain(early);
	});

	it.each([
		['5 minutes behind', -5 * 60_000],
		['5 minutes ahead of', 5 * 60_000],
	])('a Lever clock %s n8n loses nothing, even with no overlap: the cursor follows Lever\'s Date header', async (_name, skewMs) => {
		const skewed = await startEmulator({ opportunities: 10, rateLimit: false, now: () => Date.now() + skewMs });
		try {
			const skewCredentials = { environment: 'custom', customBaseUrl: skewed.apiUrl, apiKey: 'test-key' };
			const run = async (parameters: Record<string, unknown>, staticData: IDataObject) => {
				freshRateLimits();
				const h = createTriggerContext({ parameters, staticData, credentials: skewCredentials, mode: 'trigger' });
				const result = await trigger.poll.call(h.context);
				return result ? result[0].map((item) => item.json) : [];
			};
			const withOverlap: IDataObject = {};
			const without: IDataObject = {};
			await run({ event: 'opportunityUpdated' }, withOverlap);
			await run({ event: 'opportunityUpdated', options: { overlapSeconds: 0 } }, without);
			expect(Math.abs(Number((without.lever as IDataObject).cursor) - (Date.now() + skewMs))).toBeLessThan(2000);
			const { ids } = skewed.mutate({ action: 'touch', count: 2, seed: 1 });
			const touched = [...new Set(ids)].sort();
			expect((await run({ event: 'opportunityUpdated' }, withOverlap)).map((i) => i.id).sort()).toEqual(touched);
			expect((await run({ event: 'opportunityUpdated', options: { overlapSeconds: 0 } }, without)).map((i) => i.id).sort()).toEqual(touched);
			expect(await run({ event: 'opportunityUpdated' }, withOverlap)).toEqual([]);
			expect(await run({ event: 'opportunityUpdated', options: { overlapSeconds: 0 } }, without)).toEqual([]);
		} finally {
			await skewed.close();
		}
	});

	it('a scripted race of creates, stage moves and touches, partly during polls: every stage change once', async () => {
		const stagesParams = { event: 'opportunityStageChanged' };
		const updatedParams = { event: 'opportunityUpdated' };
		const stageState: IDataObject = {};
		const updateState: IDataObject = {};
		const activatedAt = Date.now();
		await poll(stagesParams, stageState);
		await poll(updatedParams, updateState);
		const stageKeys: string[] = [];
		const updateKeys: string[] = [];
		let seed = 11;
		const mutateSome = () => {
			emu.mutate({ action: 'stage', count: 3, seed: seed++ });
			emu.mutate({ action: 'touch', count: 2, seed: seed++ });
			emu.mutate({ action: 'create', count: 1 });
		};
		for (let round = 0; round < 8; round++) {
			mutateSome();
			const during = { afterResponse: (_request: unknown, index: number) => (index === 0 ? mutateSome() : undefined) };
			const stageRun = await poll(stagesParams, stageState, during);
			stageKeys.push(...stageRun.items.map((i) => `${i.id}@${i.stageChangedAt}@${i.toStageId}`));
			const updateRun = await poll(updatedParams, updateState, during);
			updateKeys.push(...updateRun.items.map((i) => `${i.id}@${i.updatedAt}`));
		}
		// A quiet final poll collects what the last races left.
		stageKeys.push(...(await poll(stagesParams, stageState)).items.map((i) => `${i.id}@${i.stageChangedAt}@${i.toStageId}`));
		updateKeys.push(...(await poll(updatedParams, updateState)).items.map((i) => `${i.id}@${i.updatedAt}`));

		expectNoDuplicates(stageKeys);
		expectNoDuplicates(updateKeys);
		const expectedStageKeys: string[] = [];
		for (const o of opportunities()) {
			if (o.confidentiality === 'confidential') continue;
			for (const change of o.stageChanges as IDataObject[]) {
				if ((change.updatedAt as number) >= activatedAt) expectedStageKeys.push(`${o.id}@${new Date(change.updatedAt as number).toISOString()}@${change.toStageId}`);
			}
		}
		expect(expectedStageKeys.length).toBeGreaterThanOrEqual(8 * 6);
		expect(stageKeys.sort()).toEqual(expectedStageKeys.sort());
		for (const o of opportunities()) {
			if (o.confidentiality === 'confidential' || (o.updatedAt as number) < activatedAt) continue;
			expect(updateKeys).toContain(`${o.id}@${o.updatedAt}`);
		}
	});

	it('a poll whose result n8n did not store is repeated in full (at-least-once from n8n, no loss)', async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'opportunityUpdated' }, staticData);
		const committed = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const { ids } = emu.mutate({ action: 'touch', count: 3, seed: 5 });
		const lost = await poll({ event: 'opportunityUpdated' }, staticData);
		expect(lost.items).toHaveLength(new Set(ids).size);
		// n8n rolls the staged static data back: the same window is read again and nothing is missing.
		const again = await poll({ event: 'opportunityUpdated' }, committed);
		expect(again.items.map((i) => i.id).sort()).toEqual(lost.items.map((i) => i.id).sort());
	});
});

describe('Lever Poll Trigger: events', () => {
	async function activate(parameters: Record<string, unknown>) {
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		return staticData;
	}

	it('stage changed: every move, with from/to stages; the To Stage filter narrows it', async () => {
		const all = await activate({ event: 'opportunityStageChanged' });
		const offerOnly = await activate({ event: 'opportunityStageChanged', options: { toStageIds: ['offer'] } });
		const target = opportunities().find((o) => o.confidentiality !== 'confidential' && o.stage !== 'offer' && !o.archived)!;
		const from = target.stage;
		emu.mutate({ action: 'stage', ids: [target.id], stageId: 'offer' });
		emu.mutate({ action: 'stage', ids: [target.id], stageId: 'lead-new' });
		const items = (await poll({ event: 'opportunityStageChanged' }, all)).items;
		expect(items.map((i) => [i.fromStageId, i.toStageId])).toEqual([
			[from, 'offer'],
			['offer', 'lead-new'],
		]);
		expect(typeof items[0].stageChangedAt).toBe('string');
		const filtered = (await poll({ event: 'opportunityStageChanged', options: { toStageIds: ['offer'] } }, offerOnly)).items;
		expect(filtered.map((i) => i.toStageId)).toEqual(['offer']);
	});

	it('archived and hired', async () => {
		const archived = await activate({ event: 'opportunityArchived' });
		const hired = await activate({ event: 'opportunityHired' });
		const [a, b] = opportunities().filter((o) => !o.archived && o.confidentiality !== 'confidential');
		const hiredReason = (emu.state.archiveReasons.values() as Rec[]).find((r) => r.type === 'hired')!;
		emu.mutate({ action: 'archive', ids: [a.id] });
		emu.mutate({ action: 'archive', ids: [b.id], reasonId: hiredReason.id });
		expect((await poll({ event: 'opportunityArchived' }, archived)).items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
		expect((await poll({ event: 'opportunityHired' }, hired)).items.map((i) => i.id)).toEqual([b.id]);
		expect((await poll({ event: 'opportunityArchived' }, archived)).items).toEqual([]);
		expect((await poll({ event: 'opportunityHired' }, hired)).items).toEqual([]);
	});

	it('application created, through the API with a posting', async () => {
		const state = await activate({ event: 'applicationCreated' });
		const posting = (emu.state.postings.values() as Rec[]).find((p) => p.state === 'published' && p.confidentiality !== 'confidential')!;
		const created = await api('POST', `/opportunities?perform_as=${activeUserId()}`, {
			name: 'Ada Poll',
			emails: [`ada.poll.${Date.now()}@example.org`],
			postings: [posting.id],
			origin: 'applied',
		});
		expect(created.status).toBe(201);
		const opportunity = created.body.data as Rec;
		const items = (await poll({ event: 'applicationCreated' }, state)).items;
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ opportunityId: opportunity.id });
		expect(items[0].id).toBe((opportunity.applications as string[])[0]);
		expect((await poll({ event: 'applicationCreated' }, state)).items).toEqual([]);
	});

	it('opportunity deleted', async () => {
		const state = await activate({ event: 'opportunityDeleted' });
		const { ids } = emu.mutate({ action: 'delete', count: 2, seed: 9 });
		expect((await poll({ event: 'opportunityDeleted' }, state)).items.map((i) => i.id).sort()).toEqual([...new Set(ids)].sort());
		expect((await poll({ event: 'opportunityDeleted' }, state)).items).toEqual([]);
	});

	it('posting created or changed, closed or deleted', async () => {
		const changed = await activate({ event: 'postingChanged' });
		const closed = await activate({ event: 'postingClosedOrDeleted' });
		const [p1, p2, p3] = (emu.state.postings.values() as Rec[]).filter(
			(p) => p.state !== 'closed' && p.confidentiality !== 'confidential' && (p.state !== 'published' || ((p.distributionChannels as string[] | null) ?? ['public']).includes('public')),
		);
		const user = activeUserId();
		expect((await api('POST', `/postings/${p1.id}?perform_as=${user}`, { state: 'closed' })).status).toBe(200);
		expect((await api('POST', `/postings/${p2.id}?perform_as=${user}`, { text: `${p2.text} (edited)` })).status).toBe(200);
		const gone = byId<Rec>('postings', p3.id);
		emu.state.postings.values(); // deletion is not in Lever's API: done as Lever's UI would
		(emu.state as unknown as { postings: { remove(id: string): void }; deletedPostings: { insert(r: IDataObject): void } }).postings.remove(p3.id);
		(emu.state as unknown as { deletedPostings: { insert(r: IDataObject): void } }).deletedPostings.insert({ ...gone, deletedAt: Date.now() });

		expect((await poll({ event: 'postingChanged' }, changed)).items.map((i) => i.id).sort()).toEqual([p1.id, p2.id].sort());
		const closedItems = (await poll({ event: 'postingClosedOrDeleted' }, closed)).items;
		expect(closedItems.map((i) => [i.id, i.changeType]).sort()).toEqual(
			[
				[p1.id, 'closed'],
				[p3.id, 'deleted'],
			].sort(),
		);
		// Editing a posting that is already closed is not a new closing.
		expect((await api('POST', `/postings/${p1.id}?perform_as=${user}`, { text: 'Still closed' })).status).toBe(200);
		expect((await poll({ event: 'postingClosedOrDeleted' }, closed)).items).toEqual([]);
		expect((await poll({ event: 'postingChanged' }, changed)).items.map((i) => i.id)).toEqual([p1.id]);
	});

	it('posting closed or deleted: postings already closed at activation are known, so editing one later is no closing', async () => {
		const closedBefore = (emu.state.postings.values() as Rec[]).filter((p) => p.state === 'closed' && p.confidentiality !== 'confidential');
		expect(closedBefore.length).toBeGreaterThan(0);
		const state = await activate({ event: 'postingClosedOrDeleted' });
		const known = ((state.lever as IDataObject).extra as IDataObject).closed as IDataObject;
		expect(Object.keys(known).sort()).toEqual(closedBefore.map((p) => p.id).sort());
		const user = activeUserId();
		expect((await api('POST', `/postings/${closedBefore[0].id}?perform_as=${user}`, { text: `${closedBefore[0].text} (edited)` })).status).toBe(200);
		expect((await poll({ event: 'postingClosedOrDeleted' }, state)).items).toEqual([]);
	});

	it('user created or deactivated', async () => {
		const state = await activate({ event: 'userChanged' });
		const created = await api('POST', '/users', { name: 'Poll Person', email: `poll.person.${Date.now()}@example.com` });
		expect(created.status).toBe(201);
		const victim = (emu.state.users.values() as Rec[]).find((u) => !u.deactivatedAt && u.accessRole === 'interviewer')!;
		expect((await api('POST', `/users/${victim.id}/deactivate`)).status).toBe(200);
		const items = (await poll({ event: 'userChanged' }, state)).items;
		expect(items.map((i) => [i.id, i.changeType]).sort()).toEqual(
			[
				[(created.body.data as Rec).id, 'created'],
				[victim.id, 'deactivated'],
			].sort(),
		);
		expect((await poll({ event: 'userChanged' }, state)).items).toEqual([]);
	});

	it('requisition created or changed', async () => {
		const state = await activate({ event: 'requisitionChanged' });
		const created = await api('POST', '/requisitions', { requisitionCode: `POLL-${Date.now()}`, name: 'Poll requisition', headcountTotal: 2 });
		expect(created.status).toBe(201);
		const items = (await poll({ event: 'requisitionChanged' }, state)).items;
		expect(items.map((i) => i.id)).toEqual([(created.body.data as Rec).id]);
		expect((await poll({ event: 'requisitionChanged' }, state)).items).toEqual([]);
	});

	it('offer created or changed: read per changed opportunity, each state change once', async () => {
		const state = await activate({ event: 'offerChanged' });
		const opportunity = opportunities().find((o) => o.confidentiality !== 'confidential' && !o.archived)!;
		const now = Date.now();
		// Offers are made in Lever's UI only; the emulator's state stands in for it, and the opportunity's
		// updatedAt moves as Lever moves it.
		const offer = {
			id: `offer-poll-${now}`,
			createdAt: now,
			creator: activeUserId(),
			status: 'draft',
			fields: [],
			signatures: {},
			approved: false,
			approvedAt: null,
			sentAt: null,
			sentDocument: null,
			signedDocument: null,
			_opp: opportunity.id,
		};
		(emu.state.offers as unknown as { insert(r: IDataObject): void }).insert(offer);
		byId<Rec>('opportunities', opportunity.id).updatedAt = now;
		const first = (await poll({ event: 'offerChanged' }, state)).items;
		expect(first.map((i) => [i.id, i.status, i.changeType])).toEqual([[offer.id, 'draft', 'created']]);

		// A status change that carries no timestamp of its own, then an unrelated update of the opportunity.
		const stored = byId<Rec>('offers', offer.id);
		stored.status = 'denied';
		byId<Rec>('opportunities', opportunity.id).updatedAt = Date.now();
		const second = (await poll({ event: 'offerChanged' }, state)).items;
		expect(second.map((i) => [i.id, i.status, i.changeType])).toEqual([[offer.id, 'denied', 'changed']]);
		emu.mutate({ action: 'touch', ids: [opportunity.id] });
		expect((await poll({ event: 'offerChanged' }, state)).items).toEqual([]);
	});
});
