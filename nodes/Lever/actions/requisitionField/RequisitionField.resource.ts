import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection, toList } from '../../helpers/parameters';
import { invalidParameter, optionalFields } from '../../shared';
import { requiredString } from '../../helpers/writes';
import type { LeverOperation, LeverResource } from '../types';

const TYPE_OPTIONS = [
	{ name: 'Date', value: 'date' },
	{ name: 'Dropdown', value: 'dropdown' },
	{ name: 'Number', value: 'number' },
	{ name: 'Object (Group of Subfields)', value: 'object' },
	{ name: 'Text', value: 'text' },
];

const FIELD_ID = /^[a-z0-9]+(_[a-z0-9]+)*$/;

function schemaFields(kind: 'create' | 'update'): INodeProperties[] {
	return [
		...(kind === 'create'
			? [
					{
						displayName: 'Field ID',
						name: 'requisitionFieldId',
						type: 'string',
						required: true,
						default: '',
						placeholder: 'e.g. cost_center',
						description: 'Key of the new field in requisitions’ custom fields: snake_case, at most 50 characters',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Label',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Cost Center',
			description: 'Name of the field as people see it',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: TYPE_OPTIONS,
			required: true,
			default: 'text',
		},
		{
			displayName: 'Is Required',
			name: 'isRequired',
			type: 'boolean',
			default: false,
			description: 'Whether every requisition must fill this field',
		},
		kind === 'create'
			? {
					displayName: 'Dropdown Options',
					name: 'dropdownOptions',
					type: 'string',
					default: '',
					placeholder: 'e.g. R&D, Sales, G&A',
					description: 'The choices of a dropdown field (comma or newline separated)',
					displayOptions: { show: { type: ['dropdown'] } },
				}
			: {
					displayName: 'Dropdown Options',
					name: 'dropdownChoices',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					placeholder: 'Add Option',
					description:
						'Every choice the dropdown keeps: give the option ID of existing ones (options left out are removed), leave it empty for new ones',
					displayOptions: { show: { type: ['dropdown'] } },
					options: [
						{
							displayName: 'Option',
							name: 'option',
							values: [
								{
									displayName: 'Option ID',
									name: 'id',
									type: 'string',
									default: '',
									description: 'ID of an existing option; empty for a new one',
								},
								{
									displayName: 'Text',
									name: 'text',
									type: 'string',
									default: '',
								},
							],
						},
					],
				},
		{
			displayName: 'Subfields',
			name: 'subfields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Subfield',
			description: 'The parts of an object field (at most 10)',
			displayOptions: { show: { type: ['object'] } },
			options: [
				{
					displayName: 'Subfield',
					name: 'subfield',
					values: [
						{
							displayName: 'Label',
							name: 'text',
							type: 'string',
							default: '',
							placeholder: 'e.g. Amount',
						},
						{
							displayName: 'Subfield ID',
							name: 'id',
							type: 'string',
							default: '',
							placeholder: 'e.g. amount',
							description: 'Key of the subfield: snake_case',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: TYPE_OPTIONS.filter((option) => !['dropdown', 'object'].includes(option.value)),
							default: 'text',
						},
					],
				},
			],
		},
	];
}

function checkFieldId(ctx: IExecuteFunctions, itemIndex: number, label: string, id: string) {
	if (id.length > 50 || !FIELD_ID.test(id)) {
		throw invalidParameter(ctx.getNode(), itemIndex, label, `"${id}" is not a valid field ID`, 'Use snake_case of at most 50 characters, e.g. cost_center');
	}
}

/** Body of POST /requisition_fields and PUT /requisition_fields/{id}. */
function schemaBody(ctx: IExecuteFunctions, itemIndex: number, kind: 'create' | 'update'): IDataObject {
	const node = ctx.getNode();
	const body: IDataObject = {};
	if (kind === 'create') {
		const id = requiredString(ctx, 'requisitionFieldId', itemIndex, 'Field ID', 'Enter a snake_case key such as cost_center');
		checkFieldId(ctx, itemIndex, 'Field ID', id);
		body.id = id;
	}
	body.text = requiredString(ctx, 'text', itemIndex, 'Label', 'Enter the name people see, e.g. Cost Center');
	const type = ctx.getNodeParameter('type', itemIndex, 'text') as string;
	body.type = type;
	body.isRequired = ctx.getNodeParameter('isRequired', itemIndex, false) as boolean;
	if (type === 'dropdown') {
		const options =
			kind === 'create'
				? toList(ctx.getNodeParameter('dropdownOptions', itemIndex, '')).map((text) => ({ text }))
				: (((ctx.getNodeParameter('dropdownChoices', itemIndex, {}) as IDataObject).option as IDataObject[] | undefined) ?? [])
						.filter((option) => String(option.text ?? '').trim() !== '')
						.map((option) => {
							const id = String(option.id ?? '').trim();
							return id ? { id, text: String(option.text).trim() } : { text: String(option.text).trim() };
						});
		if (options.length === 0) {
			throw invalidParameter(node, itemIndex, 'Dropdown Options', 'a dropdown needs at least one option', 'Add the choices people can pick');
		}
		body.options = options;
	}
	if (type === 'object') {
		const subfields = ((ctx.getNodeParameter('subfields', itemIndex, {}) as IDataObject).subfield as IDataObject[] | undefined) ?? [];
		if (subfields.length === 0 || subfields.length > 10) {
			throw invalidParameter(node, itemIndex, 'Subfields', `an object field needs 1 to 10 subfields, not ${subfields.length}`, 'Add between one and ten subfields');
		}
		body.subfields = subfields.map((subfield, index) => {
			const id = String(subfield.id ?? '').trim();
			checkFieldId(ctx, itemIndex, `Subfields > Subfield ID (${index + 1})`, id);
			const text = String(subfield.text ?? '').trim();
			if (!text) {
				throw invalidParameter(node, itemIndex, `Subfields > Label (${index + 1})`, 'is empty', 'Give every subfield a label');
			}
			return { id, text, type: subfield.type ?? 'text' };
		});
	}
	return body;
}

const operations: LeverOperation[] = [
	{
		value: 'addOptions',
		name: 'Add Options',
		action: 'Add options to a requisition field',
		description: 'Append choices to a dropdown requisition field',
		method: 'POST',
		path: '/requisition_fields/{requisition_field}/options',
		pathParameters: { requisition_field: 'fieldKey' },
		properties: [
			{
				displayName: 'Options to Add',
				name: 'optionTexts',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. Marketing, Legal',
				description: 'Texts of the new choices (comma or newline separated)',
			},
		],
		request(itemIndex) {
			const texts = toList(this.getNodeParameter('optionTexts', itemIndex, ''));
			if (texts.length === 0) {
				throw invalidParameter(this.getNode(), itemIndex, 'Options to Add', 'is empty', 'Enter at least one choice, e.g. Marketing');
			}
			return { body: { values: texts.map((text) => ({ text })) } };
		},
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create a requisition field',
		description: 'Add a custom field to the requisition form (text, number, date, dropdown or object)',
		method: 'POST',
		path: '/requisition_fields',
		properties: schemaFields('create'),
		request(itemIndex) {
			return { body: schemaBody(this, itemIndex, 'create') };
		},
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a requisition field',
		description: 'Remove a custom field from the requisition form',
		method: 'DELETE',
		path: '/requisition_fields/{requisition_field}',
		pathParameters: { requisition_field: 'fieldKey' },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a requisition field',
		description: 'Retrieve the schema of one requisition field, with its options or subfields',
		method: 'GET',
		path: '/requisition_fields/{requisition_field}',
		pathParameters: { requisition_field: 'fieldKey' },
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many requisition fields',
		description: 'Retrieve many requisition field schemas of the account, optionally only required ones or one type',
		method: 'GET',
		path: '/requisition_fields',
		list: 'unpaged',
		properties: [
			optionalFields('filters', [
				{
					displayName: 'Is Required',
					name: 'isRequired',
					type: 'boolean',
					default: true,
					description: 'Whether to return only required fields (on) or only optional ones (off)',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: TYPE_OPTIONS,
					default: 'text',
					description: 'Only fields of this type',
				},
			]),
		],
		request(itemIndex) {
			const filters = getCollection(this, 'filters', itemIndex);
			const qs: IDataObject = {};
			if (typeof filters.isRequired === 'boolean') qs.isRequired = filters.isRequired;
			if (filters.type) qs.type = filters.type;
			return { qs };
		},
	},
	{
		value: 'removeOptions',
		name: 'Remove Options',
		action: 'Remove options from a requisition field',
		description: 'Delete choices of a dropdown requisition field by their option IDs',
		method: 'DELETE',
		path: '/requisition_fields/{requisition_field}/options',
		pathParameters: { requisition_field: 'fieldKey' },
		properties: [
			{
				displayName: 'Option IDs',
				name: 'optionIds',
				type: 'string',
				required: true,
				default: '',
				description: 'IDs of the choices to remove (comma or newline separated), as shown by Get',
			},
		],
		request(itemIndex) {
			const ids = toList(this.getNodeParameter('optionIds', itemIndex, ''));
			if (ids.length === 0) {
				throw invalidParameter(this.getNode(), itemIndex, 'Option IDs', 'is empty', 'Enter the IDs of the options to remove');
			}
			return { body: { values: ids } };
		},
	},
	{
		value: 'renameOptions',
		name: 'Rename Options',
		action: 'Rename options of a requisition field',
		description: 'Change the text of existing choices of a dropdown requisition field',
		method: 'PUT',
		path: '/requisition_fields/{requisition_field}/options',
		pathParameters: { requisition_field: 'fieldKey' },
		idempotent: true,
		properties: [
			{
				displayName: 'Options to Rename',
				name: 'renames',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				required: true,
				default: {},
				placeholder: 'Add Option',
				options: [
					{
						displayName: 'Option',
						name: 'option',
						values: [
							{
								displayName: 'New Text',
								name: 'text',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Option ID',
								name: 'id',
								type: 'string',
								default: '',
								description: 'ID of the existing choice, as shown by Get',
							},
						],
					},
				],
			},
		],
		request(itemIndex) {
			const node = this.getNode();
			const options = ((this.getNodeParameter('renames', itemIndex, {}) as IDataObject).option as IDataObject[] | undefined) ?? [];
			if (options.length === 0) {
				throw invalidParameter(node, itemIndex, 'Options to Rename', 'is empty', 'Add the option IDs and their new texts');
			}
			const values = options.map((option, index) => {
				const id = String(option.id ?? '').trim();
				const text = String(option.text ?? '').trim();
				if (!id || !text) {
					throw invalidParameter(node, itemIndex, `Options to Rename (${index + 1})`, 'needs both an option ID and a new text', 'Fill in Option ID and New Text');
				}
				return { id, text };
			});
			return { body: { values } };
		},
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a requisition field',
		description:
			'Replace the schema of a requisition field; parts left out are lost, and requisitions using a changed field become read-only',
		method: 'PUT',
		path: '/requisition_fields/{requisition_field}',
		pathParameters: { requisition_field: 'fieldKey' },
		idempotent: true,
		properties: schemaFields('update'),
		request(itemIndex) {
			return { body: schemaBody(this, itemIndex, 'update') };
		},
	},
];

export const requisitionFieldResource: LeverResource = {
	value: 'requisitionField',
	name: 'Requisition Field',
	description: 'Custom fields of the requisition form, and the choices of dropdown fields',
	operations,
};
