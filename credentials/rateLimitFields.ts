import type { INodeProperties } from 'n8n-workflow';

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
