import type { LeverResource } from '../types';
import { DATE_RANGES, dateRangeFilters, dateRangeQuery } from '../../shared';

/** The anonymous list names its creation range `fromDate` / `toDate` (docs/lever-api.md, where docs and responses differ). */
const ANONYMOUS_CREATED = { ...DATE_RANGES.created, query: ['fromDate', 'toDate'] as [string, string] };

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
			properties: [dateRangeFilters(ANONYMOUS_CREATED, 'responses')],
			request(itemIndex) {
				return { qs: dateRangeQuery(this, itemIndex, ANONYMOUS_CREATED) };
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
			properties: [dateRangeFilters(DATE_RANGES.created, 'responses')],
			request(itemIndex) {
				return { qs: dateRangeQuery(this, itemIndex, DATE_RANGES.created) };
			},
		},
	],
};
