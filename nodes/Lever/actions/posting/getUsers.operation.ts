import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LeverOperation } from '../types';

const getUsersFields: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Role',
				value: 'roles',
				description: 'Each role with access, with the posting ID added',
			},
			{
				name: 'One Item per User',
				value: 'users',
				description: 'Each user with access, with the posting ID added',
			},
			{
				name: 'One Item with Everything',
				value: 'raw',
				description: "Lever's answer as is: posting, users and roles",
			},
		],
		default: 'users',
	},
];

/** GET /postings/{posting}/users: Lever answers without the usual `data` wrapper (docs/lever-api.md, Responses and paging). */
export const getUsersOperation: LeverOperation = {
	value: 'getUsers',
	name: 'Get Users',
	action: 'Get the users with access to a posting',
	description: 'Retrieve the users and roles that can see a posting (one item per user by default)',
	method: 'GET',
	path: '/postings/{posting}/users',
	pathParameters: { posting: 'posting' },
	properties: getUsersFields,
	records(response, itemIndex) {
		// Tolerate a `data` wrapper should Lever add one.
		const envelope = (response.data && typeof response.data === 'object' && !Array.isArray(response.data) ? response.data : response) as IDataObject;
		const output = this.getNodeParameter('output', itemIndex, 'users') as string;
		if (output === 'raw') return [envelope];
		const postingId = ((envelope.posting ?? {}) as IDataObject).id ?? null;
		const records = (Array.isArray(envelope[output]) ? envelope[output] : []) as IDataObject[];
		return records.map((record) => ({ ...record, postingId }));
	},
};
