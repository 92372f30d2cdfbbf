import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DateRange } from '../shared';
import { assertEmail, dateRangeNames, invalidParameter, readDateRanges, toMilliseconds } from '../shared';

/** Free-text lists (comma or newline separated) or arrays become a clean string array. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const raw = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return raw.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

export interface QueryConversion {
	/** Date ranges (`createdAfter` / `createdBefore` …), checked and sent under Lever's query names. */
	ranges?: DateRange[];
	/** Other keys holding dates, sent as milliseconds. */
	dates?: string[];
	/** Keys holding lists (multiOptions or comma-separated text), sent as repeated keys. */
	lists?: string[];
	/** Keys holding emails, validated before sending. */
	emails?: string[];
	/** Parameter name → Lever query name, when they differ. */
	rename?: Record<string, string>;
	/** The collection's definition, so errors name a field by its label in the editor. */
	definition?: INodeProperties;
}

/**
 * Turns a Filters / Additional Fields collection into Lever's query (or body) object: empty values
 * dropped, dates to ms, lists to arrays, emails checked. `label` names the collection in errors.
 */
export function convertCollection(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	collection: IDataObject,
	conversion: QueryConversion = {},
): IDataObject {
	const node = ctx.getNode();
	const ranges = conversion.ranges ?? [];
	const inRanges = new Set(dateRangeNames(ranges));
	const labelOf = (key: string) => {
		const option = conversion.definition?.options?.find((candidate) => 'name' in candidate && candidate.name === key);
		return option && 'displayName' in option ? String(option.displayName) : key;
	};
	const result: IDataObject = readDateRanges(ctx, itemIndex, label, collection, ranges);
	for (const [key, value] of Object.entries(collection)) {
		if (inRanges.has(key) || value === undefined || value === null || value === '') continue;
		const target = conversion.rename?.[key] ?? key;
		const field = `${label} > ${labelOf(key)}`;
		if (conversion.dates?.includes(key)) {
			result[target] = toMilliseconds(ctx, itemIndex, field, value);
		} else if (conversion.lists?.includes(key)) {
			const list = toList(value);
			if (list.length) result[target] = list;
		} else if (conversion.emails?.includes(key)) {
			result[target] = assertEmail(node, itemIndex, field, String(value));
		} else {
			result[target] = value as IDataObject[keyof IDataObject];
		}
	}
	return result;
}

/** Reads an optional collection parameter as an object. */
export function getCollection(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter(name, itemIndex, {}) as IDataObject) ?? {};
}

/** Reads a JSON parameter (string or object), naming the field when it is not valid JSON. */
export function parseJsonParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): unknown {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		throw invalidParameter(ctx.getNode(), itemIndex, label, 'is not valid JSON', 'Check quotes and commas, e.g. {"key": "value"}');
	}
}
