/**
 * Accepting one Lever webhook delivery: verify it, answer Lever, then build the item.
 *
 * Every refusal is a bare 401 (the reason goes to n8n's log only: a reason in the body would tell an
 * attacker which check to work on). A validly signed delivery that was already accepted gets 200 and runs
 * nothing, so Lever stops retrying it. A new one gets 200 at once, before the optional opportunity lookup.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { ReplayRecord } from './replayMemory';
import { admit, readRecord } from './replayMemory';
import type { StoredWebhook, TriggerSettings } from './webhookSettings';
import { readSettings, signingTokensFor } from './webhookSettings';
import { lookUpOpportunity, shapeDelivery } from './webhookOutput';
import type { LeverDelivery, RejectionReason } from './webhookVerification';
import { isRejection, isStale, parseDelivery, signatureMatches } from './webhookVerification';

export type Verdict =
	| { outcome: 'refused'; reason: RejectionReason; message: string }
	| { outcome: 'duplicate'; delivery: LeverDelivery }
	| { outcome: 'accepted'; delivery: LeverDelivery };

export interface Judgement {
	body: unknown;
	/** The signature tokens that may have signed a delivery of this event (none: refused). */
	tokensFor: (event: string) => Promise<string[]>;
	windowMs: number;
	nowMs: number;
	/** Names the trigger (workflow and node) for the in-process replay record. */
	scope: string;
	/** The replay record from static data; updated in place when the delivery is admitted. */
	record: ReplayRecord;
}

/** The checks of docs/triggers.md, in order. Nothing after the token look-up awaits. */
export async function judgeDelivery(input: Judgement): Promise<Verdict> {
	const delivery = parseDelivery(input.body);
	if (isRejection(delivery)) return { outcome: 'refused', ...delivery };
	const tokens = await input.tokensFor(delivery.event);
	if (tokens.length === 0) return { outcome: 'refused', reason: 'unknownEvent', message: `This trigger holds no signature token for ${delivery.event}` };
	if (!signatureMatches(delivery, tokens)) return { outcome: 'refused', reason: 'badSignature', message: 'The signature does not match' };
	if (isStale(delivery.triggeredAtMs, input.nowMs, input.windowMs)) {
		return {
			outcome: 'refused',
			reason: 'stale',
			message: `triggeredAt ${new Date(delivery.triggeredAtMs).toISOString()} is outside the ${input.windowMs / 1000} s replay window`,
		};
	}
	const admission = admit(input.scope, input.record, delivery, input.nowMs, input.windowMs);
	if (admission === 'forgotten') {
		return { outcome: 'refused', reason: 'forgotten', message: 'triggeredAt is older than the oldest delivery the replay record still holds' };
	}
	return { outcome: admission, delivery };
}

interface TriggerState {
	webhooks?: StoredWebhook[];
	replay?: ReplayRecord;
	/** Kept by versions before the replay record; dropped on the next delivery. */
	seenTokens?: unknown;
}

function scopeOf(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return `${String(ctx.getWorkflow().id ?? '')}/${node.id ?? node.name}`;
}

/** Whether the node's stage filters let a verified delivery through. */
function passesFilters(ctx: IWebhookFunctions, settings: TriggerSettings, delivery: LeverDelivery): boolean {
	if (!settings.events.includes(delivery.event)) return false;
	if (delivery.event !== 'candidateStageChange') return true;
	const from = (ctx.getNodeParameter('options.fromStageIds', []) as string[]) ?? [];
	const to = (ctx.getNodeParameter('options.toStageIds', []) as string[]) ?? [];
	if (from.length && !from.includes(String(delivery.data.fromStageId))) return false;
	if (to.length && !to.includes(String(delivery.data.toStageId))) return false;
	return true;
}

/** LeverTrigger.webhook(): one delivery, end to end. */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const settings = readSettings(this);
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const record = readRecord(state.replay);
	const verdict = await judgeDelivery({
		body: this.getBodyData(),
		tokensFor: async (event) => await signingTokensFor(this, settings, event, state.webhooks ?? []),
		windowMs: settings.windowMs,
		nowMs: Date.now(),
		scope: scopeOf(this),
		record,
	});

	if (verdict.outcome === 'refused') {
		this.logger.warn(`Lever Trigger refused a delivery (${verdict.reason}): ${verdict.message}`);
		response.status(401).end();
		return { noWebhookResponse: true };
	}
	// Assigned (not mutated) so that n8n's change tracking saves the record with the static data.
	state.replay = record;
	delete state.seenTokens;
	// n8n saves static data after this method returns and before it starts the run, so the record is
	// stored first. (With n8n's own onReceived answer the run would start first and the record be lost.)
	response.status(200).send({ message: 'Webhook call received' });
	if (verdict.outcome === 'duplicate') {
		this.logger.info(`Lever Trigger: a ${verdict.delivery.event} delivery arrived again and was acknowledged without a run`);
		return { noWebhookResponse: true };
	}

	const delivery = verdict.delivery;
	if (!passesFilters(this, settings, delivery)) return { noWebhookResponse: true };
	const item: IDataObject = shapeDelivery(delivery);
	if (this.getNodeParameter('options.fetchOpportunity', false) === true && delivery.event !== 'candidateDeleted') {
		Object.assign(item, await lookUpOpportunity(this, item.opportunityId));
	}
	return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
}
