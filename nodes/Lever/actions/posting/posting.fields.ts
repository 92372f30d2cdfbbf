import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DATE_RANGES, confidentialityFilter, dateRangeFields, invalidParameter, optionalFields } from '../../shared';

import { convertCollection, getCollection, toList } from '../../helpers/parameters';
import { listOrUndefined, moneyRange, optionalUserId, pick, refId, userOptionField } from '../../helpers/writes';

/** Lever filters postings by update time only when nothing but Confidentiality is set. */
const POSTING_UPDATED = { ...DATE_RANGES.updated, meaning: 'updated', note: 'Lever allows this only together with Confidentiality.' };

export const POSTING_EXPAND = ['user', 'owner', 'hiringManager', 'followers'];

const STATE_OPTIONS = [
	{ name: 'Closed', value: 'closed' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Internal (Unlisted)', value: 'internal' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Published', value: 'published' },
	{ name: 'Rejected', value: 'rejected' },
];

const CHANNEL_OPTIONS = [
	{ name: 'Internal', value: 'internal' },
	{ name: 'Public', value: 'public' },
];

/** Filters of GET /postings (docs/lever-api.md, Postings). */
export const postingFilters: INodeProperties = optionalFields('filters', [
	{
		displayName: 'Commitment',
		name: 'commitment',
		type: 'string',
		default: '',
		placeholder: 'e.g. Full-time, Part-time',
		description: 'Only postings with one of these commitments (comma-separated, case-sensitive)',
	},
	confidentialityFilter('postings'),
	{
		displayName: 'Department',
		name: 'department',
		type: 'string',
		default: '',
		placeholder: 'e.g. Engineering',
		description: 'Only postings in one of these departments (comma-separated, case-sensitive)',
	},
	{
		displayName: 'Distribution Channel',
		name: 'distributionChannel',
		type: 'multiOptions',
		options: CHANNEL_OPTIONS,
		default: [],
		description:
			'Only postings distributed on these channels. Lever returns published postings from the public job site only unless both are selected.',
	},
	{
		displayName: 'Group By',
		name: 'group',
		type: 'options',
		options: [
			{ name: 'Commitment', value: 'commitment' },
			{ name: 'Department', value: 'department' },
			{ name: 'Location', value: 'location' },
			{ name: 'Team', value: 'team' },
		],
		default: 'team',
		description: 'Ask Lever to group the postings by this category (the grouped response shape is not documented; prefer leaving it out)',
	},
	{
		displayName: 'Include Only',
		name: 'include',
		type: 'multiOptions',
		options: [
			{ name: 'Content', value: 'content' },
			{ name: 'Followers', value: 'followers' },
		],
		default: [],
		description: 'Restrict each posting to these fields (Lever returns every field when empty)',
	},
	{
		displayName: 'Level (Deprecated)',
		name: 'level',
		type: 'string',
		default: '',
		description: 'Only postings at one of these levels (comma-separated); Lever has deprecated levels',
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'e.g. London, Remote',
		description: 'Only postings in one of these locations (comma-separated, case-sensitive)',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'multiOptions',
		options: STATE_OPTIONS,
		default: [],
		description: 'Only postings in one of these states',
	},
	{
		displayName: 'Tags',
		name: 'tag',
		type: 'string',
		default: '',
		placeholder: 'e.g. Senior, Hot',
		description: 'Only postings with one of these tags (comma-separated, case-sensitive)',
	},
	{
		displayName: 'Team',
		name: 'team',
		type: 'string',
		default: '',
		placeholder: 'e.g. Platform',
		description: 'Only postings in one of these teams (comma-separated, case-sensitive)',
	},
	...dateRangeFields(POSTING_UPDATED, 'postings'),
]);

/** Query of GET /postings from the Filters collection; dates only with confidentiality (Lever's rule). */
export function postingListQuery(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const qs = convertCollection(ctx, itemIndex, 'Filters', getCollection(ctx, 'filters', itemIndex), {
		ranges: [POSTING_UPDATED],
		definition: postingFilters,
		lists: ['commitment', 'department', 'distributionChannel', 'include', 'level', 'location', 'state', 'tag', 'team'],
	});
	const byDate = qs.updated_at_start !== undefined || qs.updated_at_end !== undefined;
	if (byDate) {
		const others = Object.keys(qs).filter((key) => !['updated_at_start', 'updated_at_end', 'confidentiality'].includes(key));
		if (others.length) {
			throw invalidParameter(
				ctx.getNode(),
				itemIndex,
				'Filters > Updated After / Updated Before',
				`cannot be combined with ${others.join(', ')}`,
				'Lever accepts the update-time filters only together with Confidentiality: remove the other filters, or filter the results in a later node',
			);
		}
	}
	return qs;
}

