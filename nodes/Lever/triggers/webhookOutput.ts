/** What the Lever Trigger emits for one verified delivery. */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { UUID_PATTERN } from '../shared';
import { encodeId, leverApiRequest } from '../transport';
import type { LeverDelivery } from './webhookVerification';

/**
 * The opportunity lookup runs after Lever has its 200, but the run waits for it: one attempt, capped, so a
 * slow Lever delays the run by seconds rather than by the transport's whole retry budget.
 */
export const OPPORTUNITY_LOOKUP_TIMEOUT_MS = 10_000;

const LEVER_ID = new RegExp(UUID_PATTERN);

/** The kind of Lever object an event is about. */
export const EVENT_TYPES: Record<string, string> = {
	applicationCreated: 'application',
	candidateHired: 'opportunity',
	candidateStageChange: 'opportunity',
	candidateArchiveChange: 'opportunity',
	candidateDeleted: 'opportunity',
	interviewCreated: 'interview',
	interviewUpdated: 'interview',
	interviewDeleted: 'interview',
	contactCreated: 'contact',
	contactUpdated: 'contact',
};

function iso(value: unknown): string | null {
	const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
	return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * event, type, triggeredAt (ISO), every id Lever sent as a top-level field, archive details spelled
 * out, and the untouched `data`. Lever documents the child fields of one event only (stage change), so
 * whatever scalar fields arrive are lifted as they are rather than from a fixed list.
 */
export function shapeDelivery(delivery: LeverDelivery): IDataObject {
	const data = delivery.data;
	const output: IDataObject = {
		event: delivery.event,
		type: EVENT_TYPES[delivery.event] ?? 'unknown',
		triggeredAt: iso(delivery.triggeredAtMs),
	};
	if (delivery.id) output.deliveryId = delivery.id;
	for (const [key, value] of Object.entries(data)) {
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
			if (!(key in output)) output[key] = value;
		}
	}
	if (output.opportunityId === undefined && typeof data.candidateId === 'string') output.opportunityId = data.candidateId;
	if (delivery.event === 'candidateArchiveChange') {
		const to = isRecord(data.toArchived) ? data.toArchived : null;
		const from = isRecord(data.fromArchived) ? data.fromArchived : null;
		output.archived = to !== null;
		output.archiveReasonId = to ? (to.reason ?? null) : null;
		output.archivedAt = to ? iso(to.archivedAt) : null;
		output.fromArchiveReasonId = from ? (from.reason ?? null) : null;
	}
	output.data = data;
	return output;
}

/**
 * `opportunity` read from Lever for the item, or `opportunity: null` and `opportunityError` saying why
 * not. The id comes from the delivery's `data`, which Lever does not sign: only a UUID is looked up.
 */
export async function lookUpOpportunity(ctx: IWebhookFunctions, opportunityId: unknown): Promise<IDataObject> {
	if (typeof opportunityId !== 'string' || !LEVER_ID.test(opportunityId)) {
		return { opportunity: null, opportunityError: 'The delivery carries no opportunity ID in Lever\'s format (a UUID), so nothing was looked up' };
	}
	try {
		const envelope = await leverApiRequest.call(ctx, {
			method: 'GET',
			path: `/opportunities/${encodeId(opportunityId)}`,
			endpoint: '/opportunities/{opportunity}',
			ids: { opportunity: opportunityId },
			timeoutMs: OPPORTUNITY_LOOKUP_TIMEOUT_MS,
			settings: { retry: { maxAttempts: 1 } },
		});
		return { opportunity: (envelope.data ?? null) as IDataObject | null };
	} catch (error) {
		// The event is real and already acknowledged: keep it, and say why the opportunity is missing.
		return { opportunity: null, opportunityError: (error as Error).message };
	}
}
