import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import type { TransportSettings } from '../transport';
import { leverApiRequest } from '../transport';
import { toList } from './parameters';
import { assertLeverId, invalidParameter, nameOrIdField } from '../shared';

/** A "… Name or ID" dropdown of the account's users (loadOptions `getUsers`). */
export function userOptionField(label: string, name: string): INodeProperties {
	return nameOrIdField({ label, name, loadOptionsMethod: 'getUsers' });
}

/** A required, non-blank string parameter, trimmed. */
export function requiredString(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string, fix?: string): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw invalidParameter(ctx.getNode(), itemIndex, label, 'is required', fix ?? `Enter a value for ${label}`);
	}
	return value;
}

/** Validates an optional user id taken from a dropdown or an expression. */
export function optionalUserId(node: INode, itemIndex: number, label: string, value: unknown): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return assertLeverId(node, itemIndex, label, String(value));
}

/** Throws when an update would send nothing. */
export function assertSomething(node: INode, itemIndex: number, label: string, body: IDataObject): void {
	if (Object.keys(body).length === 0) {
		throw invalidParameter(node, itemIndex, label, 'nothing to change', `Add at least one field under ${label}`);
	}
}

/**
 * Lever wants money ranges (posting salary, requisition compensation band) complete or absent: returns
 * `{min, max, currency, interval}`, undefined when no part is given, and throws when only some are.
 * The four fields are `<key>Min`, `<key>Max`, `<key>Currency` and `<key>Interval` of `fields`, shown as
 * `<prefix> Minimum`, `<prefix> Maximum`, …; `label` names the range in errors.
 */
export function moneyRange(
	node: INode,
	itemIndex: number,
	label: string,
	range: { prefix: string; key: string },
	fields: IDataObject,
): IDataObject | undefined {
	const labels = {
		label,
		min: `${range.prefix} Minimum`,
		max: `${range.prefix} Maximum`,
		currency: `${range.prefix} Currency`,
		interval: `${range.prefix} Interval`,
	};
	const parts = {
		min: fields[`${range.key}Min`],
		max: fields[`${range.key}Max`],
		currency: fields[`${range.key}Currency`],
		interval: fields[`${range.key}Interval`],
	};
	const present = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';
	const given = (['min', 'max', 'currency', 'interval'] as const).filter((key) => present(parts[key]));
	if (given.length === 0) return undefined;
	if (given.length < 4) {
		const missing = (['min', 'max', 'currency', 'interval'] as const).filter((key) => !present(parts[key])).map((key) => labels[key]);
		throw invalidParameter(
			node,
			itemIndex,
			labels.label,
			`is partly filled (missing ${missing.join(', ')})`,
			`Lever needs all four of ${labels.min}, ${labels.max}, ${labels.currency} and ${labels.interval}, or none of them`,
		);
	}
	const min = Number(parts.min);
	const max = Number(parts.max);
	if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) {
		throw invalidParameter(
			node,
			itemIndex,
			labels.label,
			`${String(parts.min)}–${String(parts.max)} is not a valid range`,
			`${labels.min} and ${labels.max} must be numbers with ${labels.min} ≤ ${labels.max}`,
		);
	}
	const currency = String(parts.currency).trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency)) {
		throw invalidParameter(node, itemIndex, labels.currency, `"${String(parts.currency)}" is not a currency code`, 'Use an ISO 4217 code such as USD, EUR or GBP');
	}
	return { min, max, currency, interval: String(parts.interval).trim() };
}

/** Parses a JSON field's value (a string, or already an object), naming the field when it is not JSON. */
export function parseJsonValue(node: INode, itemIndex: number, label: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		throw invalidParameter(node, itemIndex, label, 'is not valid JSON', 'Check quotes, commas and brackets, e.g. [{"text": "value"}]');
	}
}