function postingWriteOptions(kind: 'create' | 'update'): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'All Locations',
			name: 'allLocations',
			type: 'string',
			default: '',
			placeholder: 'e.g. London, Berlin',
			description: 'Every location of a multi-location posting (comma-separated)',
		},
		{
			displayName: 'Closing HTML',
			name: 'closingHtml',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'Closing paragraph(s) shown after the lists, as HTML (same tags as Description HTML)',
		},
		{
			displayName: 'Commitment',
			name: 'commitment',
			type: 'string',
			default: '',
			placeholder: 'e.g. Full-time',
		},
		{
			displayName: 'Department',
			name: 'department',
			type: 'string',
			default: '',
			placeholder: 'e.g. Engineering',
			description: "The posting's department; when a team is given, Lever expects the department that contains it",
		},
		{
			displayName: 'Description HTML',
			name: 'descriptionHtml',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			description:
				'Job description as HTML. Lever accepts the tags div, p, span, br, b, i, s, u, a and rejects others.',
		},
		{
			displayName: 'Distribution Channels',
			name: 'distributionChannels',
			type: 'multiOptions',
			options: CHANNEL_OPTIONS,
			default: [],
			description: 'Where a published posting appears (Lever defaults to both)',
		},
		...(kind === 'create' ? [userOptionField('Hiring Manager', 'hiringManager')] : []),
		{
			displayName: 'Level',
			name: 'level',
			type: 'string',
			default: '',
			description: 'Seniority level (deprecated by Lever)',
		},
		{
			displayName: 'Lists',
			name: 'lists',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add List',
			description: 'Bulleted sections such as Responsibilities or Requirements',
			options: [
				{
					displayName: 'List',
					name: 'list',
					values: [
						{
							displayName: 'Heading',
							name: 'text',
							type: 'string',
							default: '',
							placeholder: 'e.g. Requirements',
						},
						{
							displayName: 'Items HTML',
							name: 'content',
							type: 'string',
							typeOptions: { rows: 4 },
							default: '',
							placeholder: 'e.g. <li>5+ years of TypeScript</li><li>Kindness</li>',
							description: 'The list items as HTML li elements',
						},
					],
				},
			],
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: '',
			placeholder: 'e.g. London',
		},
		...(kind === 'create' ? [userOptionField('Owner', 'owner')] : []),
		{
			displayName: 'Requisition Codes',
			name: 'requisitionCodes',
			type: 'string',
			default: '',
			placeholder: 'e.g. ENG-42, ENG-43',
			description: 'Codes of the requisitions this posting hires against (comma-separated)',
		},
		{
			displayName: 'Salary Currency',
			name: 'salaryCurrency',
			type: 'string',
			default: '',
			placeholder: 'e.g. USD',
			description: 'ISO 4217 currency code; give all four salary fields or none',
		},
		{
			displayName: 'Salary Description HTML',
			name: 'salaryDescriptionHtml',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Free text about pay and benefits, as HTML',
		},
		{
			displayName: 'Salary Interval',
			name: 'salaryInterval',
			type: 'string',
			default: 'per-year-salary',
			placeholder: 'e.g. per-year-salary',
			description: 'Pay interval as Lever names it, e.g. per-year-salary; give all four salary fields or none',
		},
		{
			displayName: 'Salary Maximum',
			name: 'salaryMax',
			type: 'number',
			default: 0,
			description: 'Top of the salary range; give all four salary fields or none',
		},
		{
			displayName: 'Salary Minimum',
			name: 'salaryMin',
			type: 'number',
			default: 0,
			description: 'Bottom of the salary range; give all four salary fields or none',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'options',
			options: STATE_OPTIONS,
			default: 'draft',
			description: 'Posting state (Lever creates drafts by default)',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. Senior, Hot',
			description:
				kind === 'create'
					? 'Posting tags (comma-separated); new tags are created'
					: 'Posting tags (comma-separated); replaces the current tags',
		},
		{
			displayName: 'Team',
			name: 'team',
			type: 'string',
			default: '',
			placeholder: 'e.g. Platform',
		},
		{
			displayName: 'Workplace Type',
			name: 'workplaceType',
			type: 'options',
			options: [
				{ name: 'Hybrid', value: 'hybrid' },
				{ name: 'On-Site', value: 'onsite' },
				{ name: 'Remote', value: 'remote' },
			],
			default: 'onsite',
			description:
				kind === 'create'
					? 'Where the work happens (Lever stores "unspecified" when left out)'
					: 'Where the work happens; once set it cannot go back to unspecified',
		},
	];
	return options;
}

