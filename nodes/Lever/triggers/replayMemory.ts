/**
 * Which verified deliveries a Lever Trigger has already accepted, keyed on the signature (one per signed
 * message `token + triggeredAt`).
 *
 * Two copies are kept. n8n loads a workflow's static data afresh for every webhook request and saves the
 * whole object after the node returns, so two overlapping deliveries would each save a record without
 * the other's entry. The in-process record (one per workflow and node, in this module) sees every
 * delivery this n8n process accepts, at once and in order; each delivery merges it with what static data
 * holds and writes the union back, so static data carries the record across restarts.
 */

/** What static data (and the in-process record) holds. */
export interface ReplayRecord {
	/** signature → triggeredAt (ms) of each accepted delivery still inside the window. */
	seen: Record<string, number>;
	/**
	 * Deliveries triggered at or before this moment are refused outright: entries that old were pushed out
	 * by the size limit, so the record can no longer tell whether they ran.
	 */
	floor: number;
}

/** Far more than Lever sends within any sane window; beyond it the oldest entries give way to `floor`. */
export const REPLAY_RECORD_LIMIT = 5000;

export type Admission = 'accepted' | 'duplicate' | 'forgotten';

const processRecords = new Map<string, ReplayRecord>();

export function emptyRecord(): ReplayRecord {
	return { seen: {}, floor: 0 };
}

/** A well-formed copy of whatever static data held (older versions kept `seenTokens`, which is dropped). */
export function readRecord(stored: unknown): ReplayRecord {
	const record = emptyRecord();
	if (typeof stored !== 'object' || stored === null) return record;
	const { seen, floor } = stored as Partial<ReplayRecord>;
	if (typeof floor === 'number' && Number.isFinite(floor)) record.floor = floor;
	if (typeof seen === 'object' && seen !== null) {
		for (const [signature, at] of Object.entries(seen)) if (typeof at === 'number') record.seen[signature] = at;
	}
	return record;
}

function merge(into: ReplayRecord, from: ReplayRecord): void {
	into.floor = Math.max(into.floor, from.floor);
	for (const [signature, at] of Object.entries(from.seen)) into.seen[signature] = at;
}

/**
 * Drops entries a replay could no longer pass with (older than twice the window: the stale check refuses
 * those), then keeps at most `limit`, raising `floor` past every entry it drops.
 */
function prune(record: ReplayRecord, nowMs: number, windowMs: number, limit: number): void {
	for (const [signature, at] of Object.entries(record.seen)) {
		if (nowMs - at > windowMs * 2 || at <= record.floor) delete record.seen[signature];
	}
	const signatures = Object.keys(record.seen);
	if (signatures.length <= limit) return;
	signatures.sort((a, b) => record.seen[a] - record.seen[b]);
	for (const signature of signatures.slice(0, signatures.length - limit)) {
		record.floor = Math.max(record.floor, record.seen[signature]);
		delete record.seen[signature];
	}
}

/**
 * Records a verified, fresh delivery. `scope` names the trigger (workflow and node); `stored` is the
 * record from static data, which is updated in place with the union of both copies. Runs without any
 * await, so two deliveries in one process can never both be `accepted` for one signature.
 */
export function admit(
	scope: string,
	stored: ReplayRecord,
	delivery: { signature: string; triggeredAtMs: number },
	nowMs: number,
	windowMs: number,
	limit = REPLAY_RECORD_LIMIT,
): Admission {
	let record = processRecords.get(scope);
	if (!record) {
		record = emptyRecord();
		processRecords.set(scope, record);
	}
	merge(record, stored);
	prune(record, nowMs, windowMs, limit);
	let admission: Admission = 'accepted';
	if (Object.prototype.hasOwnProperty.call(record.seen, delivery.signature)) admission = 'duplicate';
	else if (delivery.triggeredAtMs <= record.floor) admission = 'forgotten';
	else {
		record.seen[delivery.signature] = delivery.triggeredAtMs;
		prune(record, nowMs, windowMs, limit);
	}
	stored.floor = record.floor;
	stored.seen = { ...record.seen };
	return admission;
}

/** Forgets the in-process record of one trigger (deactivation) or of all (tests). */
export function forgetProcessRecord(scope?: string): void {
	if (scope === undefined) processRecords.clear();
	else processRecords.delete(scope);
}
