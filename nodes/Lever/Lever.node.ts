import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from './actions/description';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';
import * as resourceMapping from './methods/resourceMapping';
import { leverCredentials } from './shared';

export class Lever implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever',
		name: 'lever',
		icon: { light: 'file:../../icons/lever.svg', dark: 'file:../../icons/lever.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and change candidates (opportunities), postings, users, offers, interviews and the rest of the Lever ATS',
		defaults: { name: 'Lever' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: leverCredentials,
		properties: buildProperties(),
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
