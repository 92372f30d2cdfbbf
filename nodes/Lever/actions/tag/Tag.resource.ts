import type { LeverResource } from '../types';

export const tagResource: LeverResource = {
	value: 'tag',
	name: 'Tag',
	description: 'Opportunity tags in use, with how many opportunities carry each',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many tags',
			description: 'Retrieve many tags of the account, each with its text and the number of opportunities that carry it',
			method: 'GET',
			path: '/tags',
			list: 'cursor',
		},
	],
};
