import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { environmentCode, environmentExpression } from '../nodes/Lever/transport/environments';
import { customUrlField, environmentField, rateLimitFields } from './fields';
import { LEVER_SCOPES, MAX_SCOPES, SCOPE_PRESETS } from './scopes';

const presetScopes = JSON.stringify(Object.fromEntries(Object.entries(SCOPE_PRESETS).map(([key, preset]) => [key, preset.scopes])));

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
		environmentField(),
		customUrlField({ displayName: 'Custom Base URL', name: 'customBaseUrl', placeholder: 'e.g. http://127.0.0.1:4010/v1' }),
		customUrlField({
			displayName: 'Custom Authorization URL',
			name: 'customAuthUrl',
			placeholder: 'e.g. http://127.0.0.1:4010/oauth/authorize',
		}),
		customUrlField({
			displayName: 'Custom Access Token URL',
			name: 'customTokenUrl',
			placeholder: 'e.g. http://127.0.0.1:4010/oauth/token',
		}),
		{
			displayName: 'Scopes',
			name: 'scopePreset',
			type: 'options',
			options: [
				...Object.entries(SCOPE_PRESETS).map(([value, preset]) => ({
					name: preset.name,
					value,
					description: `${preset.description}: ${preset.scopes.join(', ')}`,
				})),
				{ name: 'Custom', value: 'custom', description: `Pick the scopes yourself, at most ${MAX_SCOPES}` },
			],
			default: 'readOnly',
			description: `Must match the scopes registered for your Lever app (at most ${MAX_SCOPES}): Lever refuses a request for scopes the app was not registered with. Every set includes offline_access, so n8n can refresh the one-hour token.`,
		},
		{
			displayName: 'Custom Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: LEVER_SCOPES.map(({ scope, grants }) => ({ name: scope, value: scope, description: grants })),
			default: SCOPE_PRESETS.readOnly.scopes,
			displayOptions: { show: { scopePreset: ['custom'] } },
			description: `At most ${MAX_SCOPES}, exactly those registered for your Lever app. Keep offline_access so the connection survives the one-hour token lifetime.`,
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.lever.co/v1/',
			description:
				"Advanced: leave empty for the audience Lever documents (https://api.lever.co/v1/ for Production and EU, https://api.sandbox.lever.co/v1/ for Sandbox, the Custom Base URL plus / for Custom). Change it only if Lever's support gives you another value.",
		},
		{
			displayName:
				"Lever's refresh tokens expire after one year, or after 90 days without use. A workflow then fails with \"reconnect the credential\": open this credential and click Reconnect.",
			name: 'refreshNotice',
			type: 'notice',
			default: '',
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
			default: `={{ ((${presetScopes})[$self.scopePreset] || $self.scopes || []).join(" ") }}`,
		},
		{
			// Lever's auth server needs the API as audience, with a trailing slash; Custom (the emulator or a
			// proxy) uses its own base URL.
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: `=audience={{ encodeURIComponent(String($self.audience || "").trim() || ($self.environment === "custom" ? ${environmentCode('apiBaseUrl', 'customBaseUrl', '$self')} + "/" : ${environmentCode('audience', 'customBaseUrl', '$self')})) }}`,
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
