/**
 * Lever Poll Trigger catching up a backlog bigger than one poll (issue 12), against the emulator on a
 * simulated clock: every Lever request takes 100 ms of Lever's and n8n's clocks (Lever's 10 requests/s),
 * polls are a minute apart, and n8n's poll budget lets each poll make a given number of requests. Lever's
 * clock reaches the node only through the emulator's Date header.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { freshRateLimits } from '../../helpers/rateLimits';
import { createTriggerContext } from '../../helpers/triggerContext';
import { BUDGET_SHARE, runPoll } from '../../../nodes/Lever/triggers/pollRun';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Rec = IDataObject & { id: string };

const REQUEST_MS = 100;
const POLL_INTERVAL_MS = 60_000;
const PAGE = 100;

interface PollRun {
	items: IDataObject[];
	requests: number;
	warnings: string[];
}

/** Lever (the emulator) and n8n on one simulated clock. */
class World {
	t = Date.now();
	emu!: Emulator;
	credentials!: IDataObject;

	async start(opportunities: number) {
		this.emu = await startEmulator({ opportunities, rateLimit: false, now: () => this.t });
		this.credentials = { environment: 'custom', customBaseUrl: this.emu.apiUrl, apiKey: 'test-key' };
	}

	/** One poll that may make `requests` Lever requests; n8n's clock is `skewMs` off Lever's. */
	async poll(
		parameters: Record<string, unknown>,
		staticData: IDataObject,
		requests: number,
		{ skewMs = 0, during }: { skewMs?: number; during?: (index: number) => void } = {},
	): Promise<PollRun> {
		freshRateLimits();
		const h = createTriggerContext({
			parameters,
			staticData,
			credentials: this.credentials,
			mode: 'trigger',
			pollBudgetMs: (requests * REQUEST_MS - REQUEST_MS / 2) / BUDGET_SHARE,
			afterResponse: (_request, index) => {
				this.t += REQUEST_MS;
				during?.(index);
			},
		});
		const result = await runPoll(h.context, () => this.t + skewMs);
		this.t += POLL_INTERVAL_MS;
		return {
			items: result ? result[0].map((item) => item.json) : [],
			requests: h.requests.length,
			warnings: h.logs.filter((log) => log.level === 'warn').map((log) => log.message),
		};
	}

	/** Polls until a poll finishes within its budget; `emittedAllAt` is the poll that brought the last expected key. */
	async catchUp(parameters: Record<string, unknown>, staticData: IDataObject, requests: number, keyOf: (item: IDataObject) => string, expected: Set<string>, maxPolls: number, skewMs = 0) {
		const keys: string[] = [];
		const missing = new Set(expected);
		let polls = 0;
		let totalRequests = 0;
		let emittedAllAt = 0;
		const warnings: string[] = [];
		for (;;) {
			const run = await this.poll(parameters, staticData, requests, { skewMs });
			polls++;
			totalRequests += run.requests;
			for (const key of run.items.map(keyOf)) {
				keys.push(key);
				missing.delete(key);
			}
			warnings.push(...run.warnings);
			if (!emittedAllAt && missing.size === 0) emittedAllAt = polls;
			if (run.warnings.length === 0 || polls >= maxPolls) break;
		}
		return { keys, polls, totalRequests, emittedAllAt, warnings };
	}
}

function counts(keys: string[]): Map<string, number> {
	const map = new Map<string, number>();
	for (const key of keys) map.set(key, (map.get(key) ?? 0) + 1);
	return map;
}

/** Every expected key exactly once, nothing else. */
function expectExactlyOnce(keys: string[], expected: Set<string>) {
	const seen = counts(keys);
	expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
	expect([...expected].filter((key) => !seen.has(key))).toEqual([]);
	expect([...seen.keys()].filter((key) => !expected.has(key))).toEqual([]);
}

const visible = (o: Rec) => o.confidentiality !== 'confidential';
const updatedKey = (item: IDataObject) => `${String(item.id)}@${String(item.updatedAt)}`;

