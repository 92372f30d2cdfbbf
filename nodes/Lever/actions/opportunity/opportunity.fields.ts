import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toList } from '../../helpers/parameters';
import { DATE_RANGES, ORIGIN_OPTIONS, confidentialityFilter, dateRangeFields, nameOrIdField, optionalFields } from '../../shared';

/** Filters of GET /opportunities: dates by the one date-range rule, the others named as Lever's query parameters. */
export const opportunityFilters: INodeProperties = optionalFields('filters', [
	...dateRangeFields(DATE_RANGES.advanced, 'opportunities'),
	nameOrIdField({ label: 'Archive Reason', name: 'archive_reason_id', loadOptionsMethod: 'getArchiveReasons', multiple: true }),
	{
		displayName: 'Archived',
		name: 'archived',
		type: 'options',
		options: [
			{ name: 'Active and Archived', value: '' },
			{ name: 'Active Only', value: 'false' },
			{ name: 'Archived Only', value: 'true' },
		],
		default: '',
	},
	...dateRangeFields(DATE_RANGES.archived, 'opportunities'),
	{
		displayName: 'Archived From Posting IDs',
		name: 'archived_posting_id',
		type: 'string',
		default: '',
		description: 'Comma-separated posting IDs the opportunities were archived from',
	},
	confidentialityFilter('opportunities'),
	{
		displayName: 'Contact IDs',
		name: 'contact_id',
		type: 'string',
		default: '',
		description: 'Comma-separated contact IDs: all opportunities of these people',
	},
	...dateRangeFields(DATE_RANGES.created, 'opportunities'),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane@example.com',
		default: '',
		description: "The candidate's email address (exact match)",
	},
	{
		displayName: 'Locations',
		name: 'location',
		type: 'string',
		default: '',
		description: 'Comma-separated opportunity locations ("unspecified" allowed)',
	},
	{
		displayName: 'Max Records to Scan',
		name: 'maxScan',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1000,
		description: 'Upper bound on records read when Name Contains is set',
	},
	{
		displayName: 'Name Contains',
		name: 'nameContains',
		type: 'string',
		default: '',
		description:
			'Lever cannot search by name, so n8n reads the listing (with the other filters) and keeps names containing this text, up to Max Records to Scan',
	},
	{
		displayName: 'Origins',
		name: 'origin',
		type: 'multiOptions',
		options: ORIGIN_OPTIONS,
		default: [],
	},
	{
		displayName: 'Posting IDs',
		name: 'posting_id',
		type: 'string',
		default: '',
		description: 'Comma-separated posting IDs the opportunities applied to',
	},
	{
		displayName: 'Snoozed',
		name: 'snoozed',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Not Snoozed', value: 'false' },
			{ name: 'Snoozed', value: 'true' },
		],
		default: '',
	},
	nameOrIdField({ label: 'Source', name: 'source', loadOptionsMethod: 'getSources', multiple: true }),
	nameOrIdField({ label: 'Stage', name: 'stage_id', loadOptionsMethod: 'getStages', multiple: true }),
	nameOrIdField({ label: 'Tag', name: 'tag', loadOptionsMethod: 'getTags', multiple: true }),
	...dateRangeFields(DATE_RANGES.updated, 'opportunities'),
]);

export const OPPORTUNITY_FILTER_CONVERSION = {
	ranges: [DATE_RANGES.advanced, DATE_RANGES.archived, DATE_RANGES.created, DATE_RANGES.updated],
	definition: opportunityFilters,
	lists: ['archive_reason_id', 'archived_posting_id', 'contact_id', 'location', 'origin', 'posting_id', 'source', 'stage_id', 'tag'],
	emails: ['email'],
};

/** The fields people use, flat; `simplify` off returns Lever's record untouched. */
export function simplifyOpportunity(record: IDataObject): IDataObject {
	const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as IDataObject).id : value) as string | undefined;
	const archived = (record.archived ?? null) as IDataObject | null;
	const stage = record.stage;
	const applications = (record.applications ?? []) as unknown[];
	return {
		id: record.id,
		name: record.name,
		headline: record.headline,
		emails: record.emails,
		phones: ((record.phones ?? []) as IDataObject[]).map((phone) => phone.value),
		links: record.links,
		location: record.location,
		stage: idOf(stage),
		stageName: stage && typeof stage === 'object' ? (stage as IDataObject).text : undefined,
		origin: record.origin,
		sources: record.sources,
		tags: record.tags,
		owner: idOf(record.owner),
		contact: idOf(record.contact),
		confidentiality: record.confidentiality,
		archived: archived !== null,
		archiveReason: archived?.reason ?? null,
		archivedAt: archived?.archivedAt ?? null,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		lastAdvancedAt: record.lastAdvancedAt,
		lastInteractionAt: record.lastInteractionAt,
		applications: applications.map(idOf),
		urls: record.urls,
	};
}

export const tagsOrSourcesFields = (kind: 'tags' | 'sources'): INodeProperties[] => {
	const singular = kind === 'tags' ? 'Tag' : 'Source';
	return [
		nameOrIdField({ label: singular, name: kind, loadOptionsMethod: kind === 'tags' ? 'getTags' : 'getSources', multiple: true }),
		{
			displayName: `Other ${singular}s`,
			name: `${kind}Text`,
			type: 'string',
			default: '',
			placeholder: kind === 'tags' ? 'e.g. Referral, Senior' : 'e.g. OfferZen',
			description: `Comma-separated ${kind} not in the list yet; Lever creates new ones on the fly`,
		},
	];
};

/** The values of a `tagsOrSourcesFields` pair: picked ones and typed ones, each once. */
export function readTagsOrSources(ctx: IExecuteFunctions, itemIndex: number, kind: 'tags' | 'sources'): string[] {
	return [
		...new Set([
			...toList(ctx.getNodeParameter(kind, itemIndex, [])),
			...toList(ctx.getNodeParameter(`${kind}Text`, itemIndex, '')),
		]),
	];
}
