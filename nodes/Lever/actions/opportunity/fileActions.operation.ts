import type { LeverOperation } from '../types';
import { DATE_RANGES, filteredByDateRange } from '../../shared';

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
	...filteredByDateRange(DATE_RANGES.occurred, 'file actions'),
};
