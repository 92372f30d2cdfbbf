import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { encodeId, leverApiList, leverApiRequest } from '../transport';
import { LOCATORS, expandField, limitField, locatorField, performAsField, returnAllField } from './common.descriptions';
import { RESOURCES } from './resources';
import type { LeverOperation, LeverResource, PathParameterKind } from './types';

/** Items processed at once; the shared rate limiter still paces the requests themselves. */
const ITEM_CONCURRENCY = 20;

const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholdersOf(path: string): string[] {
	return [...path.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** `opportunity` → `opportunityId`, `archive_reason` → `archiveReasonId`, `noteId` stays. */
export function pathFieldName(placeholder: string): string {
	const camel = placeholder.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
	return camel.endsWith('Id') ? camel : `${camel}Id`;
}

function pathFieldLabel(placeholder: string): string {
	const words = placeholder.replace(/Id$/, '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
	return `${words.charAt(0).toUpperCase()}${words.slice(1)} ID`;
}

function kindOf(operation: LeverOperation, placeholder: string): PathParameterKind {
	return operation.pathParameters?.[placeholder] ?? 'string';
}

function pathField(operation: LeverOperation, placeholder: string): INodeProperties {
	const kind = kindOf(operation, placeholder);
	const name = pathFieldName(placeholder);
	if (kind !== 'string') return locatorField(kind, { name });
	return {
		displayName: pathFieldLabel(placeholder),
		name,
		type: 'string',
		default: '',
		required: true,
		description: `ID of the ${pathFieldLabel(placeholder).replace(/ ID$/, '').toLowerCase()} in Lever`,
	};
}

function scoped(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** The operation's fields: generated ones from the table row, then its own. */
export function operationProperties(resource: LeverResource, operation: LeverOperation): INodeProperties[] {
	const generated: INodeProperties[] = placeholdersOf(operation.path).map((placeholder) => pathField(operation, placeholder));
	if (operation.performAs) generated.push(performAsField(operation.performAs === 'required'));
	if (operation.list) generated.push(returnAllField, limitField);
	if (operation.expand?.length) generated.push(expandField(operation.expand));
	return [...generated, ...(operation.properties ?? [])].map((property) => scoped(property, resource.value, operation.value));
}

/** The node's whole parameter list: authentication, resource, then per resource its operations and fields. */
export function buildProperties(resources: LeverResource[] = RESOURCES): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'API Key', value: 'apiKey' },
				{ name: 'OAuth2', value: 'oAuth2' },
			],
			default: 'apiKey',
		},
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((resource) => ({ name: resource.name, value: resource.value, description: resource.description })),
			default: resources.find((resource) => resource.value === 'opportunity')?.value ?? resources[0]?.value ?? '',
		},
	];
	for (const resource of resources) {
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
			})),
			default: (operations.find((operation) => operation.value === 'get') ?? operations[0]).value,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) properties.push(...operationProperties(resource, operation));
	}
	return properties;
}

export function findOperation(resourceValue: string, operationValue: string, resources: LeverResource[] = RESOURCES) {
	const resource = resources.find((candidate) => candidate.value === resourceValue);
	return resource?.operations.find((candidate) => candidate.value === operationValue);
}

