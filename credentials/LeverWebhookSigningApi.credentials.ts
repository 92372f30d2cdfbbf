import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../nodes/Lever/shared';

/**
 * The signature tokens of webhooks made in Lever's settings, for the Lever Trigger's "Use a Webhook Made
 * in Lever". Lever gives every webhook (one per event) its own token, so there is one field per event.
 * Kept in a credential so that no token ends up in a workflow export.
 */
export class LeverWebhookSigningApi implements ICredentialType {
	name = 'leverWebhookSigningApi';

	displayName = 'Lever Webhook Signing API';

	icon = { light: 'file:../icons/lever.svg', dark: 'file:../icons/lever.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-lever/n8n-nodes-lever/blob/main/docs/triggers.md#lever-trigger-webhook';

	properties: INodeProperties[] = [
		{
			displayName:
				"In Lever open Settings > Integrations and API > Webhooks. Each event's webhook shows its own signature token: paste the token of every event the trigger listens to. Events you leave empty are refused.",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...WEBHOOK_EVENTS.map(
			(event): INodeProperties => ({
				displayName: `${event.name} Signature Token`,
				name: event.value,
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: `The signature token of the ${event.name} webhook in Lever`,
			}),
		),
	];
}
