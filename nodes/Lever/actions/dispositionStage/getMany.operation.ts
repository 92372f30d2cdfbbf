import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LeverOperation } from '../types';

const dispositionOutputField: INodeProperties = {
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
export const getManyDispositionStagesOperation: LeverOperation = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many disposition stages',
	description:
		'Retrieve many stages with their pipeline (lead, applicant, screen, onsite, offer) and rank, together with the archive reasons; one item per stage by default',
	method: 'GET',
	path: '/disposition_stages',
	properties: [dispositionOutputField],
	records(envelope, itemIndex) {
		const data = (envelope.data && typeof envelope.data === 'object' ? envelope.data : envelope) as IDataObject;
		const output = this.getNodeParameter('output', itemIndex, 'stages') as string;
		if (output === 'raw') return [data];
		return (Array.isArray(data[output]) ? data[output] : []) as IDataObject[];
	},
};
