import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadAsBinary } from '../helpers/binary';
import { LOCATORS, isLocatorKind, readId } from '../shared';
import type { LeverRequest, RetrySettings, TransportSettings } from '../transport';
import { encodeId, leverApiList, leverApiRequest, listRecords } from '../transport';
import { PLACEHOLDER, kindOf, pathField, placeholdersOf } from './paths';
import type { LeverOperation, OperationContext, OperationRequest } from './types';

/**
 * The run of one item, as named steps. The standard run (`runStandard`) is: context (path, retry
 * settings) → the row's `request` hook → query (perform_as, expand) → send (one request, a listing or a
 * download) → records → output → afterList. An operation's own `execute` calls the same steps, so what a
 * row declares (performAs, expand, list, output) means the same everywhere.
 */

/** Fills `{placeholders}` from the operation's fields; returns the path and the IDs used. */
export function resolvePath(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation) {
	const ids: Record<string, string> = {};
	for (const placeholder of placeholdersOf(operation.path)) {
		const kind = kindOf(operation, placeholder);
		const field = pathField(placeholder);
		// Errors name the field as the editor shows it: the locator's name, or the plain field's "<Name> ID".
		const label = isLocatorKind(kind) ? LOCATORS[kind].displayName : field.label;
		ids[placeholder] = readId(ctx, itemIndex, field.name, kind, label);
	}
	const path = operation.path.replace(PLACEHOLDER, (_match, placeholder: string) => encodeId(ids[placeholder]));
	return { path, ids };
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The item's Request Options (Max Attempts, Max Retry Time), checked, as transport settings. */
export function readRetrySettings(ctx: IExecuteFunctions, itemIndex: number): TransportSettings {
	const options = (ctx.getNodeParameter('requestOptions', itemIndex, {}) ?? {}) as IDataObject;
	const retry: Partial<RetrySettings> = {};
	if (given(options.maxAttempts)) {
		const attempts = Number(options.maxAttempts);
		if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) {
			throw new NodeOperationError(ctx.getNode(), `Request Options > Max Attempts: ${String(options.maxAttempts)} is not a whole number from 1 to 20`, {
				itemIndex,
				description: 'Set Max Attempts to between 1 and 20 (the first attempt included), or remove the option',
			});
		}
		retry.maxAttempts = attempts;
	}
	if (given(options.maxRetrySeconds)) {
		const seconds = Number(options.maxRetrySeconds);
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw new NodeOperationError(ctx.getNode(), `Request Options > Max Retry Time (Seconds): ${String(options.maxRetrySeconds)} is not a number of 0 or more`, {
				itemIndex,
				description: 'Set Max Retry Time to 0 seconds or more, or remove the option',
			});
		}
		retry.maxTotalMs = seconds * 1000;
	}
	return Object.keys(retry).length ? { retry } : {};
}

/** Path, IDs and retry settings of one item: what every later step needs. */
export function operationContext(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation): OperationContext {
	const { path, ids } = resolvePath(ctx, itemIndex, operation);
	return { path, ids, operation, settings: readRetrySettings(ctx, itemIndex) };
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

/** The Expand values chosen, when the operation offers Expand. */
export function readExpand(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation): string[] {
	if (!operation.expand?.length) return [];
	return (ctx.getNodeParameter('expand', itemIndex, []) as string[]) ?? [];
}

/** Return All / Limit of a list operation: the number of records wanted, undefined for all. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(ctx.getNode(), `Limit: ${limit} is not a whole number of at least 1`, { itemIndex, description: 'Set Limit to 1 or more, or turn on Return All' });
	}
	return limit;
}

/** The query of a row: its own, plus perform_as and expand as the row declares them. */
export function operationQuery(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation, qs: IDataObject = {}): IDataObject {
	const query: IDataObject = { ...qs };
	const performAs = readPerformAs(ctx, itemIndex, operation);
	if (performAs) query.perform_as = performAs;
	const expand = readExpand(ctx, itemIndex, operation);
	if (expand.length) query.expand = expand;
	return query;
}

/** The transport request of a row for one item. */
export function transportRequest(
	itemIndex: number,
	{ operation, path, ids, settings }: OperationContext,
	built: OperationRequest,
	qs: IDataObject,
): LeverRequest {
	return {
		method: operation.method,
		path,
		qs,
		body: built.body,
		multipart: built.multipart,
		rateLimit: built.rateLimit,
		expandAllowed: operation.expand ?? [],
		idempotent: operation.idempotent,
		endpoint: operation.path,
		ids,
		itemIndex,
		settings,
	};
}

/** Records → output items of this item: the row's `output` applied, paired with the input item. */
export function toItems(ctx: IExecuteFunctions, operation: LeverOperation, records: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return records.map((record) => ({
		json: operation.output ? operation.output.call(ctx, record, itemIndex) : record,
		pairedItem: { item: itemIndex },
	}));
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

/**
 * Sends a built request the way the row declares: a download, a listing, or one request. `qs` is the
 * whole query (see operationQuery); by default the request's own plus perform_as and expand.
 */
export async function send(
	ctx: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
	built: OperationRequest,
	qs: IDataObject = operationQuery(ctx, itemIndex, context.operation, built.qs),
): Promise<INodeExecutionData[]> {
	const { operation } = context;
	const request = transportRequest(itemIndex, context, built, qs);
	if (built.download) {
		return await downloadAsBinary(ctx, itemIndex, { ...built.download, path: request.path, qs: request.qs, endpoint: operation.path, settings: context.settings });
	}
	if (operation.list) {
		const limit = readLimit(ctx, itemIndex);
		const records = await leverApiList.call(ctx, request, { limit: built.readLimit ?? limit, paging: operation.list });
		const items = toItems(ctx, operation, records, itemIndex);
		if (!operation.afterList) return items;
		const kept = operation.afterList.call(ctx, items.map((item) => item.json), itemIndex, { limit });
		return kept.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	}
	const envelope = await leverApiRequest.call(ctx, request);
	const records = operation.records ? operation.records.call(ctx, envelope, itemIndex) : recordsOf(envelope, operation, context.ids);
	return toItems(ctx, operation, records, itemIndex);
}

/** What a table row does without custom code: its request hook, then one request, listing or download. */
export async function runStandard(ctx: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<INodeExecutionData[]> {
	const { operation } = context;
	// perform_as and expand are read (and checked) before the row's own fields.
	const declared = operationQuery(ctx, itemIndex, operation);
	const built = operation.request ? await operation.request.call(ctx, itemIndex, context) : {};
	return await send(ctx, itemIndex, context, built, { ...built.qs, ...declared });
}

export async function runOperation(ctx: IExecuteFunctions, itemIndex: number, operation: LeverOperation): Promise<INodeExecutionData[]> {
	const context = operationContext(ctx, itemIndex, operation);
	if (operation.execute) return await operation.execute.call(ctx, itemIndex, context);
	return await runStandard(ctx, itemIndex, context);
}
