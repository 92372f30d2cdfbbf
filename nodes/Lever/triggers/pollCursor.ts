/**
 * The Lever Poll Trigger's memory: where it has read up to, the slice it is reading, and what it already
 * emitted, so that across polls every change is emitted once, whatever the backlog.
 *
 * Lever's listings filter on their own millisecond timestamps with inclusive `*_at_start` / `*_at_end`
 * bounds. The trigger reads the time after its cursor in **slices** `[start, end]`:
 * - A slice read completely moves the cursor to `end + 1`, but never past Lever's clock at the moment the
 *   slice's first page was served minus the overlap (`readAt - overlap`): a record that changes while the
 *   slice is paged gets a newer timestamp and so lands in a later read, and a record Lever shows a little
 *   late is still inside the next read. Lever's clock is its `Date` response header, never n8n's.
 * - A slice the poll's time budget cuts short keeps its offset token (and, for events that make one
 *   request per record, the records of the last page still to check): the next poll resumes at that page.
 * - Slices are sized from the density just measured to hold about two polls' reading, at least
 *   `SLICE_MIN_RECORDS`, so that the last, partly filled page of a slice costs little.
 * - A slice whose token Lever no longer accepts is halved and read again from its start.
 *
 * `seen` (change key → timestamp) drops what a read brings back a second time: the overlap, a slice read
 * again, a poll repeated by n8n. It holds every emitted change that a later read can still return, and
 * nothing is evicted before that (its size follows the window it guards, there is no fixed cap):
 * - Changes stamped with the very timestamp Lever filters on (an opportunity's `updatedAt`, `archivedAt`,
 *   ...) can come back only while the cursor has not passed them.
 * - Changes older than their record's filter timestamp (a stage move inside an opportunity updated later,
 *   an application, an offer) can come back whenever the record is read again. While the trigger catches up,
 *   a record changed after it was read may be read again in a later slice with such a change, older than the
 *   cursor and never emitted. So these events emit every change from `emitFrom` on, where the current
 *   catch-up began, and keep their keys until the trigger has caught up with Lever's clock.
 *
 * n8n 2.x stages static data during a poll and commits it with the emitted execution (or at once when the
 * poll returns null), so a poll whose execution is not stored runs again from the previous state:
 * at-least-once from n8n, exactly-once from this memory.
 */
import type { IDataObject } from 'n8n-workflow';

/** A slice aims at this many records at least (its last page is then at most a few per cent empty). */
export const SLICE_MIN_RECORDS = 2000;
/** The first slice after activation or Backfill Since; later ones follow the density measured. */
export const INITIAL_SLICE_MS = 3_600_000;
/** The widest slice: Lever is never asked for more than this span at once. */
export const MAX_SLICE_MS = 30 * 86_400_000;

/** One change the trigger may emit. */
export interface Change {
	/** Identifies the change: e.g. `<id>@<updatedAt>`. */
	key: string;
	/** When it happened (ms, Lever's clock). */
	ts: number;
	json: IDataObject;
	/** Remembered in `extra[map][key]` once emitted (offer fingerprints, postings known closed), `limit` entries at most. */
	memo?: { map: string; key: string; value: string | number | boolean; limit?: number };
}

/** The slice being read: what is done of it, so that a cut-short poll resumes exactly there. */
export interface SliceProgress extends IDataObject {
	start: number;
	/** Inclusive end (ms); null: open, up to Lever's clock (lists that have no date filter). */
	end: number | null;
	/** Lever's clock when the slice's first page was served; null until then. */
	readAt: number | null;
	/** Index of the listing being read (an event may read several one after the other). */
	listing: number;
	/** Offset token of that listing's next page; null: its first page. */
	offset: string | null;
	/** That listing has no more pages (the records of its last page may still be in `toCheck`). */
	listingDone: boolean;
	/** Records of the last page not checked yet (Offer Created or Changed reads each one's offers). */
	toCheck: IDataObject[];
	/** Records read in this slice so far. */
	records: number;
}

export interface PollState extends IDataObject {
	/** Event and backfill the state belongs to; another value starts over. */
	settingsKey: string;
	/** Ms, Lever's clock: every change before it was emitted, and Lever can show no more there. */
	cursor: number;
	/** Changes before this are not emitted (they were, or predate activation). */
	emitFrom: number;
	/** Emitted change key → its timestamp (ms). */
	seen: Record<string, number>;
	/** Event-specific memory (postings known closed, offer fingerprints). */
	extra: IDataObject;
	/** The slice being read, when a poll ended inside it. */
	slice: SliceProgress | null;
	/** Width of the next slice (ms). */
	sliceMs: number;
	/** Records the last cut-short poll read (0 until one was). */
	pollRecords: number;
	/** Lever refused a kept offset token once: slices are then sized to fit one poll. */
	tokensExpire: boolean;
	/** Activation work (remembering postings already closed) left to do: the offset token to resume at. */
	setUp: { offset: string | null } | null;
}

