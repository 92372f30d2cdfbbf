import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { invalidParameter } from '../../shared/rules';
import { jsonArray, pick, requiredString, templateUpdateBody } from '../../helpers/writes';
import type { LeverOperation, LeverResource } from '../types';

const FIELDS_EXAMPLE =
	'[{"type": "score-system", "text": "Overall rating", "required": true}, {"type": "textarea", "text": "Strengths", "required": false}]';

function templateFields(kind: 'create' | 'update'): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Name',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Technical Interview Scorecard',
			description: 'Name of the feedback template',
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fields',
			type: 'json',
			required: true,
			default: '[]',
			description:
				'The questions as a JSON array; each has type, text and optionally description, required, options (a list of {"text": …}), prompt and scores (for scorecard). Exactly one field must be of type score-system.',
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
					description: 'Guidance shown to the interviewer above the questions',
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
		if (typeof field.type !== 'string' || typeof field.text !== 'string' || field.text.trim() === '') {
			throw invalidParameter(ctx.getNode(), itemIndex, `Fields (JSON) > field ${index + 1}`, 'needs a type and a text', `For example ${FIELDS_EXAMPLE}`);
		}
	});
	const scoreSystems = fields?.filter((field) => field.type === 'score-system').length;
	if (scoreSystems !== undefined && scoreSystems !== 1) {
		throw invalidParameter(
			ctx.getNode(),
			itemIndex,
			'Fields (JSON)',
			`has ${scoreSystems} fields of type score-system`,
			'Lever needs exactly one score-system field (the overall rating) in a feedback template',
		);
	}
	return { text, fields, settings: pick(getCollection(ctx, 'additionalFields', itemIndex), ['instructions', 'group']) };
}

const feedbackTemplate = '/feedback_templates/{feedback_template}';

const operations: LeverOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a feedback template',
		description: 'Create an interview feedback (scorecard) template',
		method: 'POST',
		path: '/feedback_templates',
		properties: templateFields('create'),
		request(itemIndex) {
			const { text, fields, settings } = readTemplate(this, itemIndex, 'create');
			return { body: { text, fields, ...settings } };
		},
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a feedback template',
		description: 'Delete a feedback template that was created through the API (others cannot be deleted)',
		method: 'DELETE',
		path: feedbackTemplate,
		pathParameters: { feedback_template: 'uuidOrSlug' },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a feedback template',
		description: 'Retrieve one feedback template with its questions',
		method: 'GET',
		path: feedbackTemplate,
		pathParameters: { feedback_template: 'uuidOrSlug' },
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many feedback templates',
		description: 'Retrieve many active feedback templates, including the built-in no-feedback one',
		method: 'GET',
		path: '/feedback_templates',
		list: 'cursor',
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a feedback template',
		description: 'Replace the name, questions and instructions of a feedback template',
		method: 'PUT',
		path: feedbackTemplate,
		pathParameters: { feedback_template: 'uuidOrSlug' },
		idempotent: true,
		properties: templateFields('update'),
		/** Lever's PUT replaces the whole template: without new questions, the current ones are read and kept. */
		async request(itemIndex, { path, settings }) {
			return { body: await templateUpdateBody(this, itemIndex, path, readTemplate(this, itemIndex, 'update'), ['instructions', 'group'], settings) };
		},
	},
];

export const feedbackTemplateResource: LeverResource = {
	value: 'feedbackTemplate',
	name: 'Feedback Template',
	description: 'Interview scorecard templates',
	operations,
};
