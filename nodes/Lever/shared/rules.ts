import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

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

/** What reading a date needs from n8n: the node (for errors) and the workflow's time zone. */
export type DateContext = Pick<IExecuteFunctions, 'getNode' | 'getTimezone'>;

/** Lever's records start long after this; an earlier date is a unit mistake (seconds vs ms) or a typo. */
const EARLIEST_DATE = Date.UTC(2000, 0, 1);

const DATE_FIX =
	'Use an ISO 8601 date such as 2026-01-31T09:00:00 (read in the workflow\'s time zone) or 2026-01-31T09:00:00Z, or a Unix time in seconds (10 digits) or milliseconds (13 digits)';

/** Whole seconds or milliseconds since 1970: up to 10 digits are seconds, more are milliseconds. */
function fromUnixNumber(value: number): number {
	return Math.abs(Math.trunc(value)) < 1e10 ? Math.round(value * 1000) : Math.trunc(value);
}

/**
 * Reads a date-time the way the user meant it, as Lever's integer milliseconds. A date-time without an
 * offset (what n8n's date picker gives) is read in the workflow's time zone, not the n8n server's; an
 * explicit offset or `Z` is kept as given. Numbers are Unix seconds (10 digits) or milliseconds (13).
 * Dates before 2000 are refused: they come from a unit mistake far more often than from Lever.
 */
export function toMilliseconds(ctx: DateContext, itemIndex: number, field: string, value: unknown): number {
	const node = ctx.getNode();
	let ms: number | undefined;
	if (typeof value === 'number') {
		if (Number.isFinite(value)) ms = fromUnixNumber(value);
	} else if (value instanceof Date) {
		ms = value.getTime();
	} else if (DateTime.isDateTime(value)) {
		ms = value.toMillis();
	} else {
		const text = String(value ?? '').trim();
		if (/^-?\d+(\.\d+)?$/.test(text)) {
			ms = fromUnixNumber(Number(text));
		} else if (text !== '') {
			const zone = ctx.getTimezone();
			const parsed = [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822, DateTime.fromHTTP]
				.map((parse) => parse(text, { zone }))
				.find((date) => date.isValid);
			// Anything else JavaScript reads (e.g. a Date printed by an expression) carries its own zone.
			ms = parsed ? parsed.toMillis() : Date.parse(text);
		}
	}
	if (ms === undefined || !Number.isFinite(ms)) {
		throw invalidParameter(node, itemIndex, field, `"${String(value)}" is not a date`, DATE_FIX);
	}
	if (ms < EARLIEST_DATE) {
		throw invalidParameter(
			node,
			itemIndex,
			field,
			`"${String(value)}" is before 2000 (${new Date(ms).toISOString()})`,
			`Lever dates start in 2000 or later. If this is a Unix time, give seconds as 10 digits or milliseconds as 13. ${DATE_FIX}`,
		);
	}
	return ms;
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

/** Feedback and profile form templates have IDs of their own kind: letters, digits, `_` and `-`. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The Template Name or ID field of a feedback or profile form; `emptyFix` says which template to choose. */
export function assertTemplateId(node: INode, itemIndex: number, value: unknown, emptyFix: string): string {
	const id = String(value ?? '').trim();
	if (!id) throw invalidParameter(node, itemIndex, 'Template Name or ID', 'is empty', emptyFix);
	if (!TEMPLATE_ID_PATTERN.test(id)) {
		throw invalidParameter(node, itemIndex, 'Template Name or ID', `"${id}" is not a Lever template ID`, 'Choose a template from the list or enter its Lever ID');
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
