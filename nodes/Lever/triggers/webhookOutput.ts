/** What the Lever Trigger emits for one verified delivery. */
import type { IDataObject } from 'n8n-workflow';

import type { LeverDelivery } from './webhookVerification';

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
