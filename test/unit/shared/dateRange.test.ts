/**
 * Every date filter of the Lever node follows one rule (shared/dateRange.ts): `<name>After` / `<name>Before`,
 * labelled "<Label> After" / "<Label> Before", and After may not be later than Before. The cases are found
 * in the node's own description, so a new date filter is covered without editing this file.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Lever } from '../../../nodes/Lever/Lever.node';
import { runLever } from '../../helpers/runNode';
import { expectInputError, useNock, OPP } from '../../helpers/fixtures';

interface RangeCase {
	resource: string;
	operation: string;
	after: INodeProperties;
	before: INodeProperties;
	/** Required fields of the operation (path IDs), filled with valid values. */
	required: Record<string, unknown>;
}

const properties = new Lever().description.properties;

function shownFor(property: INodeProperties, resource: string, operation: string) {
	const show = property.displayOptions?.show ?? {};
	return (show.resource as string[] | undefined)?.includes(resource) && (show.operation as string[] | undefined)?.includes(operation);
}

function requiredValues(resource: string, operation: string): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const property of properties) {
		if (!property.required || !shownFor(property, resource, operation)) continue;
		values[property.name] = property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: OPP } : OPP;
	}
	return values;
}

const cases: RangeCase[] = [];
for (const property of properties) {
	if (property.name !== 'filters' || property.type !== 'collection') continue;
	const show = property.displayOptions?.show ?? {};
	const [resource] = show.resource as string[];
	const [operation] = show.operation as string[];
	const dates = (property.options as INodeProperties[]).filter((option) => option.type === 'dateTime');
	for (const after of dates.filter((option) => option.name.endsWith('After'))) {
		const before = dates.find((option) => option.name === after.name.replace(/After$/, 'Before'));
		if (before) cases.push({ resource, operation, after, before, required: requiredValues(resource, operation) });
	}
}

useNock();

describe('date ranges: one rule for every date filter', () => {
	it('finds the date filters of every operation that has one', () => {
		const where = cases.map(({ resource, operation, after }) => `${resource}.${operation}.${after.name}`);
		expect(where).toEqual(
			expect.arrayContaining([
				'opportunity.getMany.createdAfter',
				'opportunity.getDeleted.deletedAfter',
				'application.getDeleted.deletedAfter',
				'eeoResponse.getMany.createdAfter',
				'file.getMany.uploadedAfter',
				'posting.getMany.updatedAfter',
			]),
		);
		expect(cases.length).toBeGreaterThanOrEqual(14);
	});

	it('has no date field outside the After/Before pairs in any Filters collection', () => {
		const unpaired = properties
			.filter((property) => property.name === 'filters' && property.type === 'collection')
			.flatMap((property) => (property.options as INodeProperties[]).filter((option) => option.type === 'dateTime'))
			.filter((option) => !/^[a-z]+(After|Before)$/.test(option.name));
		expect(unpaired.map((option) => option.name)).toEqual([]);
	});

	it.each(cases)('$resource / $operation: $after.displayName and $before.displayName are labelled by the rule', ({ after, before }) => {
		const stem = after.name.replace(/After$/, '');
		expect(after.displayName).toMatch(/ After$/);
		expect(before.displayName).toBe(after.displayName.replace(/ After$/, ' Before'));
		expect(after.displayName.replace(/ After$/, '').toLowerCase()).toBe(stem.toLowerCase());
	});

	it.each(cases)('$resource / $operation: refuses $after.displayName later than $before.displayName before any request', async ({ resource, operation, after, before, required }) => {
		const result = await runLever({
			parameters: {
				resource,
				operation,
				...required,
				returnAll: true,
				filters: { [after.name]: '2026-02-01T00:00:00Z', [before.name]: '2026-01-01T00:00:00Z' },
			},
		});
		expectInputError(result, `Filters > ${after.displayName}`);
		expect(result.error?.message).toContain('later than the end of the range');
	});

	it.each(cases)('$resource / $operation: names $before.displayName when it is not a date', async ({ resource, operation, before, required }) => {
		const result = await runLever({
			parameters: { resource, operation, ...required, returnAll: true, filters: { [before.name]: 'next tuesday-ish' } },
		});
		expectInputError(result, `Filters > ${before.displayName}`);
	});
});
