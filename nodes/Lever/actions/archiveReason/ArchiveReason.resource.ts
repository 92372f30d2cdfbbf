import type { LeverResource } from '../types';

export const archiveReasonResource: LeverResource = {
	value: 'archiveReason',
	name: 'Archive Reason',
	description: 'Reasons an opportunity can be archived with (hired or not hired)',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get an archive reason',
			description: 'Retrieve one archive reason: its text, type (hired or non-hired) and status',
			method: 'GET',
			path: '/archive_reasons/{archive_reason}',
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many archive reasons',
			description: 'Retrieve many archive reasons of the account, optionally only hired or only non-hired ones',
			method: 'GET',
			path: '/archive_reasons',
			list: 'cursor',
			properties: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'All', value: '' },
						{ name: 'Hired', value: 'hired' },
						{ name: 'Non-Hired', value: 'non-hired' },
					],
					default: '',
					description: 'Which kind of archive reasons to return',
				},
			],
			request(itemIndex) {
				const type = this.getNodeParameter('type', itemIndex, '') as string;
				return { qs: type ? { type } : {} };
			},
		},
	],
};
