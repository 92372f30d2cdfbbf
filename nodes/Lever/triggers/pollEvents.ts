/**
 * What each event of the Lever Poll Trigger reads from Lever and which changes it turns into candidates.
 * Every read goes through the transport. Lever's filters are inclusive millisecond ranges
 * (`updated_at_start`, `archived_at_start`, `deleted_at_start`, ...); lists without one (users,
 * requisitions) are read whole and filtered here.
 */
import { createHash } from 'crypto';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { encodeId, leverApiList, leverApiPages } from '../transport';
import type { Candidate, Harvest, PollState } from './pollCursor';
import { remember } from './pollCursor';

export interface PollOptions {
	includeConfidential: boolean;
	toStageIds: string[];
	/** Stop reading once this much time has passed (ms since the epoch). */
	deadline: number;
	/** Manual runs read at most this many records. */
	maxRecords?: number;
	/** Manual runs: no event-specific memory is consulted or changed. */
	sample: boolean;
}

interface EventSource {
	name: string;
	value: string;
	description: string;
	harvest(ctx: IPollFunctions, start: number, state: PollState, options: PollOptions): Promise<Harvest>;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

function max(current: number | undefined, value: number | undefined): number | undefined {
	if (value === undefined) return current;
	return current === undefined ? value : Math.max(current, value);
}

/** Reads a listing page by page until it ends, the deadline passes or enough records were read. */
async function read(
	ctx: IPollFunctions,
	path: string,
	qs: IDataObject,
	options: PollOptions,
): Promise<{ records: IDataObject[]; complete: boolean }> {
	const records: IDataObject[] = [];
	for await (const page of leverApiPages.call(ctx, { method: 'GET', path, qs, endpoint: path }, { limit: options.maxRecords })) {
		records.push(...page);
		if (Date.now() > options.deadline) return { records, complete: false };
	}
	return { records, complete: true };
}

function confidentiality(options: PollOptions): IDataObject {
	return options.includeConfidential ? { confidentiality: 'all' } : {};
}

/** One candidate per record, keyed by id and the timestamp that changed. */
function byTimestamp(records: IDataObject[], field: string, suffix: string, filterField = field): Harvest & { complete: boolean } {
	let maxFilterTs: number | undefined;
	const candidates: Candidate[] = [];
	for (const record of records) {
		maxFilterTs = max(maxFilterTs, num(record[filterField]));
		const ts = num(record[field]);
		if (ts === undefined) continue;
		candidates.push({ key: `${String(record.id)}@${suffix}${suffix ? '@' : ''}${ts}`, ts, json: record });
	}
	return { candidates, maxFilterTs, complete: true };
}

async function opportunitiesUpdated(ctx: IPollFunctions, start: number, options: PollOptions, extra: IDataObject = {}) {
	return await read(ctx, '/opportunities', { updated_at_start: start, ...confidentiality(options), ...extra }, options);
}

function maxUpdated(records: IDataObject[]): number | undefined {
	return records.reduce<number | undefined>((acc, record) => max(acc, num(record.updatedAt)), undefined);
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

export const POLL_EVENTS: EventSource[] = [
	{
		name: 'Application Created',
		value: 'applicationCreated',
		description: 'A candidate applied or was added to a posting',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await opportunitiesUpdated(ctx, start, options, { expand: 'applications' });
			const candidates: Candidate[] = [];
			for (const opportunity of records) {
				for (const application of (opportunity.applications ?? []) as IDataObject[]) {
					const ts = typeof application === 'object' ? num(application?.createdAt) : undefined;
					if (ts === undefined) continue;
					candidates.push({ key: String(application.id), ts, json: { ...application, opportunityId: application.opportunityId ?? opportunity.id } });
				}
			}
			return { candidates, maxFilterTs: maxUpdated(records), complete };
		},
	},
	{
		name: 'Offer Created or Changed',
		value: 'offerChanged',
		description: 'An offer was drafted, approved, sent, opened, signed or edited (read per opportunity that changed)',
		async harvest(ctx, start, state, options) {
			const { records, complete } = await opportunitiesUpdated(ctx, start, options);
			const known = (state.extra.offers ??= {}) as IDataObject;
			const candidates: Candidate[] = [];
			let finished = complete;
			for (const opportunity of records) {
				if (Date.now() > options.deadline) {
					finished = false;
					break;
				}
				const id = String(opportunity.id);
				const offers = await leverApiList.call(ctx, {
					method: 'GET',
					path: `/opportunities/${encodeId(id)}/offers`,
					endpoint: '/opportunities/{opportunity}/offers',
					ids: { opportunity: id },
				});
				for (const offer of offers) {
					const fingerprint = offerFingerprint(offer);
					const previous = options.sample ? undefined : known[String(offer.id)];
					const latest = offerLatest(offer) ?? num(opportunity.updatedAt) ?? 0;
					if (previous === fingerprint) continue;
					// A first sight of an offer with nothing recent on it is the baseline, not a change.
					if (previous === undefined && latest < start) {
						if (!options.sample) remember(known, String(offer.id), fingerprint);
						continue;
					}
					const changeType = previous === undefined && (num(offer.createdAt) ?? 0) >= start ? 'created' : 'changed';
					candidates.push({
						key: `${String(offer.id)}@${fingerprint}`,
						// Changes without a timestamp of their own (denied, approval sent) count from the poll.
						ts: Math.max(latest, start),
						json: { ...offer, opportunityId: id, changeType },
						memo: { map: 'offers', key: String(offer.id), value: fingerprint },
					});
				}
			}
			return { candidates, maxFilterTs: maxUpdated(records), complete: finished };
		},
	},
	{
		name: 'Opportunity Archived',
		value: 'opportunityArchived',
		description: 'A candidate was archived (for any reason, hired included)',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await read(ctx, '/opportunities', { archived_at_start: start, ...confidentiality(options) }, options);
			const candidates: Candidate[] = [];
			let maxFilterTs: number | undefined;
			for (const record of records) {
				const archivedAt = num((record.archived as IDataObject | null)?.archivedAt);
				maxFilterTs = max(maxFilterTs, archivedAt);
				if (archivedAt !== undefined) candidates.push({ key: `${String(record.id)}@archived@${archivedAt}`, ts: archivedAt, json: record });
			}
			return { candidates, maxFilterTs, complete };
		},
	},
	{
		name: 'Opportunity Created',
		value: 'opportunityCreated',
		description: 'A new opportunity (candidate) was added',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await read(ctx, '/opportunities', { created_at_start: start, ...confidentiality(options) }, options);
			return { ...byTimestamp(records, 'createdAt', 'created'), complete };
		},
	},
	{
		name: 'Opportunity Deleted',
		value: 'opportunityDeleted',
		description: 'An opportunity was deleted',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await read(ctx, '/opportunities/deleted', { deleted_at_start: start }, options);
			return { ...byTimestamp(records, 'deletedAt', 'deleted'), complete };
		},
	},
	{
		name: 'Opportunity Hired',
		value: 'opportunityHired',
		description: 'A candidate was archived with a reason of type hired',
		async harvest(ctx, start, _state, options) {
			const reasons = await leverApiList.call(ctx, { method: 'GET', path: '/archive_reasons', qs: { type: 'hired' }, endpoint: '/archive_reasons' });
			const hired = reasons.filter((reason) => reason.type === undefined || reason.type === 'hired').map((reason) => String(reason.id));
			if (hired.length === 0) return { candidates: [], complete: true };
			const { records, complete } = await read(
				ctx,
				'/opportunities',
				{ archived_at_start: start, archive_reason_id: hired, ...confidentiality(options) },
				options,
			);
			const candidates: Candidate[] = [];
			let maxFilterTs: number | undefined;
			for (const record of records) {
				const archived = (record.archived ?? null) as IDataObject | null;
				const archivedAt = num(archived?.archivedAt);
				maxFilterTs = max(maxFilterTs, archivedAt);
				if (archivedAt === undefined || !hired.includes(String(archived?.reason))) continue;
				candidates.push({ key: `${String(record.id)}@hired@${archivedAt}`, ts: archivedAt, json: record });
			}
			return { candidates, maxFilterTs, complete };
		},
	},
	{
		name: 'Opportunity Stage Changed',
		value: 'opportunityStageChanged',
		description: 'A candidate moved to another stage (every move, also several between two polls)',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await opportunitiesUpdated(ctx, start, options);
			const candidates: Candidate[] = [];
			for (const opportunity of records) {
				const changes = (opportunity.stageChanges ?? []) as IDataObject[];
				changes.forEach((change, index) => {
					const ts = num(change?.updatedAt);
					if (ts === undefined) return;
					const toStageId = change.toStageId === undefined ? null : change.toStageId;
					if (options.toStageIds.length && !options.toStageIds.includes(String(toStageId))) return;
					const fromStageId = index > 0 ? (changes[index - 1]?.toStageId ?? null) : null;
					candidates.push({
						key: `${String(opportunity.id)}@stage@${ts}@${String(toStageId)}`,
						ts,
						json: { ...opportunity, fromStageId, toStageId, stageChangedAt: iso(ts), stageChangedBy: change.userId ?? null },
					});
				});
			}
			return { candidates, maxFilterTs: maxUpdated(records), complete };
		},
	},
	{
		name: 'Opportunity Updated',
		value: 'opportunityUpdated',
		description: 'Any change that moves an opportunity\'s updatedAt (one item per change)',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await opportunitiesUpdated(ctx, start, options);
			return { ...byTimestamp(records, 'updatedAt', ''), complete };
		},
	},
	{
		name: 'Posting Closed or Deleted',
		value: 'postingClosedOrDeleted',
		description: 'A posting was set to closed, or deleted',
		async harvest(ctx, start, state, options) {
			const changed = await read(ctx, '/postings', { updated_at_start: start, ...confidentiality(options) }, options);
			const deleted = await read(ctx, '/postings/deleted', { deleted_at_start: start }, options);
			const closedKnown = (state.extra.closed ??= {}) as IDataObject;
			const candidates: Candidate[] = [];
			let maxFilterTs: number | undefined;
			for (const posting of changed.records) {
				const updatedAt = num(posting.updatedAt);
				maxFilterTs = max(maxFilterTs, updatedAt);
				const id = String(posting.id);
				if (posting.state !== 'closed') {
					if (!options.sample) delete closedKnown[id];
					continue;
				}
				if (updatedAt === undefined || (!options.sample && closedKnown[id] !== undefined)) continue;
				candidates.push({
					key: `${id}@closed@${updatedAt}`,
					ts: updatedAt,
					json: { ...posting, changeType: 'closed' },
					memo: { map: 'closed', key: id, value: updatedAt },
				});
			}
			for (const posting of deleted.records) {
				const deletedAt = num(posting.deletedAt);
				maxFilterTs = max(maxFilterTs, deletedAt);
				if (deletedAt === undefined) continue;
				candidates.push({ key: `${String(posting.id)}@deleted`, ts: deletedAt, json: { ...posting, changeType: 'deleted' } });
			}
			return { candidates, maxFilterTs, complete: changed.complete && deleted.complete };
		},
	},
	{
		name: 'Posting Created or Changed',
		value: 'postingChanged',
		description: 'A posting was created or edited (Lever lists published postings of the public channel and all other states)',
		async harvest(ctx, start, _state, options) {
			const { records, complete } = await read(ctx, '/postings', { updated_at_start: start, ...confidentiality(options) }, options);
			return { ...byTimestamp(records, 'updatedAt', ''), complete };
		},
	},
	{
		name: 'Requisition Created or Changed',
		value: 'requisitionChanged',
		description: 'A requisition was created or edited (Lever has no updated-since filter here: the list is read whole)',
		async harvest(ctx, _start, _state, options) {
			const { records, complete } = await read(ctx, '/requisitions', { ...confidentiality(options) }, options);
			const candidates: Candidate[] = [];
			let maxFilterTs: number | undefined;
			for (const record of records) {
				const ts = num(record.updatedAt) ?? num(record.createdAt);
				maxFilterTs = max(maxFilterTs, ts);
				if (ts !== undefined) candidates.push({ key: `${String(record.id)}@${ts}`, ts, json: record });
			}
			return { candidates, maxFilterTs, complete };
		},
	},
	{
		name: 'User Created or Deactivated',
		value: 'userChanged',
		description: 'A Lever user was added or deactivated (the user list is read whole)',
		async harvest(ctx, _start, _state, options) {
			const { records, complete } = await read(ctx, '/users', { includeDeactivated: true }, options);
			const candidates: Candidate[] = [];
			let maxFilterTs: number | undefined;
			for (const user of records) {
				const createdAt = num(user.createdAt);
				const deactivatedAt = num(user.deactivatedAt);
				maxFilterTs = max(max(maxFilterTs, createdAt), deactivatedAt);
				if (createdAt !== undefined) candidates.push({ key: `${String(user.id)}@created`, ts: createdAt, json: { ...user, changeType: 'created' } });
				if (deactivatedAt !== undefined) {
					candidates.push({ key: `${String(user.id)}@deactivated@${deactivatedAt}`, ts: deactivatedAt, json: { ...user, changeType: 'deactivated' } });
				}
			}
			return { candidates, maxFilterTs, complete };
		},
	},
];
