import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	CUSTOM_URL_PATTERN,
	environmentCode,
	environmentExpression,
	environmentOptions,
} from '../nodes/Lever/transport/environments';
import { rateLimitFields } from './rateLimitFields';
import { DEFAULT_SCOPES, LEVER_SCOPES } from './scopes';

const customOnly = { show: { environment: ['custom'] } };
const urlRule = {
	type: 'regex' as const,
	properties: { regex: CUSTOM_URL_PATTERN, errorMessage: 'Must start with http:// or https://' },
};

/**
 * Lever OAuth 2.0 (authorization code) for registered partner apps. n8n runs the flow and refreshes the
 * token; Lever rotates the refresh token on each refresh and n8n stores the new one.
 */
export class LeverAtsOAuth2Api implements ICredentialType {
	name = 'leverAtsOAuth2Api';

	displayName = 'Lever ATS OAuth2 API';

	extends = ['oAuth2Api'];

	icon = { light: 'file:../icons/lever.svg', dark: 'file:../icons/lever.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-lever/n8n-nodes-lever#oauth2-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: environmentOptions,
			default: 'production',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010/v1',
			displayOptions: customOnly,
			typeOptions: { validationRules: [urlRule] },
		},
		{
			displayName: 'Custom Authorization URL',
			name: 'customAuthUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010/oauth/authorize',
			displayOptions: customOnly,
			typeOptions: { validationRules: [urlRule] },
		},
		{
			displayName: 'Custom Access Token URL',
			name: 'customTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010/oauth/token',
			displayOptions: customOnly,
			typeOptions: { validationRules: [urlRule] },
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: LEVER_SCOPES.map(({ scope, grants }) => ({ name: scope, value: scope, description: grants })),
			default: DEFAULT_SCOPES,
			description:
				'What n8n may do in Lever. Keep offline_access so the connection survives the one-hour token lifetime.',
		},
		...rateLimitFields,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: environmentExpression('authUrl', 'customAuthUrl', '$self'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: environmentExpression('tokenUrl', 'customTokenUrl', '$self'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '={{ ($self.scopes || []).join(" ") }}',
		},
		{
			// Lever's auth server needs the API as audience, with a trailing slash.
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: `=audience={{ encodeURIComponent(${environmentCode('apiBaseUrl', 'customBaseUrl', '$self')} + "/") }}`,
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
