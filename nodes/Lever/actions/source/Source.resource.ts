import type { LeverResource } from '../types';

export const sourceResource: LeverResource = {
	value: 'source',
	name: 'Source',
	description: 'Candidate sources in use, with how many opportunities carry each',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many sources',
			description: 'Retrieve many sources of the account, each with its text and the number of opportunities that carry it',
			method: 'GET',
			path: '/sources',
			list: 'cursor',
		},
	],
};
