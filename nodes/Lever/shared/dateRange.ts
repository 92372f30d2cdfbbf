import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DateContext } from './rules';
import { invalidParameter, toMilliseconds } from './rules';
import { optionalFields } from './fields';

/**
 * One rule for every date filter: a range over what happened to a record is two n8n date-time fields
 * named `<name>After` / `<name>Before`, shown as "<Label> After" / "<Label> Before", sent to Lever as
 * milliseconds under Lever's own query names, with After not later than Before. Both ends are inclusive.
 */
export interface DateRange {
	/** Stem of the parameter names: `created` gives `createdAfter` and `createdBefore`. */
	name: string;
	/** Stem of the labels: `Created` gives "Created After" and "Created Before". */
	label: string;
	/** What the date says happened, for the descriptions ("created", "moved into their current stage"). */
	meaning: string;
	/** Lever's query parameters for the start and the end of the range. */
	query: [start: string, end: string];
	/** A sentence added to both descriptions (a restriction Lever puts on the filter). */
	note?: string;
}

const range = (name: string, label: string, meaning: string, prefix = name): DateRange => ({
	name,
	label,
	meaning,
	query: [`${prefix}_at_start`, `${prefix}_at_end`],
});

/** The ranges Lever's lists filter on, with its query names (docs/lever-api.md). */
export const DATE_RANGES = {
	advanced: range('advanced', 'Advanced', 'moved into their current stage'),
	archived: range('archived', 'Archived', 'archived'),
	created: range('created', 'Created', 'created'),
	deleted: range('deleted', 'Deleted', 'deleted'),
	occurred: range('occurred', 'Occurred', 'that occurred'),
	updated: range('updated', 'Updated', 'changed'),
	uploaded: range('uploaded', 'Uploaded', 'uploaded'),
} satisfies Record<string, DateRange>;

const afterName = (dates: DateRange) => `${dates.name}After`;
const beforeName = (dates: DateRange) => `${dates.name}Before`;

/** The two fields of a range, for a Filters collection; `records` names what is listed ("files"). */
export function dateRangeFields(dates: DateRange, records: string): INodeProperties[] {
	const note = dates.note ? ` ${dates.note}` : '';
	return [
		{
			displayName: `${dates.label} After`,
			name: afterName(dates),
			type: 'dateTime',
			default: '',
			description: `Only ${records} ${dates.meaning} at or after this moment.${note}`,
		},
		{
			displayName: `${dates.label} Before`,
			name: beforeName(dates),
			type: 'dateTime',
			default: '',
			description: `Only ${records} ${dates.meaning} at or before this moment.${note}`,
		},
	];
}

/** A Filters collection holding just one range. */
export function dateRangeFilters(dates: DateRange, records: string): INodeProperties {
	return optionalFields('filters', dateRangeFields(dates, records));
}

/**
 * The parts of a listing row whose only filter is one range: its Filters field and the `request` hook that
 * sends the range. Spread into the row: `...filteredByDateRange(DATE_RANGES.uploaded, 'files')`.
 */
export function filteredByDateRange(dates: DateRange, records: string) {
	return {
		properties: [dateRangeFilters(dates, records)],
		request(this: IExecuteFunctions, itemIndex: number) {
			return { qs: dateRangeQuery(this, itemIndex, dates) };
		},
	};
}

/** Parameter names a set of ranges uses, so a collection converter can leave them to `dateRangeQuery`. */
export function dateRangeNames(ranges: DateRange[]): string[] {
	return ranges.flatMap((dates) => [afterName(dates), beforeName(dates)]);
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Lever's query for the ranges in `collection` (the Filters values), errors naming the field as the
 * editor shows it (`Filters > Created After`): a value that is no date, or an After later than Before.
 */
export function readDateRanges(ctx: DateContext, itemIndex: number, collectionLabel: string, collection: IDataObject, ranges: DateRange[]): IDataObject {
	const node = ctx.getNode();
	const qs: IDataObject = {};
	for (const dates of ranges) {
		const afterLabel = `${collectionLabel} > ${dates.label} After`;
		const beforeLabel = `${collectionLabel} > ${dates.label} Before`;
		const after = collection[afterName(dates)];
		const before = collection[beforeName(dates)];
		const from = given(after) ? toMilliseconds(ctx, itemIndex, afterLabel, after) : undefined;
		const to = given(before) ? toMilliseconds(ctx, itemIndex, beforeLabel, before) : undefined;
		if (from !== undefined && to !== undefined && from > to) {
			throw invalidParameter(
				node,
				itemIndex,
				afterLabel,
				'is later than the end of the range',
				`Choose a "${dates.label} After" date that is before "${dates.label} Before"`,
			);
		}
		if (from !== undefined) qs[dates.query[0]] = from;
		if (to !== undefined) qs[dates.query[1]] = to;
	}
	return qs;
}

/** The query of a `dateRangeFilters` collection (the operation's Filters parameter). */
export function dateRangeQuery(ctx: IExecuteFunctions, itemIndex: number, dates: DateRange): IDataObject {
	const filters = (ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject) ?? {};
	return readDateRanges(ctx, itemIndex, 'Filters', filters, [dates]);
}
