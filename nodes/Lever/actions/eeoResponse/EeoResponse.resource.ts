import type { LeverResource } from '../types';
import { DATE_RANGES, filteredByDateRange } from '../../shared';

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
			...filteredByDateRange(ANONYMOUS_CREATED, 'responses'),
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
			...filteredByDateRange(DATE_RANGES.created, 'responses'),
		},
	],
};
