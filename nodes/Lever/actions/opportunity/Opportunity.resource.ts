import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { convertCollection, getCollection, toList } from '../../helpers/parameters';
import { DATE_RANGES, assertLeverId, assertStageId, assertUrl, filteredByDateRange, invalidParameter, nameOrIdField, simplifyField } from '../../shared';
import type { LeverOperation, LeverResource } from '../types';
import { createOperation } from './create.operation';
import { getFileActionsOperation } from './fileActions.operation';
import {
	OPPORTUNITY_FILTER_CONVERSION,
	opportunityFilters,
	readTagsOrSources,
	simplifyOpportunity,
	tagsOrSourcesFields,
} from './opportunity.fields';

export const OPPORTUNITY_EXPAND = ['applications', 'contact', 'followers', 'owner', 'sourcedBy', 'stage'];

const opportunityPath = { opportunity: 'opportunity' } as const;

function simplifiedOutput(this: IExecuteFunctions, record: IDataObject, itemIndex: number) {
	return (this.getNodeParameter('simplify', itemIndex, true) as boolean) ? simplifyOpportunity(record) : record;
}

/** Name Contains: Lever has no name search, so the list reads a bounded scan and the names are matched after it. */
function nameSearch(ctx: IExecuteFunctions, itemIndex: number) {
	const filters = getCollection(ctx, 'filters', itemIndex);
	const nameContains = String(filters.nameContains ?? '').trim().toLowerCase();
	const maxScan = Number(filters.maxScan ?? 1000);
	if (!Number.isInteger(maxScan) || maxScan < 1) {
		throw invalidParameter(ctx.getNode(), itemIndex, 'Filters > Max Records to Scan', `${String(filters.maxScan)} is not a whole number of at least 1`, 'Set Max Records to Scan to 1 or more (default 1000)');
	}
	return { nameContains, maxScan };
}

const getMany: LeverOperation = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many opportunities',
	description:
		'List candidates\' opportunities, filtered by email, stage, posting, tag, origin, source, dates and more. Dates are inclusive.',
	method: 'GET',
	path: '/opportunities',
	list: 'cursor',
	expand: OPPORTUNITY_EXPAND,
	properties: [opportunityFilters, simplifyField],
	request(itemIndex) {
		const { nameContains, maxScan } = nameSearch(this, itemIndex);
		const filters = { ...getCollection(this, 'filters', itemIndex) };
		delete filters.nameContains;
		delete filters.maxScan;
		const qs = convertCollection(this, itemIndex, 'Filters', filters, OPPORTUNITY_FILTER_CONVERSION);
		// One record past the bound tells whether the scan stopped early.
		return nameContains ? { qs, readLimit: maxScan + 1 } : { qs };
	},
	output: simplifiedOutput,
	afterList(records, itemIndex, { limit }) {
		const { nameContains, maxScan } = nameSearch(this, itemIndex);
		if (!nameContains) return records;
		const scanLimitReached = records.length > maxScan;
		if (scanLimitReached) {
			this.addExecutionHints({
				message: `Name Contains scanned only the first ${maxScan} opportunities matching the other filters; more exist. Narrow the filters or raise Max Records to Scan.`,
				location: 'outputPane',
			});
		}
		return records
			.slice(0, maxScan)
			.filter((record) => String(record.name ?? '').toLowerCase().includes(nameContains))
			.slice(0, limit ?? Number.POSITIVE_INFINITY)
			.map((record) => ({ ...record, matchedBy: 'name', scanLimitReached }));
	},
};

const tagOrSourceOperation = (
	value: string,
	verb: 'Add' | 'Remove',
	kind: 'links' | 'tags' | 'sources',
	path: string,
): LeverOperation => {
	const noun = kind === 'links' ? 'link' : kind.slice(0, -1);
	const properties: INodeProperties[] =
		kind === 'links'
			? [
					{
						displayName: 'Links',
						name: 'links',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'e.g. https://www.linkedin.com/in/jane, https://github.com/jane',
						description: 'Comma-separated URLs on the candidate\'s contact',
					},
				]
			: tagsOrSourcesFields(kind);
	return {
		value,
		name: `${verb} ${noun.charAt(0).toUpperCase()}${noun.slice(1)}s`,
		action: `${verb} ${noun}s ${verb === 'Add' ? 'to' : 'from'} an opportunity`,
		description: `${verb} ${kind} ${verb === 'Add' ? 'to' : 'from'} one opportunity${kind === 'links' ? ' (stored on the candidate\'s contact)' : ''}; returns the updated opportunity`,
		method: 'POST',
		path,
		pathParameters: opportunityPath,
		performAs: 'optional',
		// Adding or removing the same values twice leaves the same result, so retrying is harmless.
		idempotent: true,
		properties,
		request(itemIndex) {
			const values =
				kind === 'links'
					? toList(this.getNodeParameter('links', itemIndex, '')).map((link) => assertUrl(this.getNode(), itemIndex, 'Links', link))
					: readTagsOrSources(this, itemIndex, kind);
			if (!values.length) {
				throw new NodeOperationError(this.getNode(), `${kind.charAt(0).toUpperCase()}${kind.slice(1)}: nothing to ${verb.toLowerCase()}`, {
					itemIndex,
					description: `Pick or type at least one ${noun}`,
				});
			}
			return { body: { [kind]: [...new Set(values)] } };
		},
	};
};