/** A JSON value that must be an array of objects (e.g. template fields). */
export function jsonArray(
	node: INode,
	itemIndex: number,
	label: string,
	raw: unknown,
	options: { required?: boolean; example: string },
): IDataObject[] | undefined {
	const value = parseJsonValue(node, itemIndex, label, raw);
	if (value === undefined || value === null) {
		if (options.required) {
			throw invalidParameter(node, itemIndex, label, 'is required', `Enter a JSON array such as ${options.example}`);
		}
		return undefined;
	}
	if (!Array.isArray(value) || value.some((entry) => !entry || typeof entry !== 'object' || Array.isArray(entry))) {
		throw invalidParameter(node, itemIndex, label, 'must be a JSON array of objects', `For example ${options.example}`);
	}
	if (value.length === 0) {
		if (options.required) {
			throw invalidParameter(node, itemIndex, label, 'is empty', `Enter at least one entry, e.g. ${options.example}`);
		}
		return undefined;
	}
	return value as IDataObject[];
}

/** A JSON value that must be an object (e.g. requisition custom fields); undefined when empty. */
export function jsonObject(node: INode, itemIndex: number, label: string, raw: unknown, example: string): IDataObject | undefined {
	const value = parseJsonValue(node, itemIndex, label, raw);
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw invalidParameter(node, itemIndex, label, 'must be a JSON object', `For example ${example}`);
	}
	return Object.keys(value).length ? (value as IDataObject) : undefined;
}

/** Picks the non-empty entries of `source` listed in `keys` (renaming where asked). */
export function pick(source: IDataObject, keys: string[], rename: Record<string, string> = {}): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) {
		const value = source[key];
		if (value === undefined || value === null || value === '') continue;
		result[rename[key] ?? key] = typeof value === 'string' ? value.trim() : value;
	}
	return result;
}

/** A free-text list field's values, or undefined when empty. */
export function listOrUndefined(value: unknown): string[] | undefined {
	const list = toList(value);
	return list.length ? list : undefined;
}

/** The id of a possibly expanded reference (`"id"` or `{id, name, …}`). */
export function refId(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value)) return (value as IDataObject).id ?? null;
	return value ?? null;
}

/** A template field as Lever returned it, reduced to what its create/update body takes. */
function writableTemplateField(field: IDataObject): IDataObject {
	const writable: IDataObject = { type: field.type, text: field.text };
	if (field.description) writable.description = field.description;
	if (field.required !== undefined) writable.required = field.required;
	if (field.prompt) writable.prompt = field.prompt;
	if (field.currency) writable.currency = field.currency;
	// A score-system's scale is Lever's own; a dropdown's, choice's or scorecard's comes from the body.
	if (Array.isArray(field.options) && field.type !== 'score-system') {
		writable.options = (field.options as IDataObject[]).map((option) => ({ text: option.text }));
	}
	if (Array.isArray(field.scores)) {
		writable.scores = (field.scores as IDataObject[]).map((score) => ({ text: score.text, ...(score.description ? { description: score.description } : {}) }));
	}
	return writable;
}

/**
 * The body of a template Update. Lever's PUT replaces the whole template, so when Fields (JSON) is left
 * empty the template is read first and its questions (and the settings not given here) are sent back:
 * renaming a template then needs only the new name.
 */
export async function templateUpdateBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	given: { text: string; fields?: IDataObject[]; settings: IDataObject },
	settingKeys: string[],
	transport?: TransportSettings,
): Promise<IDataObject> {
	if (given.fields) return { text: given.text, fields: given.fields, ...given.settings };
	const envelope = await leverApiRequest.call(ctx, { method: 'GET', path, endpoint: path, itemIndex, settings: transport });
	const current = (envelope.data ?? {}) as IDataObject;
	const kept: IDataObject = {};
	for (const key of settingKeys) {
		const value = key === 'group' ? (current.group as IDataObject | null | undefined)?.id : current[key];
		if (value !== undefined && value !== null && value !== '') kept[key] = value;
	}
	const fields = ((current.fields ?? []) as IDataObject[]).map(writableTemplateField);
	return { text: given.text, fields, ...kept, ...given.settings };
}
