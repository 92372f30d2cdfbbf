/**
 * The Lever Poll Trigger's memory: a cursor on Lever's own timestamps plus a bounded map of what was
 * already emitted, so that across polls every change is emitted once.
 *
 * Each poll asks Lever for records whose timestamp is at or after `cursor - overlap`. The overlap re-reads
 * the last seconds, which catches records written with the same millisecond as the last one seen,
 * records that became visible late, and a few seconds of difference between n8n's clock and Lever's; the
 * `seen` map (key → timestamp) drops what the overlap brings back a second time. The cursor then moves to
 * the newest timestamp Lever returned, but never past the moment the poll started: a record changed while
 * the poll was paging may sit on a page already read, and its timestamp is after the poll's start, so the
 * next window still holds it. Keys older than the next window can never be returned again and are pruned.
 *
 * n8n 2.x stages static data during a poll and commits it only with the emitted execution (or at once when
 * the poll returns null), so a poll whose execution is not stored is repeated: at-least-once from n8n,
 * exactly-once from the `seen` map.
 */
import type { IDataObject } from 'n8n-workflow';

export const SEEN_LIMIT = 5000;

export interface PollState extends IDataObject {
	/** Event and backfill the state belongs to; another value starts over. */
	signature: string;
	/** Milliseconds, Lever's clock. */
	cursor: number;
	/** key → the record's timestamp (ms). */
	seen: Record<string, number>;
	/** Event-specific memory (closed postings, offer fingerprints). */
	extra: IDataObject;
}

export interface Candidate {
	/** Identifies one change: e.g. `<id>@<updatedAt>`. */
	key: string;
	/** Timestamp of the change (ms); changes before the window start are not emitted. */
	ts: number;
	json: IDataObject;
	/** Remembered in `extra[map][key]` once emitted (offer fingerprints, postings known closed). */
	memo?: { map: string; key: string; value: string | number | boolean };
}

export interface Harvest {
	candidates: Candidate[];
	/** Newest value of the field Lever filtered on, among everything returned (emitted or not). */
	maxFilterTs?: number;
	/** False when the poll stopped early (time budget): the cursor must not move. */
	complete: boolean;
}

export function initialState(signature: string, cursor: number): PollState {
	return { signature, cursor, seen: {}, extra: {} };
}

export function windowStart(state: PollState, overlapMs: number): number {
	return Math.max(0, state.cursor - Math.max(0, overlapMs));
}

/** The candidates to emit: inside the window, not emitted before, each key once. Oldest first. */
export function selectNew(state: PollState, start: number, candidates: Candidate[]): Candidate[] {
	const picked = new Map<string, Candidate>();
	for (const candidate of candidates) {
		if (!(candidate.ts >= start)) continue;
		if (Object.prototype.hasOwnProperty.call(state.seen, candidate.key) || picked.has(candidate.key)) continue;
		picked.set(candidate.key, candidate);
	}
	return [...picked.values()].sort((a, b) => a.ts - b.ts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Records the emitted keys, moves the cursor and prunes what the next window can no longer return. */
export function advance(
	state: PollState,
	emitted: Candidate[],
	harvest: Harvest,
	pollStartedAt: number,
	overlapMs: number,
	limit = SEEN_LIMIT,
): void {
	for (const candidate of emitted) {
		state.seen[candidate.key] = candidate.ts;
		if (candidate.memo) remember((state.extra[candidate.memo.map] ??= {}) as IDataObject, candidate.memo.key, candidate.memo.value);
	}
	if (!harvest.complete) return;
	if (harvest.maxFilterTs !== undefined && Number.isFinite(harvest.maxFilterTs)) {
		state.cursor = Math.max(state.cursor, Math.min(harvest.maxFilterTs, pollStartedAt));
	}
	const start = windowStart(state, overlapMs);
	for (const [key, ts] of Object.entries(state.seen)) {
		if (ts < start) delete state.seen[key];
	}
	const keys = Object.keys(state.seen);
	if (keys.length > limit) {
		keys
			.sort((a, b) => state.seen[a] - state.seen[b])
			.slice(0, keys.length - limit)
			.forEach((key) => delete state.seen[key]);
	}
}

/** A small insertion-ordered map in static data, oldest entries dropped beyond `limit`. */
export function remember(map: IDataObject, key: string, value: string | number | boolean, limit = SEEN_LIMIT): void {
	delete map[key];
	map[key] = value;
	const keys = Object.keys(map);
	for (let i = 0; i < keys.length - limit; i++) delete map[keys[i]];
}