describe('Lever Poll Trigger: a backlog of 20,000 changes', () => {
	const world = new World();
	beforeAll(async () => {
		await world.start(20_000);
	}, 120_000);
	afterAll(async () => {
		await world.emu.close();
	});

	function all(): Rec[] {
		return world.emu.state.opportunities.values() as Rec[];
	}

	it('20,000 changed opportunities, ~500 read per poll: each emitted once, within 10% of the polls Lever\'s rate allows', async () => {
		// A day of changes, some hundreds in the same millisecond, before a Backfill Since a day ago.
		const since = world.t - 86_400_000;
		const opportunities = all();
		opportunities.forEach((o, i) => {
			o.updatedAt = i % 50 === 0 ? since + 3_600_000 : since + Math.floor((i * (86_400_000 - 120_000)) / opportunities.length);
		});
		const expected = new Set(opportunities.filter(visible).map((o) => `${o.id}@${o.updatedAt}`));
		expect(expected.size).toBeGreaterThan(19_000);
		const parameters = { event: 'opportunityUpdated', options: { backfillSince: new Date(since).toISOString() } };
		const staticData: IDataObject = {};
		const requestsPerPoll = 5;
		const allowed = Math.ceil(expected.size / (requestsPerPoll * PAGE));
		const run = await world.catchUp(parameters, staticData, requestsPerPoll, updatedKey, expected, 2 * allowed);

		expectExactlyOnce(run.keys, expected);
		expect(run.polls).toBeLessThanOrEqual(Math.floor(allowed * 1.1));
		// Each cut-short poll said how far behind it was.
		expect(run.warnings.length).toBe(run.polls - 1);
		expect(run.warnings[0]).toMatch(/behind/);
		// Caught up: later polls read one page and emit nothing.
		const quiet = await world.poll(parameters, staticData, requestsPerPoll);
		expect(quiet).toMatchObject({ items: [], warnings: [] });
		expect(quiet.requests).toBe(1);
	}, 180_000);

	it('a burst of 5,000 changes inside one overlap window (10 s): each emitted once within the polls the rate allows', async () => {
		const staticData: IDataObject = {};
		const parameters = { event: 'opportunityUpdated' };
		await world.poll(parameters, staticData, 5);
		// 5,000 touches within 5 s of Lever's clock, just before the next poll.
		const ids = all().filter(visible).slice(0, 5000).map((o) => o.id);
		world.emu.mutate({ action: 'touch', ids });
		const expected = new Set(ids.map((id) => `${id}@${(world.emu.state.opportunities.get(id) as Rec).updatedAt}`));
		expect(Math.max(...[...expected].map((k) => Number(k.split('@')[1]))) - Math.min(...[...expected].map((k) => Number(k.split('@')[1])))).toBeLessThan(10_000);
		const allowed = Math.ceil(5000 / (5 * PAGE));
		const run = await world.catchUp(parameters, staticData, 5, updatedKey, expected, 4 * allowed);
		expectExactlyOnce(run.keys, expected);
		expect(run.emittedAllAt).toBeLessThanOrEqual(Math.floor(allowed * 1.1));
		// Lever may still show changes of the last 10 s late, and the read began right after the burst: the next
		// polls read it once more (emitting nothing), then the trigger has caught up.
		const reread = await world.catchUp(parameters, staticData, 5, updatedKey, new Set(), 4 * allowed);
		expect(reread.keys).toEqual([]);
		expect(run.polls + reread.polls).toBeLessThanOrEqual(2 * Math.floor(allowed * 1.1) + 1);
		expect(await world.poll(parameters, staticData, 5)).toMatchObject({ items: [], warnings: [], requests: 1 });
	}, 180_000);
});

