/**
 * One poll of the Lever Poll Trigger: read the slices after the cursor within n8n's time budget (see
 * pollCursor.ts for the rules), emit each change once, and say how far behind Lever the trigger still is
 * when the budget ran out first. The clock that measures the budget is injectable; Lever's own clock comes
 * from its `Date` response header.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toMilliseconds } from '../shared';
import type { LeverPage } from '../transport';
import { leverApiList, leverApiPage } from '../transport';
import type { Change, PollState, SliceProgress } from './pollCursor';
import { byTime, finishSlice, halveSlice, initialState, planSlice, takeNew } from './pollCursor';
import type { ChangeScope, Listing, PollEvent, PollOptions } from './pollEvents';
import { POLL_EVENTS } from './pollEvents';

/** Reading stops after this share of n8n's poll budget; the rest is n8n's margin for emitting and saving. */
export const BUDGET_SHARE = 0.6;
/** n8n's poll budget when the context has none (n8n-core's own default). */
const DEFAULT_BUDGET_MS = 5 * 60_000;
/** Manual runs show this many of the newest matching changes. */
const SAMPLE_SIZE = 5;
/** Manual runs look this far back, widening until something matches. */
const SAMPLE_LOOKBACKS_MS = [86_400_000, 30 * 86_400_000, 365 * 86_400_000];
/** Manual runs read at most this many records (events reading one more request per record: fewer). */
const SAMPLE_READ_LIMIT = 500;
const SAMPLE_CHECK_LIMIT = 50;

interface Settings {
	event: PollEvent;
	options: PollOptions;
	overlapMs: number;
	backfillSince?: number;
	/** Event and backfill: another value starts the trigger over. */
	settingsKey: string;
}

function readSettings(ctx: IPollFunctions): Settings {
	const value = ctx.getNodeParameter('event') as string;
	const event = POLL_EVENTS.find((candidate) => candidate.value === value);
	if (!event) throw new NodeOperationError(ctx.getNode(), `Unknown event "${value}"`);
	const raw = ctx.getNodeParameter('options', {}) as IDataObject;
	const backfillSince =
		raw.backfillSince === undefined || raw.backfillSince === '' ? undefined : toMilliseconds(ctx, 0, 'Backfill Since', raw.backfillSince);
	return {
		event,
		options: {
			includeConfidential: raw.includeConfidential === true,
			toStageIds: ((raw.toStageIds ?? []) as string[]).map(String),
			sample: false,
		},
		overlapMs: Math.max(0, Number(raw.overlapSeconds ?? 10) || 0) * 1000,
		backfillSince,
		settingsKey: `v2|${event.value}|${backfillSince ?? ''}`,
	};
}

/** Reads pages for one poll: knows the time left and the latest time Lever's clock showed. */
class PollReader {
	/** Lever's clock at its latest answer (ms). */
	leverNow: number | undefined;
	/** Records read in slices during this poll. */
	records = 0;

	constructor(
		readonly ctx: IPollFunctions,
		private readonly now: () => number,
		private readonly deadline: number,
	) {}

	hasTime(): boolean {
		return this.now() < this.deadline;
	}

	/** Lever's clock, or n8n's when Lever sent no `Date` header. */
	leverClock(): number {
		return this.leverNow ?? Date.now();
	}

	async page(listing: Listing, slice: SliceProgress | null, offset: string | null, pageSize?: number): Promise<LeverPage> {
		const qs: IDataObject = { ...listing.qs };
		if (listing.dateFilter && slice) {
			qs[`${listing.dateFilter}_start`] = slice.start;
			if (slice.end !== null) qs[`${listing.dateFilter}_end`] = slice.end;
		}
		const page = await leverApiPage.call(this.ctx, { method: 'GET', path: listing.path, qs, endpoint: listing.path }, offset ?? undefined, pageSize);
		if (page.date !== undefined) this.leverNow = page.date;
		return page;
	}
}

/** Lever no longer accepts an offset token it issued (it may expire). */
function isRefusedToken(error: unknown): boolean {
	const { httpCode, message, description } = (error ?? {}) as { httpCode?: string; message?: string; description?: string };
	return String(httpCode) === '400' && /offset/i.test(`${message ?? ''} ${description ?? ''}`);
}

/** Reads the rest of `slice`; false when the budget ran out first (its progress is in `slice`). */
async function readSlice(reader: PollReader, settings: Settings, state: PollState, slice: SliceProgress, listings: Listing[], emitted: Change[]): Promise<boolean> {
	const { event, options } = settings;
	for (;;) {
		const scope: ChangeScope = { state, options, emitFrom: state.emitFrom, listing: slice.listing };
		while (slice.toCheck.length) {
			if (!reader.hasTime()) return false;
			emitted.push(...takeNew(state, await event.changesByRequest!(reader.ctx, slice.toCheck[0], scope)));
			slice.toCheck.shift();
		}
		if (slice.listingDone) {
			Object.assign(slice, { listing: slice.listing + 1, offset: null, listingDone: false });
			continue;
		}
		if (slice.listing >= listings.length) return true;
		if (!reader.hasTime()) return false;
		// A kept offset token Lever no longer accepts (it may expire): read the slice's first half again.
		const page = await reader
			.page(listings[slice.listing], slice, slice.offset)
			.catch(async (error: unknown) => (slice.offset !== null && isRefusedToken(error) ? null : await Promise.reject(error)));
		if (page === null) {
			halveSlice(state, slice, reader.leverClock());
			continue;
		}
		slice.readAt ??= page.date ?? Date.now();
		slice.records += page.records.length;
		reader.records += page.records.length;
		if (event.changesByRequest) slice.toCheck = page.records.map((record) => event.toCheck?.(record) ?? record);
		else for (const record of page.records) emitted.push(...takeNew(state, event.changes!(record, scope)));
		if (page.next) slice.offset = page.next;
		else slice.listingDone = true;
	}
}

