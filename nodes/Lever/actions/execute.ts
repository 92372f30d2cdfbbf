import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { encodeId, leverApiList, leverApiRequest, listRecords } from '../transport';
import { LOCATORS, isLocatorKind, readId } from '../shared/locators';
import { PLACEHOLDER, kindOf, pathField, placeholdersOf } from './paths';
import type { LeverOperation } from './types';

/** Fills `{placeholders}` from the operation's fields; returns the path and the ids used. */
export function resolvePath(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation) {
	const ids: Record<string, string> = {};
	for (const placeholder of placeholdersOf(operation.path)) {
		const kind = kindOf(operation, placeholder);
		// Errors name the field as the editor shows it: the locator's name, or the plain field's "<Name> ID".
		const field = pathField(placeholder);
		const label = isLocatorKind(kind) ? LOCATORS[kind].displayName : field.label;
		ids[placeholder] = readId(ctx, itemIndex, field.name, kind, label);
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

export async function runOperation(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation): Promise<INodeExecutionData[]> {
	const { path, ids } = resolvePath(ctx, itemIndex, operation);
	if (operation.execute) return await operation.execute.call(ctx, itemIndex, { path, ids, operation });
	return await runStandard(ctx, itemIndex, operation, { path, ids });
}

/** What a table row does without custom code: one request, or one listing, and its records out. */
export async function runStandard(
	ctx: IExecuteFunctions,
	itemIndex: number,
	operation: LeverOperation,
	{ path, ids }: { path: string; ids: Record<string, string> },
): Promise<INodeExecutionData[]> {
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

/** Lever wraps records in `data` (a few lists come as a bare array); deletes answer 204 with no body. */
export function recordsOf(envelope: IDataObject, operation: LeverOperation, ids: Record<string, string>): IDataObject[] {
	if (Array.isArray(envelope)) return listRecords(envelope);
	if (envelope.data === undefined) {
		if (Object.keys(envelope).length) return [envelope];
		return [{ success: true, ...(operation.method === 'DELETE' ? { deleted: true } : {}), ...ids }];
	}
	if (Array.isArray(envelope.data)) return envelope.data as IDataObject[];
	if (envelope.data && typeof envelope.data === 'object') return [envelope.data as IDataObject];
	return [{ value: envelope.data as string }];
}

