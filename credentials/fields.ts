import type { INodeProperties } from 'n8n-workflow';

import { CUSTOM_URL_PATTERN, environmentOptions } from '../nodes/Lever/transport/environments';

/** The UI both Lever credentials (API key and OAuth2) share. */

/** Which Lever the credential talks to; `description` is the hint shown under the field, if any. */
export function environmentField(description?: string): INodeProperties {
	return {
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		options: environmentOptions,
		default: 'production',
		...(description ? { description } : {}),
	};
}

/** A URL field shown only for the Custom environment (the emulator or a proxy), refused unless http(s). */
export function customUrlField(field: {
	displayName: string;
	name: string;
	placeholder: string;
	description?: string;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: '',
		placeholder: field.placeholder,
		...(field.description ? { description: field.description } : {}),
		displayOptions: { show: { environment: ['custom'] } },
		typeOptions: {
			validationRules: [
				{
					type: 'regex',
					properties: { regex: CUSTOM_URL_PATTERN, errorMessage: 'Must start with http:// or https://' },
				},
			],
		},
	};
}

/**
 * Lever's limit applies per key (or OAuth app), so it is set on the credential; every node using the
 * credential in this n8n process shares one token bucket of this size.
 */
export const rateLimitFields: INodeProperties[] = [
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 10,
		description: "Steady request rate n8n keeps to; Lever's default limit is 10 per second",
	},
	{
		displayName: 'Burst',
		name: 'burst',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 20,
		description: 'Requests allowed at once after a quiet spell; Lever allows bursts of 20',
	},
];