export const postingCreateFields: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Senior Backend Engineer',
		description: 'The job title shown on the posting',
	},
	optionalFields('additionalFields', postingWriteOptions('create')),
];

export const postingUpdateFields: INodeProperties[] = [
	optionalFields(
		'updateFields',
		[
			{
				displayName: 'Title',
				name: 'text',
				type: 'string',
				default: '',
				placeholder: 'e.g. Senior Backend Engineer',
			} as INodeProperties,
			...postingWriteOptions('update'),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		{
			description:
				'Only the fields given are changed. Lists given replace the current ones. Fetch the posting first if it may have been edited in Lever meanwhile.',
		},
	),
];

/** Body of POST /postings and POST /postings/{id} from the fields above (docs/lever-api.md, Postings). */
export function postingBody(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject, label: string): IDataObject {
	const node = ctx.getNode();
	const body: IDataObject = pick(fields, ['text', 'state', 'workplaceType', 'salaryDescriptionHtml']);
	const channels = listOrUndefined(fields.distributionChannels);
	if (channels) body.distributionChannels = channels;
	const owner = optionalUserId(node, itemIndex, `${label} > Owner`, fields.owner);
	if (owner) body.owner = owner;
	const hiringManager = optionalUserId(node, itemIndex, `${label} > Hiring Manager`, fields.hiringManager);
	if (hiringManager) body.hiringManager = hiringManager;

	const categories = pick(fields, ['team', 'department', 'location', 'commitment', 'level']);
	const allLocations = listOrUndefined(fields.allLocations);
	if (allLocations) categories.allLocations = allLocations;
	if (Object.keys(categories).length) body.categories = categories;

	if (fields.tags !== undefined) body.tags = toList(fields.tags);
	const requisitionCodes = listOrUndefined(fields.requisitionCodes);
	if (requisitionCodes) body.requisitionCodes = requisitionCodes;

	const content = pick(fields, ['descriptionHtml', 'closingHtml'], { closingHtml: 'closingPostingHtml' });
	const lists = ((fields.lists as IDataObject | undefined)?.list as IDataObject[] | undefined) ?? [];
	if (lists.length) {
		content.lists = lists.map((list, index) => {
			const text = String(list.text ?? '').trim();
			if (!text) {
				throw invalidParameter(node, itemIndex, `${label} > Lists > Heading`, `list ${index + 1} has no heading`, 'Give every list a heading such as Requirements');
			}
			return { text, content: String(list.content ?? '') };
		});
	}
	if (Object.keys(content).length) body.content = content;

	const salaryRange = moneyRange(node, itemIndex, `${label} > Salary Range`, { prefix: 'Salary', key: 'salary' }, fields);
	if (salaryRange) body.salaryRange = salaryRange;
	return body;
}

/** The fields people use, flat (Simplify on). */
export function simplifyPosting(posting: IDataObject): IDataObject {
	const categories = (posting.categories ?? {}) as IDataObject;
	const salary = (posting.salaryRange ?? {}) as IDataObject;
	const urls = (posting.urls ?? {}) as IDataObject;
	const simple: IDataObject = {
		id: posting.id,
		title: posting.text,
		state: posting.state,
		team: categories.team ?? null,
		department: categories.department ?? null,
		location: categories.location ?? null,
		commitment: categories.commitment ?? null,
		workplaceType: posting.workplaceType ?? null,
		distributionChannels: posting.distributionChannels ?? null,
		owner: refId(posting.owner) as IDataObject[keyof IDataObject],
		hiringManager: refId(posting.hiringManager) as IDataObject[keyof IDataObject],
		createdAt: posting.createdAt ?? null,
		updatedAt: posting.updatedAt ?? null,
		hostedUrl: urls.show ?? null,
		applyUrl: urls.apply ?? null,
		salaryMin: salary.min ?? null,
		salaryMax: salary.max ?? null,
		salaryCurrency: salary.currency ?? null,
		salaryInterval: salary.interval ?? null,
		tags: posting.tags ?? [],
	};
	for (const key of ['owner', 'hiringManager'] as const) {
		const value = posting[key];
		if (value && typeof value === 'object' && !Array.isArray(value)) simple[`${key}Name`] = (value as IDataObject).name ?? null;
	}
	return simple;
}
