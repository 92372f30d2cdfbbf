import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { EVENTS_WITH_CONDITIONS, WEBHOOK_EVENTS } from './shared/webhookEvents';
import { getStages } from './methods/loadOptions';
import { encodeId, leverApiRequest, listRecords } from './transport';
import { shapeDelivery } from './triggers/webhookOutput';
import type { Rejection } from './triggers/webhookVerification';
import { isRejection, isStale, parseDelivery, rememberToken, signatureMatches } from './triggers/webhookVerification';
import { authenticationField, leverCredentials } from './shared/authentication';
import { ORIGIN_OPTIONS } from './shared/fields';

interface StoredWebhook {
	id: string;
	event: string;
	url: string;
	signatureToken: string;
}

interface TriggerState {
	webhooks?: StoredWebhook[];
	seenTokens?: Record<string, number>;
}

const GROUP_SWITCH_NOTICE =
	"Lever accepts a webhook subscription but delivers nothing until a Super Admin switches on the matching webhook group (e.g. 'Candidate Stage Change') under Settings > Integrations and API > Webhooks. Lever's API does not report whether a group is on, so if no event arrives, check there first.";

function stateOf(ctx: IHookFunctions | IWebhookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return (ctx.getNodeParameter('events', []) as string[]).filter((event) => typeof event === 'string' && event !== '');
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for the Lever Trigger');
	return url;
}

/** `GET /webhooks` answers `{data: [...]}` (no paging); tolerate the docs' double wrap and a bare array. */
async function listSubscriptions(ctx: IHookFunctions): Promise<IDataObject[]> {
	const envelope = await leverApiRequest.call(ctx, { method: 'GET', path: '/webhooks', endpoint: '/webhooks' });
	const data = envelope.data as IDataObject | undefined;
	return listRecords(data && !Array.isArray(data) ? data : envelope);
}

async function deleteSubscription(ctx: IHookFunctions, id: string): Promise<void> {
	await leverApiRequest.call(ctx, {
		method: 'DELETE',
		path: `/webhooks/${encodeId(id)}`,
		endpoint: '/webhooks/{webhookId}',
		ids: { webhookId: id },
		idempotent: true,
	});
}

function isNotFound(error: unknown): boolean {
	return String((error as { httpCode?: unknown })?.httpCode ?? '') === '404';
}

