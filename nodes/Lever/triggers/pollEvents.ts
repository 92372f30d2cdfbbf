/**
 * What each event of the Lever Poll Trigger reads from Lever and which changes it finds in the records.
 * Every read goes through the transport. The poll (pollRun.ts) pages through each listing with Lever's
 * inclusive millisecond filters `<dateFilter>_start` / `<dateFilter>_end` for the slice being read; lists
 * without a date filter (users, requisitions) are read whole and the changes found here are filtered by time.
 */
import { createHash } from 'crypto';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { encodeId, leverApiList } from '../transport';
import type { Change, PollState } from './pollCursor';
import { remember } from './pollCursor';

export interface PollOptions {
	includeConfidential: boolean;
	toStageIds: string[];
	/** Manual runs: no event-specific memory is consulted or changed. */
	sample: boolean;
}

export interface Listing {
	path: string;
	/** Lever's date filter (`updated_at` sends `updated_at_start` and `updated_at_end`); none: read whole. */
	dateFilter?: string;
	qs: IDataObject;
}

/** What a record's changes are judged against. */
export interface ChangeScope {
	state: PollState;
	options: PollOptions;
	/** Changes before this were emitted already or predate activation. */
	emitFrom: number;
	/** Index of the listing the record came from. */
	listing: number;
}

