import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getCollection, toList } from '../../helpers/parameters';
import { EVENTS_WITH_CONDITIONS, WEBHOOK_EVENTS, assertLeverId, invalidParameter, optionalFields, originsField } from '../../shared';
import { assertSomething, requiredString } from '../../helpers/writes';
import type { LeverOperation, LeverResource } from '../types';

const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

function checkUrl(ctx: IExecuteFunctions, itemIndex: number, label: string, url: string): string {
	if (!URL_PATTERN.test(url)) {
		throw invalidParameter(ctx.getNode(), itemIndex, label, `"${url}" is not a URL`, 'Enter the full HTTPS address that should receive the events, e.g. https://example.com/lever');
	}
	return url;
}

function configuration(origins: unknown): IDataObject | undefined {
	const list = toList(origins);
	return list.length ? { conditions: { origins: list } } : undefined;
}

const operations: LeverOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a webhook',
		description:
			'Subscribe a URL to a Lever event; the answer holds the signature token for verifying deliveries. A Super Admin must still switch the event group on in Lever settings.',
		method: 'POST',
		path: '/webhooks',
		properties: [
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. https://example.com/lever-events',
				description: 'HTTPS address (with a CA-signed certificate) that Lever posts the events to',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: WEBHOOK_EVENTS,
				required: true,
				default: 'candidateStageChange',
				description: 'The event that triggers a delivery',
			},
			originsField('Only deliver events for candidates of these origins (Lever uses all six when none are chosen)', {
				show: { event: EVENTS_WITH_CONDITIONS },
			}),
			{
				displayName: 'Include Signature Token',
				name: 'includeSignatureToken',
				type: 'boolean',
				default: false,
				description:
					'Whether to return the signature token Lever issues once, needed to verify deliveries yourself. It is a secret: leave this off when the Lever Trigger node (which keeps the token to itself) receives the events.',
			},
		],
		output(record, itemIndex) {
			if (this.getNodeParameter('includeSignatureToken', itemIndex, false) as boolean) return record;
			const configuration = { ...((record.configuration ?? {}) as IDataObject) };
			if (configuration.signatureToken !== undefined) configuration.signatureToken = '[hidden: turn on Include Signature Token]';
			return { ...record, configuration };
		},
		request(itemIndex) {
			const url = checkUrl(this, itemIndex, 'URL', requiredString(this, 'url', itemIndex, 'URL', 'Enter the address that should receive the events'));
			const event = requiredString(this, 'event', itemIndex, 'Event', 'Choose the event to subscribe to');
			if (!WEBHOOK_EVENTS.some((option) => option.value === event)) {
				throw invalidParameter(this.getNode(), itemIndex, 'Event', `"${event}" is not a Lever webhook event`, `Use one of ${WEBHOOK_EVENTS.map((option) => option.value).join(', ')}`);
			}
			const body: IDataObject = { url, event };
			if (EVENTS_WITH_CONDITIONS.includes(event)) {
				const config = configuration(this.getNodeParameter('origins', itemIndex, []));
				if (config) body.configuration = config;
			}
			return { body };
		},
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a webhook',
		description: 'Delete a webhook that was created through the API (webhooks made in Lever settings cannot be deleted here)',
		method: 'DELETE',
		path: '/webhooks/{webhookId}',
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many webhooks',
		description: 'Retrieve many webhook subscriptions of the account, with their URL, event and origin conditions',
		method: 'GET',
		path: '/webhooks',
		list: 'unpaged',
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a webhook',
		description: 'Change the URL or the candidate-origin conditions of a webhook created through the API',
		method: 'PUT',
		path: '/webhooks',
		idempotent: true,
		properties: [
			{
				displayName: 'Webhook ID',
				name: 'webhookId',
				type: 'string',
				required: true,
				default: '',
				description: 'ID of the webhook to change, as returned by Create or Get Many',
			},
			optionalFields('updateFields', [
				originsField(
					'Only deliver events for candidates of these origins (for application created, archive change, hired and stage change events)',
				),
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/lever-events',
					description: 'New HTTPS address for the deliveries',
				},
			]),
		],
		request(itemIndex) {
			const node = this.getNode();
			const id = assertLeverId(node, itemIndex, 'Webhook ID', requiredString(this, 'webhookId', itemIndex, 'Webhook ID', 'Enter the ID of the webhook'));
			const fields = getCollection(this, 'updateFields', itemIndex);
			const change: IDataObject = {};
			if (typeof fields.url === 'string' && fields.url.trim()) change.url = checkUrl(this, itemIndex, 'Update Fields > URL', fields.url.trim());
			const config = configuration(fields.origins);
			if (config) change.configuration = config;
			assertSomething(node, itemIndex, 'Update Fields', change);
			return { body: { data: [{ id, ...change }] } };
		},
	},
];

export const webhookResource: LeverResource = {
	value: 'webhook',
	name: 'Webhook',
	description: 'Webhook subscriptions created through the API',
	operations,
};