export function initialState(settingsKey: string, cursor: number): PollState {
	return {
		settingsKey,
		cursor,
		emitFrom: cursor,
		seen: {},
		extra: {},
		slice: null,
		sliceMs: INITIAL_SLICE_MS,
		pollRecords: 0,
		tokensExpire: false,
		setUp: null,
	};
}

/** The next slice after the cursor; `bounded` false for lists Lever cannot filter by date. */
export function planSlice(state: PollState, bounded: boolean): SliceProgress {
	return {
		start: state.cursor,
		end: bounded ? state.cursor + Math.max(1, Math.round(state.sliceMs)) - 1 : null,
		readAt: null,
		listing: 0,
		offset: null,
		listingDone: false,
		toCheck: [],
		records: 0,
	};
}

/** How many records a slice should hold. */
export function sliceTarget(state: PollState): number {
	if (state.tokensExpire && state.pollRecords > 0) return Math.max(100, Math.floor(state.pollRecords / 2));
	return Math.max(SLICE_MIN_RECORDS, 2 * state.pollRecords);
}

/** Width of the next slice from the one just read: `records` over `widthMs`, aiming at `target` records. */
export function nextSliceMs(widthMs: number, records: number, target: number): number {
	const width = Math.max(1, widthMs);
	const next = records === 0 ? width * 4 : Math.min(width * 4, (width * target) / records);
	return Math.min(MAX_SLICE_MS, Math.max(1, Math.floor(next)));
}

/**
 * A slice was read completely: moves the cursor, sizes the next slice and forgets what no later read can
 * return. Returns whether the trigger has caught up with Lever's clock. `leverNow` stands in for the
 * slice's `readAt` when it made no request.
 */
export function finishSlice(state: PollState, slice: SliceProgress, leverNow: number, overlapMs: number, olderChanges: boolean): boolean {
	const readAt = slice.readAt ?? leverNow;
	const settledBefore = readAt - Math.max(0, overlapMs);
	const caughtUp = slice.end === null || slice.end + 1 >= settledBefore;
	state.cursor = Math.max(state.cursor, caughtUp ? settledBefore : (slice.end as number) + 1);
	if (caughtUp) state.emitFrom = Math.max(state.emitFrom, state.cursor);
	if (slice.end !== null) {
		// A slice that reached Lever's clock covered only the time up to it.
		state.sliceMs = nextSliceMs(Math.min(slice.end, readAt) - slice.start + 1, slice.records, sliceTarget(state));
	}
	forgetBefore(state, olderChanges ? state.emitFrom : state.cursor);
	return caughtUp;
}

/** Lever refused the slice's offset token: read its first half again from the start. */
export function halveSlice(state: PollState, slice: SliceProgress, leverNow: number): void {
	const end = slice.end ?? leverNow;
	const width = Math.max(1, end - slice.start + 1);
	if (slice.end !== null && width > 1) slice.end = slice.start + Math.floor(width / 2) - 1;
	state.sliceMs = Math.max(1, Math.floor(width / 2));
	state.tokensExpire = true;
	Object.assign(slice, { readAt: null, listing: 0, offset: null, listingDone: false, toCheck: [], records: 0 });
}

/**
 * Keeps the changes to emit: not before `emitFrom`, not emitted before, each key once. Records them as
 * emitted at once (n8n commits the state with the emitted items, or not at all).
 */
export function takeNew(state: PollState, changes: Change[]): Change[] {
	const taken: Change[] = [];
	for (const change of changes) {
		if (!(change.ts >= state.emitFrom)) continue;
		if (Object.prototype.hasOwnProperty.call(state.seen, change.key)) continue;
		state.seen[change.key] = change.ts;
		if (change.memo) remember((state.extra[change.memo.map] ??= {}) as IDataObject, change.memo.key, change.memo.value, change.memo.limit);
		taken.push(change);
	}
	return taken;
}

/** Oldest first, ties by key. */
export function byTime(a: Change, b: Change): number {
	return a.ts - b.ts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function forgetBefore(state: PollState, ts: number): void {
	for (const [key, at] of Object.entries(state.seen)) {
		if (at < ts) delete state.seen[key];
	}
}

/** A small insertion-ordered map in static data; beyond `limit` (if given) the oldest entries are dropped. */
export function remember(map: IDataObject, key: string, value: string | number | boolean, limit?: number): void {
	delete map[key];
	map[key] = value;
	if (limit === undefined) return;
	const keys = Object.keys(map);
	for (let i = 0; i < keys.length - limit; i++) delete map[keys[i]];
}