describe('Lever Poll Trigger: offers and cut-short polls', () => {
	const world = new World();
	beforeAll(async () => {
		await world.start(1500);
	}, 120_000);
	afterAll(async () => {
		await world.emu.close();
	});

	function all(): Rec[] {
		return world.emu.state.opportunities.values() as Rec[];
	}

	it('1,000 offer changes (one request per changed opportunity): each emitted once, within 10% of the polls the rate allows, with n8n\'s clock 5 minutes off', async () => {
		const since = world.t - 2 * 3_600_000;
		const offers = world.emu.state.offers as unknown as { insert(r: IDataObject): void; values(): Rec[] };
		const withOffers = new Set(offers.values().map((offer) => String(offer._opp)));
		const chosen = all().filter((o) => visible(o) && !withOffers.has(o.id)).slice(0, 1000);
		expect(chosen).toHaveLength(1000);
		for (const o of all()) o.updatedAt = since - 86_400_000;
		const creator = (world.emu.state.users.values() as Rec[]).find((u) => !u.deactivatedAt)!.id;
		const expected = new Set<string>();
		chosen.forEach((o, i) => {
			const at = since + 60_000 + i * 5000;
			const id = `offer-catch-up-${i}`;
			offers.insert({ id, createdAt: at, creator, status: 'draft', fields: [], signatures: {}, approved: false, approvedAt: null, sentAt: null, sentDocument: null, signedDocument: null, _opp: o.id });
			o.updatedAt = at;
			expected.add(id);
		});
		const parameters = { event: 'offerChanged', options: { backfillSince: new Date(since).toISOString() } };
		const requestsPerPoll = 20;
		const allowed = Math.ceil((1000 + 1000 / PAGE) / requestsPerPoll);
		for (const skewMs of [5 * 60_000, -5 * 60_000]) {
			const staticData: IDataObject = {};
			const run = await world.catchUp(parameters, staticData, requestsPerPoll, (item) => String(item.id), expected, 2 * allowed, skewMs);
			expectExactlyOnce(run.keys, expected);
			expect(run.polls).toBeLessThanOrEqual(Math.floor(allowed * 1.1));
		}
	}, 180_000);

	it('an offset token Lever no longer accepts: the unfinished slice is halved and read again, nothing lost or repeated', async () => {
		const since = world.t - 3_600_000;
		const opportunities = all();
		opportunities.forEach((o, i) => {
			o.updatedAt = i < 600 ? since + 1000 + i * 5000 : since - 86_400_000;
		});
		const expected = new Set(opportunities.filter((o) => visible(o) && (o.updatedAt as number) >= since).map((o) => `${o.id}@${o.updatedAt}`));
		const parameters = { event: 'opportunityUpdated', options: { backfillSince: new Date(since).toISOString() } };
		const staticData: IDataObject = {};
		const first = await world.poll(parameters, staticData, 3);
		const state = staticData.lever as IDataObject & { slice: IDataObject };
		expect(typeof state.slice.offset).toBe('string');
		state.slice.offset = 'expired-token';
		const rest = await world.catchUp(parameters, staticData, 3, updatedKey, expected, 50);
		expectExactlyOnce([...first.items.map(updatedKey), ...rest.keys], expected);
		expect((staticData.lever as IDataObject).tokensExpire).toBe(true);
	}, 60_000);

	it('every cut position: a first poll cut after any number of requests, n8n sometimes not storing it, changes between polls: every stage move once', async () => {
		const since = world.t - 3_600_000;
		const visibleOnes = all().filter(visible);
		for (const o of all()) o.updatedAt = since - 86_400_000;
		// 600 opportunities moved in the last hour, 40 of them in the same millisecond.
		let seed = 100;
		const moved = visibleOnes.slice(0, 600).map((o) => o.id);
		world.emu.mutate({ action: 'stage', ids: moved, seed: seed++ });
		moved.forEach((id, i) => {
			const o = world.emu.state.opportunities.get(id) as Rec;
			const at = i < 40 ? since + 1000 : since + 2000 + i * 5000;
			const changes = o.stageChanges as IDataObject[];
			changes[changes.length - 1].updatedAt = at;
			o.updatedAt = at;
		});
		const parameters = { event: 'opportunityStageChanged', options: { backfillSince: new Date(since).toISOString() } };
		const stageKey = (item: IDataObject) => `${String(item.id)}@${String(item.stageChangedAt)}@${String(item.toStageId)}`;
		const expectedNow = () => {
			const keys = new Set<string>();
			for (const o of all()) {
				if (!visible(o)) continue;
				for (const change of o.stageChanges as IDataObject[]) {
					if ((change.updatedAt as number) >= since) keys.add(`${o.id}@${new Date(change.updatedAt as number).toISOString()}@${String(change.toStageId)}`);
				}
			}
			return keys;
		};

		// How many requests one uncut catch-up makes: every cut position below it is tried.
		const probe = await world.catchUp(parameters, {}, 1000, stageKey, expectedNow(), 1);
		expect(probe.warnings).toEqual([]);
		const positions = probe.totalRequests;
		expect(positions).toBeGreaterThanOrEqual(6);
		for (let cut = 1; cut <= positions; cut++) {
			for (const stored of [true, false]) {
				const staticData: IDataObject = {};
				const keys: string[] = [];
				// Moves while the cut poll pages: some opportunities already read move again.
				const first = await world.poll(parameters, staticData, cut, {
					during: (index) => {
						if (index === 0) world.emu.mutate({ action: 'stage', ids: [moved[(cut * 7) % 600], moved[(cut * 13 + 300) % 600]], seed: seed++ });
					},
				});
				keys.push(...first.items.map(stageKey));
				// A second cut poll; when n8n does not store its execution, its state is rolled back too.
				const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;
				const second = await world.poll(parameters, staticData, cut);
				if (stored) keys.push(...second.items.map(stageKey));
				else staticData.lever = before.lever;
				// More moves between polls, then polls of 2 requests until caught up.
				world.emu.mutate({ action: 'stage', ids: [moved[(cut * 11) % 600]], seed: seed++ });
				const rest = await world.catchUp(parameters, staticData, 2, stageKey, new Set(), 200);
				keys.push(...rest.keys);
				expect(rest.warnings.length).toBeLessThan(199);
				expectExactlyOnce(keys, expectedNow());
			}
		}
	}, 300_000);
});
