import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { leverApiRequest } from '../../transport';
import type { LeverOperation } from '../types';

export const dispositionOutputField: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'One Item per Archive Reason',
			value: 'archiveReasons',
			description: 'Each archive reason with its type and status',
		},
		{
			name: 'One Item per Stage',
			value: 'stages',
			description: 'Each stage with its pipeline, rank and whether it has interviews',
		},
		{
			name: 'One Item with Everything',
			value: 'raw',
			description: "Lever's answer as is: stages and archive reasons together",
		},
	],
	default: 'stages',
};

/** GET /disposition_stages answers one object `{stages, archiveReasons}` (docs/lever-api.md, Responses and paging): split it into items. */
export async function dispositionStagesExecute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: { path: string; operation: LeverOperation },
): Promise<INodeExecutionData[]> {
	const envelope = await leverApiRequest.call(this, {
		method: 'GET',
		path: context.path,
		endpoint: context.operation.path,
		itemIndex,
	});
	const data = (envelope.data && typeof envelope.data === 'object' ? envelope.data : envelope) as IDataObject;
	const output = this.getNodeParameter('output', itemIndex, 'stages') as string;
	if (output === 'raw') return [{ json: data, pairedItem: { item: itemIndex } }];
	const records = (Array.isArray(data[output]) ? data[output] : []) as IDataObject[];
	return records.map((record) => ({ json: record, pairedItem: { item: itemIndex } }));
}
