import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toMilliseconds } from '../shared';

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
		result[name] = toMilliseconds(ctx, itemIndex, `${collectionLabel} > ${label}`, value);
	}
	return result;
}
