import type { LeverResource } from '../types';

export const stageResource: LeverResource = {
	value: 'stage',
	name: 'Stage',
	description: 'Pipeline stages of the account (built-in ones such as lead-new, and custom ones)',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a stage',
			description: 'Retrieve one pipeline stage (ID and name)',
			method: 'GET',
			path: '/stages/{stage}',
			pathParameters: { stage: 'stage' },
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many stages',
			description: 'Retrieve many pipeline stages of the account, in pipeline order',
			method: 'GET',
			path: '/stages',
			list: 'cursor',
		},
	],
};
