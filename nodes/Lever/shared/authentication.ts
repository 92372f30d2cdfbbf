import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Both credential types, each shown for its Authentication choice (every Lever node uses these two). */
export const leverCredentials: INodeCredentialDescription[] = [
	{ name: 'leverAtsApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
	{ name: 'leverAtsOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'apiKey',
};
