import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The checks every node runs on what a user typed, before any request. Each error names the field as
 * the editor shows it and says how to fix the value.
 */

/** A bad parameter: names the field and the fix, thrown before any request is sent. */
export function invalidParameter(node: INode, itemIndex: number, field: string, problem: string, fix: string) {
	return new NodeOperationError(node, `${field}: ${problem}`, { itemIndex, description: fix });
}

/** Lever IDs are UUIDs. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** The same UUID as a capture group, for pulling an ID out of a Lever URL. */
export const UUID_CAPTURE = `(${UUID_PATTERN.slice(1, -1)})`;
/** Built-in stages (and disposition stages) use slugs such as `lead-new` instead of a UUID. */
const SLUG = '[a-z][a-z0-9-]{1,62}';
/** A stage ID (unanchored, for building larger patterns): a UUID or a built-in slug. */
export const STAGE_ID_PATTERN = `(${UUID_PATTERN.slice(1, -1)})|(${SLUG})`;

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

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

const ID = new RegExp(UUID_PATTERN);
const STAGE_ID = new RegExp(`^(${STAGE_ID_PATTERN})$`);

/** Path IDs that are not resource locators, and how each is checked. */
export type PlainIdKind = 'uuid' | 'uuidOrSlug' | 'fieldKey';

export const PLAIN_ID_RULES: Record<PlainIdKind, { pattern: RegExp; fix: string }> = {
	uuid: { pattern: ID, fix: 'Lever IDs look like 250d8f03-738a-4bba-a671-8a3d73477145' },
	uuidOrSlug: {
		pattern: STAGE_ID,
		fix: 'Use the ID from Lever, e.g. 250d8f03-738a-4bba-a671-8a3d73477145 (built-in ones are slugs such as no-feedback)',
	},
	fieldKey: {
		pattern: /^[a-z0-9]+(_[a-z0-9]+)*$/,
		fix: 'Requisition field IDs are snake_case keys of at most 50 characters, e.g. cost_center',
	},
};

export function assertLeverId(node: INode, itemIndex: number, field: string, value: string): string {
	const id = String(value ?? '').trim();
	if (!id) {
		throw invalidParameter(node, itemIndex, field, 'is empty', `Choose a ${field.toLowerCase()} from the list or enter its Lever ID`);
	}
	if (!ID.test(id)) {
		throw invalidParameter(node, itemIndex, field, `"${id}" is not a Lever ID`, PLAIN_ID_RULES.uuid.fix);
	}
	return id;
}

/** A stage ID: a UUID, or the slug of a built-in stage such as lead-new. */
export function assertStageId(node: INode, itemIndex: number, field: string, value: string): string {
	const id = String(value ?? '').trim();
	if (!STAGE_ID.test(id)) {
		throw invalidParameter(node, itemIndex, field, `"${id}" is not a Lever stage ID`, 'Choose a stage from the list, or enter its ID (a UUID, or a built-in slug such as lead-new)');
	}
	return id;
}

export function assertEmail(node: INode, itemIndex: number, field: string, value: string): string {
	const email = value.trim();
	if (!EMAIL_PATTERN.test(email)) {
		throw invalidParameter(node, itemIndex, field, `"${value}" is not an email address`, 'Enter an address such as jane@example.com');
	}
	return email;
}

/** An http(s) URL, named in the error when it is not one. */
export function assertUrl(node: INode, itemIndex: number, field: string, value: string): string {
	const url = String(value ?? '').trim();
	if (!URL_PATTERN.test(url)) {
		throw invalidParameter(node, itemIndex, field, `"${value}" is not a URL`, 'Enter a full address starting with http:// or https://, e.g. https://example.com/page');
	}
	return url;
}
