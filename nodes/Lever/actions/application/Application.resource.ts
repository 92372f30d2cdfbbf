import type { LeverResource } from '../types';
import { DATE_RANGES, filteredByDateRange } from '../../shared';

const APPLICATION_EXPAND = ['posting', 'postingOwner', 'postingHiringManager', 'user'];

/** #14–#16: an opportunity's application (Lever keeps at most one per opportunity) and deleted applications. */
export const applicationResource: LeverResource = {
	value: 'application',
	name: 'Application',
	description: 'The application of a candidate to a posting (read only; apply through Posting → Apply)',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get an application',
			description: 'Retrieve one application of an opportunity by its ID (posting, referrer, custom question answers)',
			method: 'GET',
			path: '/opportunities/{opportunity}/applications/{application}',
			pathParameters: { opportunity: 'opportunity' },
			expand: APPLICATION_EXPAND,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many applications',
			description: 'List the applications of an opportunity (Lever keeps at most one per opportunity)',
			method: 'GET',
			path: '/opportunities/{opportunity}/applications',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: APPLICATION_EXPAND,
		},
		{
			value: 'getDeleted',
			name: 'Get Many Deleted',
			action: 'Get many deleted applications',
			description:
				'List applications deleted across the account, each with its ID, opportunityId, postingId and deletedAt (ms); filter by deletion date',
			method: 'GET',
			path: '/applications/deleted',
			list: 'cursor',
			...filteredByDateRange(DATE_RANGES.deleted, 'applications'),
		},
	],
};
