import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DATE_RANGES, assertLeverId, confidentialityFilter, dateRangeFields, invalidParameter, nameOrIdField, optionalFields, toMilliseconds } from '../../shared';

import { convertCollection, getCollection, toList } from '../../helpers/parameters';
import { jsonObject, moneyRange, optionalUserId, pick, requiredString, userOptionField } from '../../helpers/writes';
import type { LeverOperation, LeverResource } from '../types';

const requisition = { requisition: 'requisition' } as const;
const EXPAND = ['creator', 'hiringManager', 'owner', 'postings'];

const STATUS_OPTIONS = [
	{ name: 'Closed', value: 'closed' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'On Hold', value: 'onHold' },
	{ name: 'Open', value: 'open' },
];

const requiredFields: INodeProperties[] = [
	{
		displayName: 'Requisition Code',
		name: 'requisitionCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ENG-42',
		description: 'Unique code of the requisition, usually the one from your HRIS',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Senior Backend Engineer',
		description: 'Name of the requisition, usually the job title',
	},
	{
		displayName: 'Headcount',
		name: 'headcountTotal',
		type: 'string',
		required: true,
		default: '1',
		placeholder: 'e.g. 2',
		description: 'How many people this requisition hires: a whole number, or "unlimited"',
	},
];

function requisitionOptions(kind: 'create' | 'update'): INodeProperties[] {
	return [
		{
			displayName: 'Backfill',
			name: 'backfill',
			type: 'boolean',
			default: false,
			description: 'Whether the requisition replaces someone who left',
		},
		{
			displayName: 'Compensation Currency',
			name: 'compensationCurrency',
			type: 'string',
			default: '',
			placeholder: 'e.g. USD',
			description: 'ISO 4217 currency code of the compensation band; give all four compensation fields or none',
		},
		{
			displayName: 'Compensation Interval',
			name: 'compensationInterval',
			type: 'string',
			default: 'per-year-salary',
			placeholder: 'e.g. per-year-salary',
			description: 'Pay interval of the compensation band; give all four compensation fields or none',
		},
		{
			displayName: 'Compensation Maximum',
			name: 'compensationMax',
			type: 'number',
			default: 0,
			description: 'Top of the compensation band; give all four compensation fields or none',
		},
		{
			displayName: 'Compensation Minimum',
			name: 'compensationMin',
			type: 'number',
			default: 0,
			description: 'Bottom of the compensation band; give all four compensation fields or none',
		},
		...(kind === 'create'
			? [
					{
						displayName: 'Created At',
						name: 'createdAt',
						type: 'dateTime',
						default: '',
						description: 'When the requisition was opened, if earlier than now (e.g. when importing from an HRIS)',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Custom Fields (JSON)',
			name: 'customFields',
			type: 'json',
			default: '{}',
			description:
				'Values of the account\'s requisition fields, keyed by field ID, e.g. {"cost_center": "R&D", "target_start": 1767225600000}; object fields nest one level',
		},
		{
			displayName: 'Department',
			name: 'department',
			type: 'string',
			default: '',
			placeholder: 'e.g. Engineering',
		},
		{
			displayName: 'Employment Status',
			name: 'employmentStatus',
			type: 'options',
			options: [
				{ name: 'Contractor', value: 'contractor' },
				{ name: 'Full-Time', value: 'full-time' },
				{ name: 'Intern', value: 'intern' },
				{ name: 'Part-Time', value: 'part-time' },
				{ name: 'Temporary Worker', value: 'temp-worker' },
			],
			default: 'full-time',
		},
		userOptionField('Hiring Manager', 'hiringManager'),
		{
			displayName: 'Internal Notes',
			name: 'internalNotes',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: '',
			placeholder: 'e.g. London',
		},
		userOptionField('Owner', 'owner'),
		nameOrIdField({ label: 'Posting', name: 'postingIds', loadOptionsMethod: 'getPostings', multiple: true }),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: STATUS_OPTIONS,
			default: 'open',
			description:
				kind === 'create'
					? 'Requisition status (Lever defaults to Open; Draft only with hybrid requisition management)'
					: 'Requisition status; a requisition cannot go back to Draft',
		},
		{
			displayName: 'Team',
			name: 'team',
			type: 'string',
			default: '',
			placeholder: 'e.g. Platform',
		},
	];
}

function headcount(ctx: IExecuteFunctions, itemIndex: number): number | string {
	const raw = requiredString(ctx, 'headcountTotal', itemIndex, 'Headcount', 'Enter a whole number of hires, or "unlimited"');
	if (raw.toLowerCase() === 'unlimited') return 'unlimited';
	if (!/^\d+$/.test(raw) || Number(raw) < 1) {
		throw invalidParameter(ctx.getNode(), itemIndex, 'Headcount', `"${raw}" is not a headcount`, 'Enter a whole number of at least 1, or "unlimited"');
	}
	return Number(raw);
}

/** Body of POST /requisitions and PUT /requisitions/{id}. */
function requisitionBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const label = 'Additional Fields';
	const extra = getCollection(ctx, 'additionalFields', itemIndex);
	const body: IDataObject = {
		requisitionCode: requiredString(ctx, 'requisitionCode', itemIndex, 'Requisition Code', 'Enter the requisition code, e.g. ENG-42'),
		name: requiredString(ctx, 'name', itemIndex, 'Name', 'Enter the name of the requisition'),
		headcountTotal: headcount(ctx, itemIndex),
		...pick(extra, ['backfill', 'department', 'employmentStatus', 'internalNotes', 'location', 'status', 'team']),
	};
	for (const key of ['hiringManager', 'owner'] as const) {
		const id = optionalUserId(node, itemIndex, `${label} > ${key === 'owner' ? 'Owner' : 'Hiring Manager'}`, extra[key]);
		if (id) body[key] = id;
	}
	if (extra.createdAt !== undefined && extra.createdAt !== '') {
		body.createdAt = toMilliseconds(ctx, itemIndex, `${label} > Created At`, extra.createdAt);
	}
	if (extra.postingIds !== undefined) {
		body.postingIds = toList(extra.postingIds).map((id) => assertLeverId(node, itemIndex, `${label} > Postings`, id));
	}
	const band = moneyRange(node, itemIndex, `${label} > Compensation Band`, { prefix: 'Compensation', key: 'compensation' }, extra);
	if (band) body.compensationBand = band;
	if (extra.customFields !== undefined) {
		const customFields = jsonObject(node, itemIndex, `${label} > Custom Fields (JSON)`, extra.customFields, '{"cost_center": "R&D"}');
		if (customFields) body.customFields = customFields;
	}
	return body;
}

