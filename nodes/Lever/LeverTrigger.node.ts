import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { WEBHOOK_EVENTS, authenticationField, nameOrIdField, originsField } from './shared';
import { getStages } from './methods/loadOptions';
import { receiveDelivery } from './triggers/webhookAcceptance';
import {
	DEFAULT_REPLAY_WINDOW_SECONDS,
	MAX_REPLAY_WINDOW_SECONDS,
	MIN_REPLAY_WINDOW_SECONDS,
	checkActivation,
	checkManualTokens,
	checkSigningCredential,
	readSettings,
} from './triggers/webhookSettings';
import type { SubscriptionState } from './triggers/webhookSubscriptions';
import { reconcile, removeOrphans, subscribeAll, unsubscribeAll } from './triggers/webhookSubscriptions';

const GROUP_SWITCH_NOTICE =
	"Lever accepts a webhook subscription but delivers nothing until a Super Admin switches on the matching webhook group (e.g. 'Candidate Stage Change') under Settings > Integrations and API > Webhooks. Lever's API does not report whether a group is on, so if no event arrives, check there first.";

function stateOf(ctx: IHookFunctions): SubscriptionState {
	return ctx.getWorkflowStaticData('node') as SubscriptionState;
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
		// Written out as literals (not leverCredentials spread): n8n's lint reads this array as source and
		// must find the signing credential's testedBy here. A unit test keeps the first two equal to
		// shared/authentication's leverCredentials.
		credentials: [
			{ name: 'leverAtsApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
			{ name: 'leverAtsOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'leverWebhookSigningApi', required: true, testedBy: 'leverWebhookSigningTest', displayOptions: { show: { registration: ['manual'] } } },
		],
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
						description: 'Paste this node\'s URL into one webhook per event under Lever settings, and their signature tokens into a Lever Webhook Signing credential',
					},
				],
				default: 'automatic',
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
					originsField(
						'Only candidates of these origins (Lever applies this to application created, hired, stage change and archive change). Empty means all.',
					),
					{
						displayName: 'Fetch Full Opportunity',
						name: 'fetchOpportunity',
						type: 'boolean',
						default: false,
						description: 'Whether to read the whole opportunity from Lever and add it to the output as "opportunity" (one extra request per event)',
					},
					nameOrIdField({
						label: 'From Stage',
						name: 'fromStageIds',
						loadOptionsMethod: 'getStages',
						multiple: true,
						description: 'Stage changes only: start the workflow only when the candidate leaves one of these stages',
					}),
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindowSeconds',
						type: 'number',
						typeOptions: { minValue: MIN_REPLAY_WINDOW_SECONDS, maxValue: MAX_REPLAY_WINDOW_SECONDS },
						default: DEFAULT_REPLAY_WINDOW_SECONDS,
						description:
							'Deliveries whose triggeredAt is further than this from now are refused, and each signed delivery runs once. At least 60; raise it if Lever retries arrive later (see the trigger guide).',
					},
					nameOrIdField({
						label: 'To Stage',
						name: 'toStageIds',
						loadOptionsMethod: 'getStages',
						multiple: true,
						description: 'Stage changes only: start the workflow only when the candidate enters one of these stages',
					}),
				],
			},
		],
	};

	methods = {
		loadOptions: { getStages },
		credentialTest: {
			async leverWebhookSigningTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return checkSigningCredential(credential.data);
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const settings = readSettings(this);
				const url = await checkActivation(this, settings);
				if (settings.registration === 'manual') {
					await checkManualTokens(this, settings);
					return true;
				}
				return await reconcile(this, stateOf(this), url, settings.events);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const settings = readSettings(this);
				const url = await checkActivation(this, settings);
				if (settings.registration === 'manual') return true;
				const state = stateOf(this);
				await removeOrphans(this, state, url, settings.events);
				const origins = ((this.getNodeParameter('options.origins', []) as string[]) ?? []).filter(Boolean);
				state.webhooks = await subscribeAll(this, url, settings.events, origins);
				this.logger.info(`Lever Trigger: subscribed ${url} to ${settings.events.join(', ')}. ${GROUP_SWITCH_NOTICE}`);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				if (readSettings(this).registration === 'manual') return true;
				return await unsubscribeAll(this, stateOf(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
