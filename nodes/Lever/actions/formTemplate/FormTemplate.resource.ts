import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection, toList } from '../../helpers/parameters';
import { invalidParameter } from '../../shared/rules';
import { jsonArray, pick, requiredString, templateUpdateBody } from '../../helpers/writes';
import type { LeverOperation, LeverResource } from '../types';

const FIELD_TYPES = ['currency', 'date', 'dropdown', 'multiple-choice', 'multiple-select', 'text', 'textarea', 'yes-no'];
const FIELDS_EXAMPLE =
	'[{"type": "text", "text": "Notice period", "required": true}, {"type": "dropdown", "text": "Work permit", "options": [{"text": "Yes"}, {"text": "No"}]}]';

function templateFields(kind: 'create' | 'update'): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Name',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Offer Details',
			description: 'Name of the profile form template',
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fields',
			type: 'json',
			required: true,
			default: '[]',
			description: `The questions as a JSON array (at least one); each has type (${FIELD_TYPES.join(', ')}), text and optionally description, required and options (a list of {"text": …})`,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Group ID',
					name: 'group',
					type: 'string',
					default: '',
					description: 'ID of the template group to file the template under',
				},
				{
					displayName: 'Instructions',
					name: 'instructions',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					description: 'Guidance shown above the questions',
				},
				{
					displayName: 'Secret by Default',
					name: 'secretByDefault',
					type: 'boolean',
					default: false,
					description: 'Whether forms made from this template are hidden from users without access to secret forms',
				},
			],
		},
	];
	// Create starts from a working example; Update starts empty, which keeps the template's questions.
	return properties.map((property) => {
		if (property.name !== 'fields') return property;
		if (kind === 'create') return { ...property, default: FIELDS_EXAMPLE };
		// Optional on Update: no `required` key at all (n8n's rule: never `required: false`).
		const optional = { ...property };
		delete optional.required;
		return {
			...optional,
			description: `${property.description}. Leave it empty ([]) to keep the template's current questions, e.g. to rename it.`,
		};
	});
}

/** The template as entered; Fields (JSON) may be left empty on Update only. */
function readTemplate(ctx: IExecuteFunctions, itemIndex: number, kind: 'create' | 'update'): { text: string; fields?: IDataObject[]; settings: IDataObject } {
	const text = requiredString(ctx, 'text', itemIndex, 'Name', 'Enter the name of the template');
	const fields = jsonArray(ctx.getNode(), itemIndex, 'Fields (JSON)', ctx.getNodeParameter('fields', itemIndex, ''), { required: kind === 'create', example: FIELDS_EXAMPLE });
	fields?.forEach((field, index) => {
		if (typeof field.type !== 'string' || !FIELD_TYPES.includes(field.type)) {
			throw invalidParameter(
				ctx.getNode(),
				itemIndex,
				`Fields (JSON) > field ${index + 1}`,
				`type ${JSON.stringify(field.type ?? null)} is not a profile form field type`,
				`Use one of ${FIELD_TYPES.join(', ')}`,
			);
		}
		if (typeof field.text !== 'string' || field.text.trim() === '') {
			throw invalidParameter(ctx.getNode(), itemIndex, `Fields (JSON) > field ${index + 1}`, 'has no text', 'Give every field the question text');
		}
	});
	return { text, fields, settings: pick(getCollection(ctx, 'additionalFields', itemIndex), ['instructions', 'group', 'secretByDefault']) };
}

const formTemplate = '/form_templates/{form_template}';

const operations: LeverOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a form template',
		description: 'Create a profile form template (forms filled in on a candidate profile)',
		method: 'POST',
		path: '/form_templates',
		properties: templateFields('create'),
		request(itemIndex) {
			const { text, fields, settings } = readTemplate(this, itemIndex, 'create');
			return { body: { text, fields, ...settings } };
		},
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a form template',
		description: 'Delete a profile form template that was created through the API (others cannot be deleted)',
		method: 'DELETE',
		path: formTemplate,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a form template',
		description: 'Retrieve one profile form template with its questions',
		method: 'GET',
		path: formTemplate,
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many form templates',
		description: 'Retrieve many active profile form templates',
		method: 'GET',
		path: '/form_templates',
		list: 'cursor',
		properties: [
			{
				displayName: 'Include Only',
				name: 'include',
				type: 'multiOptions',
				options: [
					{ name: 'Fields', value: 'fields' },
					{ name: 'Group', value: 'group' },
					{ name: 'Name', value: 'text' },
				],
				default: [],
				description: 'Restrict each template to these fields (Lever returns every field when empty)',
			},
		],
		request(itemIndex) {
			const include = toList(this.getNodeParameter('include', itemIndex, []));
			return { qs: include.length ? { include } : {} };
		},
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a form template',
		description: 'Replace the name, questions, instructions and secrecy of a profile form template',
		method: 'PUT',
		path: formTemplate,
		idempotent: true,
		properties: templateFields('update'),
		/** Lever's PUT replaces the whole template: without new questions, the current ones are read and kept. */
		async request(itemIndex, { path, settings }) {
			return { body: await templateUpdateBody(this, itemIndex, path, readTemplate(this, itemIndex, 'update'), ['instructions', 'group', 'secretByDefault'], settings) };
		},
	},
];

export const formTemplateResource: LeverResource = {
	value: 'formTemplate',
	name: 'Form Template',
	description: 'Profile form templates (structured forms on a candidate profile)',
	operations,
};