/** Activation work of the event (remember the postings closed already); false when the budget ran out. */
async function setUp(reader: PollReader, settings: Settings, state: PollState): Promise<boolean> {
	const work = settings.event.setUp;
	if (!work || !state.setUp) return true;
	const listing = work.listing(settings.options);
	for (;;) {
		if (!reader.hasTime()) return false;
		const page = await reader.page(listing, null, state.setUp.offset);
		for (const record of page.records) work.remember(record, state);
		if (!page.next) {
			state.setUp = null;
			return true;
		}
		state.setUp.offset = page.next;
	}
}

/** Reads slices until the trigger has caught up with Lever's clock (true) or the budget ran out (false). */
async function catchUp(reader: PollReader, settings: Settings, state: PollState, emitted: Change[]): Promise<boolean> {
	const { event, options, overlapMs } = settings;
	let listings: Listing[] | undefined;
	for (;;) {
		if (!state.slice) {
			if (!reader.hasTime()) return false;
			state.slice = planSlice(state, event.sliced);
		}
		listings ??= await event.listings(reader.ctx, options);
		const slice = state.slice;
		if (!(await readSlice(reader, settings, state, slice, listings, emitted))) return false;
		state.slice = null;
		if (finishSlice(state, slice, reader.leverClock(), overlapMs, event.olderChanges)) return true;
	}
}

/** Lever's clock now: the `Date` of a one-record page of the event's first listing. */
async function leverClockNow(reader: PollReader, settings: Settings): Promise<number> {
	const { event, options } = settings;
	const listing = event.setUp?.listing(options) ?? (await event.listings(reader.ctx, options))[0] ?? { path: '/archive_reasons', qs: {} };
	await reader.page({ path: listing.path, qs: listing.qs }, null, null, 1);
	return reader.leverClock();
}

function describeSpan(ms: number): string {
	const minutes = Math.max(0, ms) / 60_000;
	if (minutes < 1) return `${Math.round(ms / 1000)} s`;
	if (minutes < 120) return `${Math.round(minutes)} min`;
	if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
	return `${Math.round(minutes / 1440)} days`;
}

/** The newest few changes of the recent past, for a manual test; reads no state and changes none. */
async function sample(ctx: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {
	const { event } = settings;
	const options: PollOptions = { ...settings.options, sample: true };
	const listings = await event.listings(ctx, options);
	const limit = event.changesByRequest ? SAMPLE_CHECK_LIMIT : SAMPLE_READ_LIMIT;
	for (const lookback of SAMPLE_LOOKBACKS_MS) {
		const from = Date.now() - lookback;
		const scratch = initialState('sample', from);
		const found: Change[] = [];
		for (const [index, listing] of listings.entries()) {
			const qs: IDataObject = { ...listing.qs };
			if (listing.dateFilter) qs[`${listing.dateFilter}_start`] = from;
			const records = await leverApiList.call(ctx, { method: 'GET', path: listing.path, qs, endpoint: listing.path }, { limit });
			const scope: ChangeScope = { state: scratch, options, emitFrom: from, listing: index };
			for (const record of records) {
				const changes = event.changesByRequest ? await event.changesByRequest(ctx, record, scope) : event.changes!(record, scope);
				found.push(...takeNew(scratch, changes));
			}
		}
		const newest = found.sort(byTime).reverse().slice(0, SAMPLE_SIZE);
		if (newest.length) return [newest.map((change) => ({ json: change.json }))];
	}
	return null;
}

/**
 * The poll: `now` measures the time budget (n8n's `getPollBudgetMs`, of which `BUDGET_SHARE` is spent
 * reading). Returns the changes found oldest first, or null.
 */
export async function runPoll(ctx: IPollFunctions, now: () => number = () => Date.now()): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	if (ctx.getMode() === 'manual') return await sample(ctx, settings);
	const budgetMs = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	const reader = new PollReader(ctx, now, now() + budgetMs * BUDGET_SHARE);
	const staticData = ctx.getWorkflowStaticData('node');

	let state = staticData.lever as PollState | undefined;
	let activation = false;
	if (!state || state.settingsKey !== settings.settingsKey || typeof state.cursor !== 'number') {
		activation = settings.backfillSince === undefined;
		// Without a backfill the trigger starts where Lever may still show changes late, as every later read does.
		const start = settings.backfillSince ?? (await leverClockNow(reader, settings)) - settings.overlapMs;
		state = initialState(settings.settingsKey, start);
		if (settings.event.setUp) state.setUp = { offset: null };
	}
	const emitted: Change[] = [];
	let caughtUp = await setUp(reader, settings, state);
	// The first activation only marks the starting point.
	if (caughtUp && !activation) caughtUp = await catchUp(reader, settings, state, emitted);
	if (!caughtUp) {
		state.pollRecords = reader.records;
		const behind = reader.leverClock() - state.cursor;
		ctx.logger.warn(
			`Lever Poll Trigger (${settings.event.name}): the poll's time budget ran out before it caught up with Lever. ` +
				`It emitted ${emitted.length} change(s) and is ${describeSpan(behind)} behind (cursor ${new Date(state.cursor).toISOString()}); ` +
				'the next poll resumes where this one stopped.',
		);
	}
	// Reassigned so that n8n's change tracking sees nested edits whatever object they were made on.
	staticData.lever = state;
	if (emitted.length === 0) return null;
	return [emitted.sort(byTime).map((change) => ({ json: change.json }))];
}
