import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { parseJsonParameter } from '../../helpers/parameters';
import { invalidParameter } from '../../shared';
import { leverApiList, leverApiRequest } from '../../transport';
import type { HttpMethod, LeverResource } from '../types';

/** Lever paths: segments of letters, digits and `_ - .`, no scheme, host, `..` or query. */
const PATH_PATTERN = /^\/(?!.*\.\.)[\w\-./]*$/;

export const customApiCallResource: LeverResource = {
	value: 'customApiCall',
	name: 'Custom API Call',
	description: 'Any Lever Data API endpoint, through the same credential, rate limit and retries',
	operations: [
		{
			value: 'request',
			name: 'Make a Request',
			action: 'Make a custom API call',
			description:
				'Call any Lever endpoint by method and path (relative to the credential\'s base URL, e.g. /opportunities), with query and JSON body; optionally follow pagination',
			method: 'GET',
			methodParameter: 'method',
			path: '/',
			properties: [
				{
					displayName: 'Method',
					name: 'method',
					type: 'options',
					options: ['DELETE', 'GET', 'POST', 'PUT'].map((method) => ({ name: method, value: method })),
					default: 'GET',
				},
				{
					displayName: 'Path',
					name: 'path',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. /opportunities',
					description: 'Path under the base URL (which already ends in /v1)',
				},
				{
					displayName: 'Query Parameters (JSON)',
					name: 'query',
					type: 'json',
					default: '{}',
					description: 'Arrays become repeated keys, as Lever expects: {"tag": ["a", "b"]}',
				},
				{
					displayName: 'Body (JSON)',
					name: 'body',
					type: 'json',
					default: '',
					displayOptions: { show: { method: ['POST', 'PUT', 'DELETE'] } },
				},
				{
					displayName: 'Follow Pagination',
					name: 'paginate',
					type: 'boolean',
					default: false,
					displayOptions: { show: { method: ['GET'] } },
					description: 'Whether to read every page of a listing and return one item per record',
				},
			],
			/** Method and path come from the user, not the row, so the call keeps its own execute. */
			async execute(itemIndex, { settings }) {
				const node = this.getNode();
				const method = this.getNodeParameter('method', itemIndex, 'GET') as HttpMethod;
				const path = String(this.getNodeParameter('path', itemIndex, '') ?? '').trim();
				if (!PATH_PATTERN.test(path)) {
					throw invalidParameter(node, itemIndex, 'Path', `"${path}" is not a Lever path`, 'Start with / and give only the path, e.g. /opportunities/<id>/notes');
				}
				const query = parseJsonParameter(this, 'query', itemIndex, 'Query Parameters') ?? {};
				if (typeof query !== 'object' || Array.isArray(query)) {
					throw invalidParameter(node, itemIndex, 'Query Parameters', 'must be a JSON object', 'Use {"name": "value"}');
				}
				const body = method === 'GET' ? undefined : (parseJsonParameter(this, 'body', itemIndex, 'Body') as IDataObject | undefined);
				const request = { method, path, qs: query as IDataObject, body, endpoint: path, itemIndex, settings };
				const toItem = (json: IDataObject): INodeExecutionData => ({ json, pairedItem: { item: itemIndex } });
				if (method === 'GET' && (this.getNodeParameter('paginate', itemIndex, false) as boolean)) {
					return (await leverApiList.call(this, request)).map(toItem);
				}
				return [toItem(await leverApiRequest.call(this, request))];
			},
		},
	],
};