const archiveReasonField = (required: boolean, description: string): INodeProperties =>
	nameOrIdField({ label: 'Archive Reason', name: 'reason', loadOptionsMethod: 'getArchiveReasons', required, description });

const requisitionField: INodeProperties = {
	displayName: 'Requisition ID',
	name: 'requisitionId',
	type: 'string',
	default: '',
	description: 'Hire against this requisition: its hired count goes up and the offer leaves it',
};

function requireReason(ctx: IExecuteFunctions, itemIndex: number): string {
	const reason = String(ctx.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	if (!reason) {
		throw new NodeOperationError(ctx.getNode(), 'Archive Reason is required', {
			itemIndex,
			description: 'Choose an archive reason (for Hire, one of type "hired")',
		});
	}
	return assertLeverId(ctx.getNode(), itemIndex, 'Archive Reason', reason);
}

export const opportunityResource: LeverResource = {
	value: 'opportunity',
	name: 'Opportunity',
	description: 'A candidate\'s journey for one job (Lever\'s candidate records)',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get an opportunity',
			description: 'Retrieve one opportunity by ID, optionally with stage, owner, contact and applications expanded',
			method: 'GET',
			path: '/opportunities/{opportunity}',
			pathParameters: opportunityPath,
			expand: OPPORTUNITY_EXPAND,
			properties: [simplifyField],
			output: simplifiedOutput,
		},
		getMany,
		{
			value: 'getDeleted',
			name: 'Get Deleted',
			action: 'Get deleted opportunities',
			description: 'List opportunities that were deleted, with who deleted them and when',
			method: 'GET',
			path: '/opportunities/deleted',
			list: 'cursor',
			...filteredByDateRange(DATE_RANGES.deleted, 'opportunities'),
		},
		createOperation,
		{
			value: 'changeStage',
			name: 'Change Stage',
			action: 'Change the stage of an opportunity',
			description: 'Move an opportunity to another pipeline stage; returns the updated opportunity',
			method: 'PUT',
			path: '/opportunities/{opportunity}/stage',
			pathParameters: opportunityPath,
			performAs: 'optional',
			idempotent: true,
			properties: [
				nameOrIdField({ label: 'Stage', name: 'stage', loadOptionsMethod: 'getStages', required: true }),
			],
			request(itemIndex) {
				const stage = String(this.getNodeParameter('stage', itemIndex, '') ?? '').trim();
				if (!stage) {
					throw new NodeOperationError(this.getNode(), 'Stage is required', { itemIndex, description: 'Choose the stage to move the opportunity to' });
				}
				return { body: { stage: assertStageId(this.getNode(), itemIndex, 'Stage', stage) } };
			},
		},
		{
			value: 'archive',
			name: 'Archive',
			action: 'Archive an opportunity',
			description: 'Archive an opportunity with a reason (or change the reason of an archived one)',
			method: 'PUT',
			path: '/opportunities/{opportunity}/archived',
			pathParameters: opportunityPath,
			performAs: 'optional',
			idempotent: true,
			properties: [
				archiveReasonField(true, 'Why the opportunity is archived'),
				{
					displayName: 'Clean Interviews',
					name: 'cleanInterviews',
					type: 'boolean',
					default: false,
					description: 'Whether to remove pending interviews',
				},
			],
			request(itemIndex) {
				return { body: { reason: requireReason(this, itemIndex), cleanInterviews: this.getNodeParameter('cleanInterviews', itemIndex, false) as boolean } };
			},
		},
		{
			value: 'unarchive',
			name: 'Unarchive',
			action: 'Unarchive an opportunity',
			description: 'Make an archived opportunity active again',
			method: 'PUT',
			path: '/opportunities/{opportunity}/archived',
			pathParameters: opportunityPath,
			performAs: 'optional',
			idempotent: true,
			request: () => ({ body: { reason: null } }),
		},
		{
			value: 'hire',
			name: 'Hire',
			action: 'Mark an opportunity as hired',
			description: 'Archive an opportunity with a hired-type reason, optionally against a requisition',
			method: 'PUT',
			path: '/opportunities/{opportunity}/archived',
			pathParameters: opportunityPath,
			performAs: 'optional',
			properties: [archiveReasonField(true, 'A reason of type "hired"'), requisitionField],
			request(itemIndex) {
				const requisitionId = String(this.getNodeParameter('requisitionId', itemIndex, '') ?? '').trim();
				return { body: { reason: requireReason(this, itemIndex), ...(requisitionId ? { requisitionId } : {}) } };
			},
		},
		tagOrSourceOperation('addLinks', 'Add', 'links', '/opportunities/{opportunity}/addLinks'),
		tagOrSourceOperation('removeLinks', 'Remove', 'links', '/opportunities/{opportunity}/removeLinks'),
		tagOrSourceOperation('addTags', 'Add', 'tags', '/opportunities/{opportunity}/addTags'),
		tagOrSourceOperation('removeTags', 'Remove', 'tags', '/opportunities/{opportunity}/removeTags'),
		tagOrSourceOperation('addSources', 'Add', 'sources', '/opportunities/{opportunity}/addSources'),
		tagOrSourceOperation('removeSources', 'Remove', 'sources', '/opportunities/{opportunity}/removeSources'),
		getFileActionsOperation,
	],
};
