import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection, toMilliseconds } from './parameters';
import { invalidParameter } from '../shared/rules';

/** The date-range query filters Lever offers on its sub-resource lists: `<prefix>_at_start` / `<prefix>_at_end`. */
export type DateRangePrefix = 'deleted' | 'occurred' | 'uploaded';

const VERBS: Record<DateRangePrefix, string> = {
	deleted: 'Deleted',
	occurred: 'Occurred',
	uploaded: 'Uploaded',
};

/** A Filters collection with a from/to pair of n8n date-time fields, sent to Lever as milliseconds. */
export function dateRangeFilters(prefix: DateRangePrefix, noun: string): INodeProperties {
	const verb = VERBS[prefix];
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: `${verb} After`,
				name: `${prefix}AtStart`,
				type: 'dateTime',
				default: '',
				description: `Only ${noun} ${verb.toLowerCase()} at or after this moment`,
			},
			{
				displayName: `${verb} Before`,
				name: `${prefix}AtEnd`,
				type: 'dateTime',
				default: '',
				description: `Only ${noun} ${verb.toLowerCase()} at or before this moment`,
			},
		],
	};
}

/** The query for `dateRangeFilters`: dates validated (naming the field) and converted to ms, snake_case names. */
export function dateRangeQuery(ctx: IExecuteFunctions, itemIndex: number, prefix: DateRangePrefix): IDataObject {
	const node = ctx.getNode();
	const filters = getCollection(ctx, 'filters', itemIndex);
	const verb = VERBS[prefix];
	const qs: IDataObject = {};
	const start = filters[`${prefix}AtStart`];
	const end = filters[`${prefix}AtEnd`];
	if (start !== undefined && start !== null && start !== '') {
		qs[`${prefix}_at_start`] = toMilliseconds(node, itemIndex, `Filters > ${verb} After`, start);
	}
	if (end !== undefined && end !== null && end !== '') {
		qs[`${prefix}_at_end`] = toMilliseconds(node, itemIndex, `Filters > ${verb} Before`, end);
	}
	const from = qs[`${prefix}_at_start`];
	const to = qs[`${prefix}_at_end`];
	if (typeof from === 'number' && typeof to === 'number' && from > to) {
		throw invalidParameter(
			node,
			itemIndex,
			`Filters > ${verb} After`,
			'is later than the end of the range',
			`Choose a "${verb} After" date that is before "${verb} Before"`,
		);
	}
	return qs;
}

/**
 * Converts the date-time entries of a collection to ms in place of their values, naming a bad one by
 * its display name (e.g. `Additional Fields > Completed At`). `labels` maps field name → display name.
 */
export function convertDates(
	ctx: IExecuteFunctions,
	itemIndex: number,
	collectionLabel: string,
	collection: IDataObject,
	labels: Record<string, string>,
): IDataObject {
	const result: IDataObject = { ...collection };
	for (const [name, label] of Object.entries(labels)) {
		const value = result[name];
		if (value === undefined || value === null || value === '') {
			delete result[name];
			continue;
		}
		result[name] = toMilliseconds(ctx.getNode(), itemIndex, `${collectionLabel} > ${label}`, value);
	}
	return result;
}