/** Reads a resource-locator or string parameter and checks it looks like an id of its kind. */
export function readId(ctx: IExecuteFunctions, itemIndex: number, name: string, kind: PathParameterKind, label: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String((raw as IDataObject)?.value ?? raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Choose a ${label.toLowerCase()} from the list, or enter its Lever ID`,
		});
	}
	if (kind !== 'string' && !new RegExp(LOCATORS[kind].idPattern).test(value)) {
		throw new NodeOperationError(ctx.getNode(), `${label}: "${value}" is not a valid Lever ID`, {
			itemIndex,
			description: `Use the ID from Lever (${LOCATORS[kind].idPlaceholder.replace('e.g. ', 'for example ')}), pick one from the list, or paste a Lever URL`,
		});
	}
	return value;
}

/** Fills `{placeholders}` from the operation's fields; returns the path and the ids used. */
export function resolvePath(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation) {
	const ids: Record<string, string> = {};
	for (const placeholder of placeholdersOf(operation.path)) {
		ids[placeholder] = readId(ctx, itemIndex, pathFieldName(placeholder), kindOf(operation, placeholder), pathFieldLabel(placeholder).replace(/ ID$/, ''));
	}
	const path = operation.path.replace(PLACEHOLDER, (_match, placeholder: string) => encodeId(ids[placeholder]));
	return { path, ids };
}

/** `perform_as` when the operation takes it; required ones fail before any request when empty. */
export function readPerformAs(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation): string | undefined {
	if (!operation.performAs) return undefined;
	const raw = ctx.getNodeParameter('performAs', itemIndex, '', { extractValue: true }) as unknown;
	const value = String((raw as IDataObject)?.value ?? raw ?? '').trim();
	if (!value) {
		if (operation.performAs === 'required') {
			throw new NodeOperationError(ctx.getNode(), 'Perform As is required for this operation', {
				itemIndex,
				description: 'Lever needs to know which user makes this change: pick a user in "Perform As"',
			});
		}
		return undefined;
	}
	return readId(ctx, itemIndex, 'performAs', 'user', 'Perform As');
}

function toItems(ctx: IExecuteFunctions, operation: LeverOperation, records: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return records.map((record) => ({
		json: operation.output ? operation.output.call(ctx, record, itemIndex) : record,
		pairedItem: { item: itemIndex },
	}));
}

/** The default behaviour of a table row: one request (or one listing), records out. */
async function runOperation(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation): Promise<INodeExecutionData[]> {
	const { path, ids } = resolvePath(ctx, itemIndex, operation);
	if (operation.execute) return await operation.execute.call(ctx, itemIndex, { path, operation });
	const performAs = readPerformAs(ctx, itemIndex, operation);
	const built = operation.request ? await operation.request.call(ctx, itemIndex) : {};
	const qs: IDataObject = { ...built.qs };
	if (performAs) qs.perform_as = performAs;
	if (operation.expand?.length) {
		const expand = ctx.getNodeParameter('expand', itemIndex, []) as string[];
		if (expand.length) qs.expand = expand;
	}
	const request = {
		method: operation.method,
		path,
		qs,
		body: built.body,
		expandAllowed: operation.expand ?? [],
		idempotent: operation.idempotent,
		endpoint: operation.path,
		ids,
		itemIndex,
	};
	if (operation.list) {
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
			throw new NodeOperationError(ctx.getNode(), `Limit: ${limit} is not a whole number of at least 1`, { itemIndex, description: 'Set Limit to 1 or more, or turn on Return All' });
		}
		const records = await leverApiList.call(ctx, request, { limit, paging: operation.list });
		return toItems(ctx, operation, records, itemIndex);
	}
	const envelope = await leverApiRequest.call(ctx, request);
	return toItems(ctx, operation, recordsOf(envelope, operation, ids), itemIndex);
}

/** Lever wraps records in `data`; deletes answer 204 with no body. */
export function recordsOf(envelope: IDataObject, operation: LeverOperation, ids: Record<string, string>): IDataObject[] {
	if (envelope.data === undefined) {
		if (Object.keys(envelope).length) return [envelope];
		return [{ success: true, ...(operation.method === 'DELETE' ? { deleted: true } : {}), ...ids }];
	}
	if (Array.isArray(envelope.data)) return envelope.data as IDataObject[];
	if (envelope.data && typeof envelope.data === 'object') return [envelope.data as IDataObject];
	return [{ value: envelope.data as string }];
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const description = (error as NodeApiError).description;
	return {
		json: { error: error.message, ...(description ? { description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs the chosen operation for every input item, several items at a time. Output keeps the input's
 * order and pairing; with Continue On Fail an item's error stays on that item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceValue = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resourceValue, operationValue);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationValue}" of resource "${resourceValue}" is not supported`);
	}
	const results: INodeExecutionData[][] = new Array(items.length);
	const run: { failure?: { index: number; error: Error } } = {};
	let next = 0;
	const worker = async () => {
		while (!('failure' in run) && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await runOperation(this, itemIndex, operation);
			} catch (caught) {
				const error =
					caught instanceof NodeApiError || caught instanceof NodeOperationError
						? caught
						: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
				if (this.continueOnFail()) {
					results[itemIndex] = [errorItem(error, itemIndex)];
				} else if (itemIndex < (run.failure?.index ?? Number.POSITIVE_INFINITY)) {
					run.failure = { index: itemIndex, error };
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(ITEM_CONCURRENCY, items.length) }, async () => await worker()));
	if (run.failure) throw run.failure.error;
	return [results.flat()];
}
