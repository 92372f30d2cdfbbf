import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { leverApiRequest } from '../../transport';
import type { LeverOperation } from '../types';

export const getUsersFields: INodeProperties[] = [
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
export async function getUsersExecute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: { path: string; operation: LeverOperation },
): Promise<INodeExecutionData[]> {
	const response = await leverApiRequest.call(this, {
		method: 'GET',
		path: context.path,
		endpoint: context.operation.path,
		itemIndex,
	});
	// Tolerate a `data` wrapper should Lever add one.
	const envelope = (response.data && typeof response.data === 'object' && !Array.isArray(response.data) ? response.data : response) as IDataObject;
	const output = this.getNodeParameter('output', itemIndex, 'users') as string;
	if (output === 'raw') return [{ json: envelope, pairedItem: { item: itemIndex } }];
	const postingId = ((envelope.posting ?? {}) as IDataObject).id ?? null;
	const records = (Array.isArray(envelope[output]) ? envelope[output] : []) as IDataObject[];
	return records.map((record) => ({ json: { ...record, postingId }, pairedItem: { item: itemIndex } }));
}
