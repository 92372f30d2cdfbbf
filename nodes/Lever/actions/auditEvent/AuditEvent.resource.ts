import type { LeverResource } from '../types';
import { convertCollection, getCollection } from '../../helpers/parameters';
import { DATE_RANGES, dateRangeFields, invalidParameter, optionalFields } from '../../shared';

const EVENT_TYPES = [
	'account.authentication:changed',
	'account.plan:changed',
	'account.suites:changed',
	'account:added',
	'account:deactivated',
	'account:reactivated',
	'export:downloaded',
	'key:added',
	'key:removed',
	'user.authentication:failed',
	'user.authentication:succeeded',
	'user.email:changed',
	'user.linkedProfile:changed',
	'user.password:changed',
	'user.password:forgot',
	'user.permission:changed',
	'user.role:changed',
	'user:added',
	'user:deactivated',
	'user:merged',
	'user:reactivated',
	'user:removed',
];

export const auditEventResource: LeverResource = {
	value: 'auditEvent',
	name: 'Audit Event',
	description: 'Security and administration events of the account (a paid Lever add-on)',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many audit events',
			description:
				'Retrieve many audit events, newest first, filtered by type, user, target or time (needs the Lever audit add-on)',
			method: 'GET',
			path: '/audit_events',
			list: 'cursor',
			properties: [
				optionalFields('filters', [
					...dateRangeFields(DATE_RANGES.created, 'events'),
					{
						displayName: 'Target ID',
						name: 'targetId',
						type: 'string',
						default: '',
						description: 'Only events about this object; needs Target Type',
					},
					{
						displayName: 'Target Type',
						name: 'targetType',
						type: 'string',
						default: '',
						placeholder: 'e.g. user',
						description: 'Only events about this kind of object (the part of the event type before the colon, e.g. user or account)',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [...EVENT_TYPES].sort((a, b) => a.localeCompare(b)).map((type) => ({ name: type, value: type })),
						default: 'user:added',
						description: 'Only events of this type',
					},
					{
						displayName: 'User ID',
						name: 'userId',
						type: 'string',
						default: '',
						description: 'Only events by this user; enter null for events without a user, such as failed logins',
					},
				]),
			],
			request(itemIndex) {
				const qs = convertCollection(this, itemIndex, 'Filters', getCollection(this, 'filters', itemIndex), {
					ranges: [DATE_RANGES.created],
					rename: {
						targetId: 'target_id',
						targetType: 'target_type',
						userId: 'user_id',
					},
				});
				if (qs.target_id !== undefined && qs.target_type === undefined) {
					throw invalidParameter(
						this.getNode(),
						itemIndex,
						'Filters > Target ID',
						'needs Target Type',
						'Add the Target Type filter too (e.g. user), as Lever requires',
					);
				}
				return { qs };
			},
		},
	],
};
