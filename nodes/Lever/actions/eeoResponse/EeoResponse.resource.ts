import type { LeverResource } from '../types';
import { convertCollection, getCollection } from '../../helpers/parameters';

export const eeoResponseResource: LeverResource = {
	value: 'eeoResponse',
	name: 'EEO Response',
	description: 'Equal employment opportunity survey answers, anonymous or with personal data',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many EEO responses',
			description: 'Retrieve many anonymous EEO survey responses (no names or contact details)',
			method: 'GET',
			path: '/eeo/responses',
			list: 'cursor',
			properties: [
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{
							displayName: 'From Date',
							name: 'fromDate',
							type: 'dateTime',
							default: '',
							description: 'Only responses from this time on',
						},
						{
							displayName: 'To Date',
							name: 'toDate',
							type: 'dateTime',
							default: '',
							description: 'Only responses up to this time',
						},
					],
				},
			],
			request(itemIndex) {
				return {
					qs: convertCollection(this, itemIndex, 'Filters', getCollection(this, 'filters', itemIndex), {
						dates: ['fromDate', 'toDate'],
					}),
				};
			},
		},
		{
			value: 'getManyWithPii',
			name: 'Get Many With Personal Data',
			action: 'Get many EEO responses with personal data',
			description:
				'Retrieve many EEO survey responses with the candidate, posting and hiring manager (needs the PII scope); Lever returns the last 7 days unless dates are given',
			method: 'GET',
			path: '/eeo/responses/pii',
			list: 'cursor',
			expand: ['contact', 'hiringManager', 'posting'],
			properties: [
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{
							displayName: 'Created After',
							name: 'createdAfter',
							type: 'dateTime',
							default: '',
							description: 'Only responses created at or after this time',
						},
						{
							displayName: 'Created Before',
							name: 'createdBefore',
							type: 'dateTime',
							default: '',
							description: 'Only responses created before this time',
						},
					],
				},
			],
			request(itemIndex) {
				return {
					qs: convertCollection(this, itemIndex, 'Filters', getCollection(this, 'filters', itemIndex), {
						dates: ['createdAfter', 'createdBefore'],
						rename: { createdAfter: 'created_at_start', createdBefore: 'created_at_end' },
					}),
				};
			},
		},
	],
};
