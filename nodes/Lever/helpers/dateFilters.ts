import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { convertCollection, getCollection, invalidParameter } from './parameters';

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

/** The query for `dateRangeFilters`: dates validated and converted to ms, snake_case names. */
export function dateRangeQuery(ctx: IExecuteFunctions, itemIndex: number, prefix: DateRangePrefix): IDataObject {
	const start = `${prefix}AtStart`;
	const end = `${prefix}AtEnd`;
	const qs = convertCollection(ctx, itemIndex, 'Filters', getCollection(ctx, 'filters', itemIndex), {
		dates: [start, end],
		rename: { [start]: `${prefix}_at_start`, [end]: `${prefix}_at_end` },
	});
	const from = qs[`${prefix}_at_start`];
	const to = qs[`${prefix}_at_end`];
	if (typeof from === 'number' && typeof to === 'number' && from > to) {
		throw invalidParameter(
			ctx.getNode(),
			itemIndex,
			`Filters > ${VERBS[prefix]} After`,
			'is later than the end of the range',
			`Choose a "${VERBS[prefix]} After" date that is before "${VERBS[prefix]} Before"`,
		);
	}
	return qs;
}