export interface PollEvent {
	name: string;
	value: string;
	description: string;
	/** Whether Lever filters every listing of this event by date (so it can be read in time slices). */
	sliced: boolean;
	/** A change can be older than its record's filter timestamp (stage moves, applications, offers). */
	olderChanges: boolean;
	listings(ctx: IPollFunctions, options: PollOptions): Promise<Listing[]>;
	/** The changes one record carries. */
	changes?(record: IDataObject, scope: ChangeScope): Change[];
	/** Instead of `changes`: changes that need one more request per record; the poll checks its budget before each. */
	changesByRequest?(ctx: IPollFunctions, record: IDataObject, scope: ChangeScope): Promise<Change[]>;
	/** What to keep of a record whose check a poll left for the next one. */
	toCheck?(record: IDataObject): IDataObject;
	/** Read once at activation, each record passed to `remember` (e.g. the postings closed already). */
	setUp?: { listing(options: PollOptions): Listing; remember(record: IDataObject, state: PollState): void };
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
/** Offer fingerprints kept for telling a change without a timestamp (denied, approval sent). */
const OFFER_MEMORY = 20_000;

function max(current: number | undefined, value: number | undefined): number | undefined {
	if (value === undefined) return current;
	return current === undefined ? value : Math.max(current, value);
}

function confidentiality(options: PollOptions): IDataObject {
	return options.includeConfidential ? { confidentiality: 'all' } : {};
}

const opportunities = (dateFilter: string, options: PollOptions, qs: IDataObject = {}): Listing => ({
	path: '/opportunities',
	dateFilter,
	qs: { ...confidentiality(options), ...qs },
});

/** One change per record, stamped with `field` and keyed by id, `label` and that stamp. */
function stamped(record: IDataObject, field: string, label: string, json: IDataObject = record): Change[] {
	const ts = num(record[field]);
	if (ts === undefined) return [];
	return [{ key: `${String(record.id)}@${label}${label ? '@' : ''}${ts}`, ts, json }];
}

function offerFingerprint(offer: IDataObject): string {
	const signatures = Object.entries((offer.signatures ?? {}) as Record<string, IDataObject>)
		.map(([role, signature]) => [role, signature?.signed, signature?.signedAt, signature?.firstOpenedAt])
		.sort();
	const fields = ((offer.fields ?? []) as IDataObject[]).map((field) => [field.identifier, field.value]);
	const documents = [(offer.sentDocument as IDataObject | null)?.uploadedAt, (offer.signedDocument as IDataObject | null)?.uploadedAt];
	const text = JSON.stringify([offer.status, offer.approved, offer.approvedAt, offer.sentAt, signatures, fields, documents]);
	return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** Newest timestamp an offer carries: created, approved, sent, opened, signed, documents. */
function offerLatest(offer: IDataObject): number | undefined {
	let latest = num(offer.createdAt);
	for (const key of ['approvedAt', 'sentAt', 'updatedAt']) latest = max(latest, num(offer[key]));
	for (const signature of Object.values((offer.signatures ?? {}) as Record<string, IDataObject>)) {
		for (const key of ['signedAt', 'firstOpenedAt', 'lastOpenedAt']) latest = max(latest, num(signature?.[key]));
	}
	for (const document of [offer.sentDocument, offer.signedDocument] as Array<IDataObject | null | undefined>) latest = max(latest, num(document?.uploadedAt));
	return latest;
}

async function hiredReasonIds(ctx: IPollFunctions): Promise<string[]> {
	const reasons = await leverApiList.call(ctx, { method: 'GET', path: '/archive_reasons', qs: { type: 'hired' }, endpoint: '/archive_reasons' });
	return reasons.filter((reason) => reason.type === undefined || reason.type === 'hired').map((reason) => String(reason.id));
}

export const POLL_EVENTS: PollEvent[] = [
	{
		name: 'Application Created',
		value: 'applicationCreated',
		description: 'A candidate applied or was added to a posting',
		sliced: true,
		olderChanges: true,
		listings: async (_ctx, options) => [opportunities('updated_at', options, { expand: 'applications' })],
		changes(opportunity) {
			const changes: Change[] = [];
			for (const application of (opportunity.applications ?? []) as IDataObject[]) {
				const ts = typeof application === 'object' ? num(application?.createdAt) : undefined;
				if (ts === undefined) continue;
				changes.push({ key: String(application.id), ts, json: { ...application, opportunityId: application.opportunityId ?? opportunity.id } });
			}
			return changes;
		},
	},
	{
		name: 'Offer Created or Changed',
		value: 'offerChanged',
		description: 'An offer was drafted, approved, sent, opened, signed or edited (read per opportunity that changed)',
		sliced: true,
		olderChanges: true,
		listings: async (_ctx, options) => [opportunities('updated_at', options)],
		toCheck: (opportunity) => ({ id: opportunity.id, updatedAt: opportunity.updatedAt }),
		async changesByRequest(ctx, opportunity, { state, options, emitFrom }) {
			const id = String(opportunity.id);
			const offers = await leverApiList.call(ctx, {
				method: 'GET',
				path: `/opportunities/${encodeId(id)}/offers`,
				endpoint: '/opportunities/{opportunity}/offers',
				ids: { opportunity: id },
			});
			const known = (state.extra.offers ??= {}) as IDataObject;
			const changes: Change[] = [];
			for (const offer of offers) {
				const fingerprint = offerFingerprint(offer);
				const previous = options.sample ? undefined : known[String(offer.id)];
				const latest = offerLatest(offer) ?? num(opportunity.updatedAt) ?? 0;
				if (previous === fingerprint) continue;
				// A first sight of an offer with nothing recent on it is the baseline, not a change.
				if (previous === undefined && latest < emitFrom) {
					if (!options.sample) remember(known, String(offer.id), fingerprint, OFFER_MEMORY);
					continue;
				}
				const changeType = previous === undefined && (num(offer.createdAt) ?? 0) >= emitFrom ? 'created' : 'changed';
				changes.push({
					key: `${String(offer.id)}@${fingerprint}`,
					// Changes without a timestamp of their own (denied, approval sent) count from emitFrom.
					ts: Math.max(latest, emitFrom),
					json: { ...offer, opportunityId: id, changeType },
					memo: { map: 'offers', key: String(offer.id), value: fingerprint, limit: OFFER_MEMORY },
				});
			}
			return changes;
		},
	},
	{
		name: 'Opportunity Archived',
		value: 'opportunityArchived',
		description: 'A candidate was archived (for any reason, hired included)',
		sliced: true,
		olderChanges: false,
		listings: async (_ctx, options) => [opportunities('archived_at', options)],
		changes(record) {
			const archivedAt = num((record.archived as IDataObject | null)?.archivedAt);
			return archivedAt === undefined ? [] : [{ key: `${String(record.id)}@archived@${archivedAt}`, ts: archivedAt, json: record }];
		},
	},
	{
		name: 'Opportunity Created',
		value: 'opportunityCreated',
		description: 'A new opportunity (candidate) was added',
		sliced: true,
		olderChanges: false,
		listings: async (_ctx, options) => [opportunities('created_at', options)],
		changes: (record) => stamped(record, 'createdAt', 'created'),
	},
	{
		name: 'Opportunity Deleted',
		value: 'opportunityDeleted',
		description: 'An opportunity was deleted',
		sliced: true,
		olderChanges: false,
		listings: async () => [{ path: '/opportunities/deleted', dateFilter: 'deleted_at', qs: {} }],
		changes: (record) => stamped(record, 'deletedAt', 'deleted'),
	},
	{
		name: 'Opportunity Hired',
		value: 'opportunityHired',
		description: 'A candidate was archived with a reason of type hired',
		sliced: true,
		olderChanges: false,
		async listings(ctx, options) {
			const hired = await hiredReasonIds(ctx);
			return hired.length ? [opportunities('archived_at', options, { archive_reason_id: hired })] : [];
		},
		changes(record) {
			const archived = (record.archived ?? null) as IDataObject | null;
			const archivedAt = num(archived?.archivedAt);
			if (archivedAt === undefined || archived?.reason === undefined || archived?.reason === null) return [];
			return [{ key: `${String(record.id)}@hired@${archivedAt}`, ts: archivedAt, json: record }];
		},
	},
	{
		name: 'Opportunity Stage Changed',
		value: 'opportunityStageChanged',
		description: 'A candidate moved to another stage (every move, also several between two polls)',
		sliced: true,
		olderChanges: true,
		listings: async (_ctx, options) => [opportunities('updated_at', options)],
		changes(opportunity, { options }) {
			const changes: Change[] = [];
			const moves = (opportunity.stageChanges ?? []) as IDataObject[];
			moves.forEach((move, index) => {
				const ts = num(move?.updatedAt);
				if (ts === undefined) return;
				const toStageId = move.toStageId === undefined ? null : move.toStageId;
				if (options.toStageIds.length && !options.toStageIds.includes(String(toStageId))) return;
				const fromStageId = index > 0 ? (moves[index - 1]?.toStageId ?? null) : null;
				changes.push({
					key: `${String(opportunity.id)}@stage@${ts}@${String(toStageId)}`,
					ts,
					json: { ...opportunity, fromStageId, toStageId, stageChangedAt: iso(ts), stageChangedBy: move.userId ?? null },
				});
			});
			return changes;
		},
	},
	{
		name: 'Opportunity Updated',
		value: 'opportunityUpdated',
		description: "Any change that moves an opportunity's updatedAt (one item per change)",
		sliced: true,
		olderChanges: false,
		listings: async (_ctx, options) => [opportunities('updated_at', options)],
		changes: (record) => stamped(record, 'updatedAt', ''),
	},
	{
		name: 'Posting Closed or Deleted',
		value: 'postingClosedOrDeleted',
		description: 'A posting was set to closed, or deleted',
		sliced: true,
		olderChanges: false,
		listings: async (_ctx, options) => [
			{ path: '/postings', dateFilter: 'updated_at', qs: confidentiality(options) },
			{ path: '/postings/deleted', dateFilter: 'deleted_at', qs: {} },
		],
		changes(posting, { state, options, listing }) {
			const id = String(posting.id);
			if (listing === 1) return stamped(posting, 'deletedAt', 'deleted', { ...posting, changeType: 'deleted' });
			const closedKnown = (state.extra.closed ??= {}) as IDataObject;
			if (posting.state !== 'closed') {
				if (!options.sample) delete closedKnown[id];
				return [];
			}
			const updatedAt = num(posting.updatedAt);
			if (updatedAt === undefined || (!options.sample && closedKnown[id] !== undefined)) return [];
			return [
				{
					key: `${id}@closed@${updatedAt}`,
					ts: updatedAt,
					json: { ...posting, changeType: 'closed' },
					memo: { map: 'closed', key: id, value: updatedAt },
				},
			];
		},
		// Postings closed before activation are known closed: editing one later is not a new closing.
		setUp: {
			listing: (options) => ({ path: '/postings', qs: { state: 'closed', ...confidentiality(options) } }),
			remember(posting, state) {
				remember((state.extra.closed ??= {}) as IDataObject, String(posting.id), num(posting.updatedAt) ?? 0);
			},
		},
	},
	{
		name: 'Posting Created or Changed',
		value: 'postingChanged',
		description: 'A posting was created or edited (Lever lists published postings of the public channel and all other states)',
		sliced: true,
		olderChanges: false,
		listings: async (_ctx, options) => [{ path: '/postings', dateFilter: 'updated_at', qs: confidentiality(options) }],
		changes: (record) => stamped(record, 'updatedAt', ''),
	},
	{
		name: 'Requisition Created or Changed',
		value: 'requisitionChanged',
		description: 'A requisition was created or edited (Lever has no updated-since filter here: the list is read whole)',
		sliced: false,
		olderChanges: false,
		listings: async (_ctx, options) => [{ path: '/requisitions', qs: confidentiality(options) }],
		changes(record) {
			const ts = num(record.updatedAt) ?? num(record.createdAt);
			return ts === undefined ? [] : [{ key: `${String(record.id)}@${ts}`, ts, json: record }];
		},
	},
	{
		name: 'User Created or Deactivated',
		value: 'userChanged',
		description: 'A Lever user was added or deactivated (the user list is read whole)',
		sliced: false,
		olderChanges: false,
		listings: async () => [{ path: '/users', qs: { includeDeactivated: true } }],
		changes(user) {
			const changes = stamped(user, 'createdAt', 'created', { ...user, changeType: 'created' });
			const deactivatedAt = num(user.deactivatedAt);
			if (deactivatedAt !== undefined) {
				changes.push({ key: `${String(user.id)}@deactivated@${deactivatedAt}`, ts: deactivatedAt, json: { ...user, changeType: 'deactivated' } });
			}
			return changes;
		},
	},
];
