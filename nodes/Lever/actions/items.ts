import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runOperation } from './execute';
import type { LeverOperation } from './types';

/** Items processed at once for reads and repeat-safe writes; the rate limiter still paces the requests. */
const ITEM_CONCURRENCY = 20;

/**
 * Whether this run's items must go one after another, in item order: writes that are not safe to repeat
 * (create a note, an opportunity, an upload...). Then a failure stops the run with nothing written after
 * the failed item, so the error can say exactly which items were written. Reads and repeat-safe writes
 * (add tags, change stage) stay concurrent. The Custom API Call's method is a per-item field.
 */
export function runsInItemOrder(ctx: IExecuteFunctions, operation: LeverOperation, itemCount: number): boolean {
	if (operation.idempotent) return false;
	if (operation.methodParameter) {
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			if (ctx.getNodeParameter(operation.methodParameter, itemIndex, 'GET') !== 'GET') return true;
		}
		return false;
	}
	return operation.method !== 'GET';
}

/** "item 0 was", "items 0 and 1 were", "items 0 to 4 were": n8n numbers items from 0. */
function itemRange(from: number, to: number): string {
	if (from === to) return `item ${from} was`;
	return to === from + 1 ? `items ${from} and ${to} were` : `items ${from} to ${to} were`;
}

/** What a failed in-order run left in Lever, for the error's description. */
export function writtenBefore(failedIndex: number, itemCount: number): string {
	const before =
		failedIndex === 0
			? 'No earlier item was written to Lever'
			: `Before it, ${itemRange(0, failedIndex - 1)} written to Lever (running the same input again writes them again)`;
	const after = failedIndex + 1 < itemCount ? `; ${itemRange(failedIndex + 1, itemCount - 1)} not sent` : '';
	return `Item ${failedIndex} failed. ${before}${after}.`;
}

function asNodeError(ctx: IExecuteFunctions, caught: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	return caught instanceof NodeApiError || caught instanceof NodeOperationError
		? caught
		: new NodeOperationError(ctx.getNode(), caught as Error, { itemIndex });
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const description = (error as NodeApiError).description;
	return {
		json: { error: error.message, ...(description ? { description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs the operation for every input item: in item order for writes that are not safe to repeat,
 * otherwise several at a time. Output keeps the input's order and pairing; with Continue On Fail an
 * item's error stays on that item, else the first failure (by item index) stops the run.
 */
export async function runItems(ctx: IExecuteFunctions, items: INodeExecutionData[], operation: LeverOperation): Promise<INodeExecutionData[]> {
	const inOrder = runsInItemOrder(ctx, operation, items.length);
	const results: INodeExecutionData[][] = new Array(items.length);
	const run: { failure?: { index: number; error: NodeApiError | NodeOperationError } } = {};
	let next = 0;
	const worker = async () => {
		while (!('failure' in run) && next < items.length) {
			const itemIndex = next++;
			try {
				results[itemIndex] = await runOperation(ctx, itemIndex, operation);
			} catch (caught) {
				const error = asNodeError(ctx, caught, itemIndex);
				if (ctx.continueOnFail()) {
					results[itemIndex] = [errorItem(error, itemIndex)];
				} else if (itemIndex < (run.failure?.index ?? Number.POSITIVE_INFINITY)) {
					run.failure = { index: itemIndex, error };
				}
			}
		}
	};
	const workers = inOrder ? 1 : Math.min(ITEM_CONCURRENCY, items.length);
	await Promise.all(Array.from({ length: workers }, async () => await worker()));
	if (run.failure) {
		const { error, index } = run.failure;
		if (inOrder && items.length > 1) {
			error.description = [error.description, writtenBefore(index, items.length)].filter(Boolean).join(' ');
		}
		throw error;
	}
	return results.flat();
}