const operations: LeverOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a requisition',
		description:
			'Create a requisition (needs API management of requisitions switched on in Lever by a Super Admin)',
		method: 'POST',
		path: '/requisitions',
		properties: [
			...requiredFields,
			optionalFields('additionalFields', requisitionOptions('create')),
		],
		request(itemIndex) {
			return { body: requisitionBody(this, itemIndex) };
		},
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a requisition',
		description: 'Delete a requisition permanently',
		method: 'DELETE',
		path: '/requisitions/{requisition}',
		pathParameters: requisition,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a requisition',
		description: 'Retrieve one requisition with its headcount, compensation band, approval and custom fields',
		method: 'GET',
		path: '/requisitions/{requisition}',
		pathParameters: requisition,
		expand: EXPAND,
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many requisitions',
		description: 'Retrieve many requisitions, filtered by code, status, creation time or confidentiality',
		method: 'GET',
		path: '/requisitions',
		list: 'cursor',
		expand: EXPAND,
		properties: [
			optionalFields('filters', [
				confidentialityFilter('requisitions'),
				...dateRangeFields(DATE_RANGES.created, 'requisitions'),
				{
					displayName: 'Requisition Code',
					name: 'requisitionCode',
					type: 'string',
					default: '',
					placeholder: 'e.g. ENG-42',
					description: 'Only the requisition with this code',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: STATUS_OPTIONS,
					default: 'open',
					description: 'Only requisitions in this status',
				},
			]),
		],
		request(itemIndex) {
			return {
				qs: convertCollection(this, itemIndex, 'Filters', getCollection(this, 'filters', itemIndex), {
					ranges: [DATE_RANGES.created],
					rename: { requisitionCode: 'requisition_code' },
				}),
			};
		},
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a requisition',
		description:
			'Replace a requisition: code, name and headcount are required, and fields left out are reset, so give every field you want to keep',
		method: 'PUT',
		path: '/requisitions/{requisition}',
		pathParameters: requisition,
		idempotent: true,
		properties: [
			...requiredFields,
			optionalFields('additionalFields', requisitionOptions('update'), { description: 'Lever replaces the whole requisition: fields not given here are reset' }),
		],
		request(itemIndex) {
			return { body: requisitionBody(this, itemIndex) };
		},
	},
];

export const requisitionResource: LeverResource = {
	value: 'requisition',
	name: 'Requisition',
	description: 'Approved headcount: list, read, create, replace, delete',
	operations,
};
