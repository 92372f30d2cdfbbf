import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { environmentExpression } from '../nodes/Lever/transport/environments';
import { customUrlField, environmentField, rateLimitFields } from './fields';

/** Lever API key: HTTP Basic with the key as user name and an empty password. */
export class LeverAtsApi implements ICredentialType {
	name = 'leverAtsApi';

	displayName = 'Lever ATS API';

	icon = { light: 'file:../icons/lever.svg', dark: 'file:../icons/lever.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-lever/n8n-nodes-lever#api-key-credential';

	properties: INodeProperties[] = [
		environmentField('Which Lever the key belongs to. A sandbox key only works against the sandbox.'),
		customUrlField({
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			placeholder: 'e.g. http://127.0.0.1:4010/v1',
			description: 'Base URL of the Data API, including /v1 (the local emulator or a proxy)',
		}),
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created by a Super Admin in Lever under Settings > Integrations and API > API Credentials',
		},
		...rateLimitFields,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.apiKey}}',
				password: '',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: environmentExpression('apiBaseUrl', 'customBaseUrl'),
			url: '/users',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Lever rejected the key: it is wrong, revoked, or belongs to another environment (Production, Sandbox or EU)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Key valid, but it lacks the "list users" permission, which this test reads (GET /users). In Lever, a Super Admin edits the key under Settings > Integrations and API > API Credentials and ticks list users; workflows that do not read users work without it.',
				},
			},
		],
	};
}
