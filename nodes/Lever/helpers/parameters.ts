import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { assertEmail, invalidParameter } from '../shared/rules';

/** Lever wants integer milliseconds; n8n date-time fields give ISO strings (or DateTime objects). */
export function toMilliseconds(node: INode, itemIndex: number, field: string, value: unknown): number {
	if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
	const asString = typeof value === 'string' ? value.trim() : String((value as { toISO?: () => string })?.toISO?.() ?? value);
	if (/^\d{10,14}$/.test(asString)) return Number(asString);
	const parsed = Date.parse(asString);
	if (asString === '' || Number.isNaN(parsed)) {
		throw invalidParameter(
			node,
			itemIndex,
			field,
			`"${String(value)}" is not a date`,
			'Use an ISO 8601 date such as 2026-01-31T09:00:00Z, or milliseconds since 1970',
		);
	}
	return parsed;
}

/** Free-text lists (comma or newline separated) or arrays become a clean string array. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const raw = Array.isArray(value) ? value : String(value).split(/[,\n]/);
	return raw.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

export interface QueryConversion {
	/** Keys holding dates, sent as milliseconds. */
	dates?: string[];
	/** Keys holding lists (multiOptions or comma-separated text), sent as repeated keys. */
	lists?: string[];
	/** Keys holding emails, validated before sending. */
	emails?: string[];
	/** Parameter name → Lever query name, when they differ. */
	rename?: Record<string, string>;
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
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(collection)) {
		if (value === undefined || value === null || value === '') continue;
		const target = conversion.rename?.[key] ?? key;
		const field = `${label} > ${key}`;
		if (conversion.dates?.includes(key)) {
			result[target] = toMilliseconds(node, itemIndex, field, value);
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