export class LeverTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever Trigger',
		name: 'leverTrigger',
		icon: { light: 'file:../../icons/lever.svg', dark: 'file:../../icons/lever.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when Lever sends a signed webhook: stage changes, hires, archives, applications, interviews, contacts',
		defaults: { name: 'Lever Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: leverCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		triggerPanel: {
			header: 'Waiting for Lever to send an event',
			executionsHelp: {
				inactive: `Make a change in Lever (e.g. move a candidate to another stage) while the node listens. ${GROUP_SWITCH_NOTICE}`,
				active: `This workflow runs on every verified Lever delivery. ${GROUP_SWITCH_NOTICE}`,
			},
			activationHint: GROUP_SWITCH_NOTICE,
		},
		properties: [
			{
				displayName: GROUP_SWITCH_NOTICE,
				name: 'groupNotice',
				type: 'notice',
				default: '',
			},
			authenticationField,
			{
				displayName: 'Webhook Setup',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Register Automatically',
						value: 'automatic',
						description: 'On activation the node subscribes this URL through Lever\'s Webhooks API (Super Admin key) and removes the subscription on deactivation',
					},
					{
						name: 'Use a Webhook Made in Lever',
						value: 'manual',
						description: 'Paste this node\'s URL into a webhook under Lever settings and its signature token below',
					},
				],
				default: 'automatic',
			},
			{
				displayName: 'Signature Token',
				name: 'signatureToken',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
				description: 'The signature token Lever shows for this webhook (Settings > Integrations and API > Webhooks). Every delivery is checked with it.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENTS,
				default: [],
				description: 'The Lever events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Candidate Origins',
						name: 'origins',
						type: 'multiOptions',
						options: ORIGIN_OPTIONS,
						default: [],
						description:
							'Only candidates of these origins (Lever applies this to application created, hired, stage change and archive change). Empty means all.',
					},
					{
						displayName: 'Fetch Full Opportunity',
						name: 'fetchOpportunity',
						type: 'boolean',
						default: false,
						description: 'Whether to read the whole opportunity from Lever and add it to the output as "opportunity" (one extra request per event)',
					},
					{
						displayName: 'From Stage Names or IDs',
						name: 'fromStageIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getStages' },
						default: [],
						description:
							'Stage changes only: start the workflow only when the candidate leaves one of these stages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindowSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Deliveries whose triggeredAt is further than this from now are refused, and a delivery token is accepted only once. 0 switches the time check off (not recommended).',
					},
					{
						displayName: 'To Stage Names or IDs',
						name: 'toStageIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getStages' },
						default: [],
						description:
							'Stage changes only: start the workflow only when the candidate enters one of these stages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getStages } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration', 'automatic') === 'manual') return true;
				const state = stateOf(this);
				const stored = state.webhooks ?? [];
				if (stored.length === 0) return false;
				const url = webhookUrl(this);
				const events = selectedEvents(this);
				const remote = await listSubscriptions(this);
				const live = new Set(remote.filter((entry) => entry.url === url).map((entry) => String(entry.id)));
				const alive = stored.filter((entry) => live.has(entry.id) && entry.url === url);
				const sameEvents =
					alive.length === stored.length && events.length === stored.length && events.every((event) => stored.some((entry) => entry.event === event));
				if (sameEvents) return true;
				// Some subscriptions are gone (deleted in Lever) or the event list changed: remove what is left of
				// ours and start over, so that every stored signature token belongs to a live subscription.
				for (const entry of alive) {
					try {
						await deleteSubscription(this, entry.id);
					} catch (error) {
						this.logger.warn(`Lever Trigger: could not remove webhook ${entry.id} (${entry.event}) before re-registering: ${(error as Error).message}`);
					}
				}
				delete state.webhooks;
				delete state.seenTokens;
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration', 'automatic') === 'manual') return true;
				const url = webhookUrl(this);
				const events = selectedEvents(this);
				if (events.length === 0) {
					throw new NodeOperationError(this.getNode(), 'Choose at least one event', { description: 'The Lever Trigger subscribes to the events chosen under Events' });
				}
				const origins = ((this.getNodeParameter('options.origins', []) as string[]) ?? []).filter(Boolean);
				const state = stateOf(this);
				const known = new Set((state.webhooks ?? []).map((entry) => entry.id));

				// Subscriptions to this URL whose signature token we no longer hold (lost static data) would make
				// Lever deliver twice, once unverifiable: remove them. Lever refuses to delete UI-made ones.
				for (const entry of await listSubscriptions(this)) {
					if (entry.url !== url || !events.includes(String(entry.event)) || known.has(String(entry.id))) continue;
					try {
						await deleteSubscription(this, String(entry.id));
						this.logger.info(`Lever Trigger: removed an earlier subscription ${String(entry.id)} to this URL whose signature token was lost`);
					} catch (error) {
						this.logger.warn(`Lever Trigger: an earlier webhook ${String(entry.id)} (${String(entry.event)}) points at this URL and could not be removed: ${(error as Error).message}`);
					}
				}

				const created: StoredWebhook[] = [];
				try {
					for (const event of events) {
						const body: IDataObject = { url, event };
						if (origins.length && EVENTS_WITH_CONDITIONS.includes(event)) body.configuration = { conditions: { origins } };
						const envelope = await leverApiRequest.call(this, { method: 'POST', path: '/webhooks', endpoint: '/webhooks', body });
						let record = (envelope.data ?? {}) as IDataObject;
						if (record.data && typeof record.data === 'object' && !record.id) record = record.data as IDataObject;
						const id = typeof record.id === 'string' ? record.id : '';
						const signatureToken = String(((record.configuration ?? {}) as IDataObject).signatureToken ?? '');
						if (id) created.push({ id, event, url, signatureToken });
						if (!id || !signatureToken) {
							throw new NodeOperationError(this.getNode(), `Lever created the ${event} webhook without ${id ? 'a signature token' : 'an ID'}`, {
								description: 'Without the signature token deliveries cannot be verified. Use "Use a Webhook Made in Lever" and paste the token from Lever settings instead.',
							});
						}
					}
				} catch (error) {
					for (const entry of created) {
						try {
							await deleteSubscription(this, entry.id);
						} catch (cleanupError) {
							this.logger.error(`Lever Trigger: could not roll back webhook ${entry.id} (${entry.event}): ${(cleanupError as Error).message}`);
						}
					}
					// Both constructors hand back an error that already is of their kind.
					if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
					throw new NodeApiError(this.getNode(), error as JsonObject);
				}
				state.webhooks = created;
				state.seenTokens = {};
				this.logger.info(`Lever Trigger: subscribed ${url} to ${events.join(', ')}. ${GROUP_SWITCH_NOTICE}`);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('registration', 'automatic') === 'manual') return true;
				const state = stateOf(this);
				const remaining: StoredWebhook[] = [];
				for (const entry of state.webhooks ?? []) {
					try {
						await deleteSubscription(this, entry.id);
					} catch (error) {
						if (isNotFound(error)) {
							this.logger.debug(`Lever Trigger: webhook ${entry.id} was already gone`);
							continue;
						}
						this.logger.error(`Lever Trigger: could not delete webhook ${entry.id} (${entry.event}): ${(error as Error).message}`);
						remaining.push(entry);
					}
				}
				if (remaining.length) {
					state.webhooks = remaining;
					return false;
				}
				delete state.webhooks;
				delete state.seenTokens;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refuse = (rejection: Rejection): IWebhookResponseData => {
			this.logger.warn(`Lever Trigger refused a delivery (${rejection.reason}): ${rejection.message}`);
			this.getResponseObject().status(401).send({ code: 'Unauthorized', reason: rejection.reason, message: rejection.message });
			return { noWebhookResponse: true };
		};

		const delivery = parseDelivery(this.getBodyData());
		if (isRejection(delivery)) return refuse(delivery);

		const state = stateOf(this);
		const manual = this.getNodeParameter('registration', 'automatic') === 'manual';
		const tokens = manual
			? [String(this.getNodeParameter('signatureToken', ''))]
			: (state.webhooks ?? []).filter((entry) => entry.event === delivery.event).map((entry) => entry.signatureToken);
		if (!tokens.some((token) => token !== '')) {
			return refuse({
				reason: 'unknownEvent',
				message: manual ? 'No signature token is set' : `This trigger holds no subscription for ${delivery.event}`,
			});
		}
		if (!signatureMatches(delivery, tokens)) return refuse({ reason: 'badSignature', message: 'The signature does not match' });

		const windowMs = Math.max(0, Number(this.getNodeParameter('options.replayWindowSeconds', 300)) || 0) * 1000;
		const now = Date.now();
		if (isStale(delivery.triggeredAtMs, now, windowMs)) {
			return refuse({ reason: 'stale', message: `triggeredAt ${new Date(delivery.triggeredAtMs).toISOString()} is outside the ${windowMs / 1000} s replay window` });
		}
		const seenTokens = state.seenTokens ?? {};
		if (!rememberToken(seenTokens, delivery, now, windowMs)) {
			return refuse({ reason: 'replayed', message: 'This delivery token was already used' });
		}
		// Reassigned so that n8n's change tracking saves the new token with the static data.
		state.seenTokens = seenTokens;

		// Verified: from here on Lever gets 200 (n8n answers at once), whether or not a filter lets it through.
		if (!selectedEvents(this).includes(delivery.event)) return {};
		if (delivery.event === 'candidateStageChange') {
			const from = (this.getNodeParameter('options.fromStageIds', []) as string[]) ?? [];
			const to = (this.getNodeParameter('options.toStageIds', []) as string[]) ?? [];
			if (from.length && !from.includes(String(delivery.data.fromStageId))) return {};
			if (to.length && !to.includes(String(delivery.data.toStageId))) return {};
		}

		const output = shapeDelivery(delivery);
		const opportunityId = typeof output.opportunityId === 'string' ? output.opportunityId : '';
		if (this.getNodeParameter('options.fetchOpportunity', false) === true && opportunityId && delivery.event !== 'candidateDeleted') {
			try {
				const envelope = await leverApiRequest.call(this, {
					method: 'GET',
					path: `/opportunities/${encodeId(opportunityId)}`,
					endpoint: '/opportunities/{opportunity}',
					ids: { opportunity: opportunityId },
				});
				output.opportunity = (envelope.data ?? null) as IDataObject | null;
			} catch (error) {
				// The event is real; a failed look-up must not lose it (Lever would not resend: its token is used).
				output.opportunity = null;
				output.opportunityError = (error as Error).message;
			}
		}
		// Answer Lever here and tell n8n so (noWebhookResponse): n8n then saves the static data, with this
		// delivery's token, before it starts the run. With n8n's own onReceived answer the run starts first and
		// resets the change flag of the shared static data, so the token was never saved and a replay passed.
		this.getResponseObject().status(200).send({ message: 'Webhook call received' });
		return { noWebhookResponse: true, workflowData: [[{ json: output }]] };
	}
}
