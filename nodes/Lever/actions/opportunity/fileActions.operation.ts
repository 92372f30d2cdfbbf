import type { LeverOperation } from '../types';
import { DATE_RANGES, dateRangeFilters, dateRangeQuery } from '../../shared';

/** #13 GET /opportunities/{opportunity}/file_actions: the history of files added to or removed from an opportunity. */
export const getFileActionsOperation: LeverOperation = {
	value: 'getFileActions',
	name: 'Get File Actions',
	action: 'Get file actions of an opportunity',
	description:
		'List the file history of an opportunity: each file added, resume imported or file removed, with who did it and when (occurredAt, ms)',
	method: 'GET',
	path: '/opportunities/{opportunity}/file_actions',
	pathParameters: { opportunity: 'opportunity' },
	list: 'cursor',
	properties: [dateRangeFilters(DATE_RANGES.occurred, 'file actions')],
	request(i) {
		return { qs: dateRangeQuery(this, i, DATE_RANGES.occurred) };
	},
};
