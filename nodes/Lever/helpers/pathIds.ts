import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LeverOperation } from '../actions/types';
import { assertLeverId } from './parameters';

/** `{feedback}` → field `feedbackId`, label `Feedback ID` (the names the router gives plain-string path fields). */
function stringPathFields(operation: LeverOperation): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const match of operation.path.matchAll(/\{(\w+)\}/g)) {
		const placeholder = match[1];
		if ((operation.pathParameters?.[placeholder] ?? 'string') !== 'string') continue;
		const name = placeholder.endsWith('Id') ? placeholder : `${placeholder}Id`;
		const words = placeholder.replace(/Id$/, '');
		fields[name] = `${words.charAt(0).toUpperCase()}${words.slice(1)} ID`;
	}
	return fields;
}

/** Checks that plain-string path IDs are Lever UUIDs, naming the field, before any request. */
export function assertPathIds(ctx: IExecuteFunctions, itemIndex: number, fields: Record<string, string>): void {
	for (const [name, label] of Object.entries(fields)) {
		const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
		const value = typeof raw === 'object' && raw !== null ? (raw as IDataObject).value : raw;
		assertLeverId(ctx.getNode(), itemIndex, label, String(value ?? ''));
	}
}

/**
 * The router checks that plain-string path IDs are present; the sub-resource IDs of an opportunity
 * (feedback, file, interview, note, panel, ...) are all UUIDs, so this wraps an operation to also check
 * their format first. Operations without such placeholders are returned unchanged.
 */
export function withIdChecks(operation: LeverOperation): LeverOperation {
	const fields = stringPathFields(operation);
	if (!Object.keys(fields).length) return operation;
	const { execute, request } = operation;
	if (execute) {
		return {
			...operation,
			async execute(itemIndex, context) {
				assertPathIds(this, itemIndex, fields);
				return await execute.call(this, itemIndex, context);
			},
		};
	}
	return {
		...operation,
		async request(itemIndex) {
			assertPathIds(this, itemIndex, fields);
			return request ? await request.call(this, itemIndex) : {};
		},
	};
}

/** `withIdChecks` over a resource's operation list (keeps the list contextually typed). */
export function checkingIds(operations: LeverOperation[]): LeverOperation[] {
	return operations.map(withIdChecks);
}
