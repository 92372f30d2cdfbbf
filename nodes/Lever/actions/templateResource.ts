import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection } from '../helpers/parameters';
import { jsonArray, pick, requiredString, templateUpdateBody } from '../helpers/writes';
import type { LeverOperation, LeverResource, PathParameterKind } from './types';
import { optionalFields } from '../shared';

/**
 * Feedback templates and profile form templates are the same resource in Lever: a name, questions as
 * JSON and instructions, created, listed, read, replaced and deleted alike. Each kind brings its texts and
 * the rule its questions follow.
 */
export interface TemplateKind {
	value: string;
	name: string;
	description: string;
	/** Lever's collection path, e.g. `/feedback_templates`. */
	collection: string;
	/** The path placeholder of one template, e.g. `feedback_template`. */
	placeholder: string;
	/** How the template ID is checked (default: a UUID). */
	idKind?: PathParameterKind;
	/** In actions: `feedback template`, `form template`. */
	noun: string;
	/** In descriptions: `feedback template`, `profile form template`. */
	longNoun: string;
	nameExample: string;
	/** The example the Fields (JSON) of Create starts from. */
	fieldsExample: string;
	fieldsDescription: string;
	instructionsDescription: string;
	/** Options beyond Group ID and Instructions, sent in the body when set. */
	extraOptions?: INodeProperties[];
	/** Checks the questions, naming the field and the fix (`Fields (JSON) > field 2`). */
	checkFields: (ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject[]) => void;
	descriptions: { create: string; getMany: string; update: string };
	/** Get Many's own fields and request, when the kind has any. */
	getMany?: Pick<LeverOperation, 'properties' | 'request'>;
}

function templateFields(kind: TemplateKind, operation: 'create' | 'update'): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Name',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			placeholder: kind.nameExample,
			description: `Name of the ${kind.longNoun}`,
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fields',
			type: 'json',
			required: true,
			default: '[]',
			description: kind.fieldsDescription,
		},
		optionalFields('additionalFields', [
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
				description: kind.instructionsDescription,
			},
			...(kind.extraOptions ?? []),
		]),
	];
	// Create starts from a working example; Update starts empty, which keeps the template's questions.
	return properties.map((property) => {
		if (property.name !== 'fields') return property;
		if (operation === 'create') return { ...property, default: kind.fieldsExample };
		// Optional on Update: no `required` key at all (n8n's rule: never `required: false`).
		const optional = { ...property };
		delete optional.required;
		return {
			...optional,
			description: `${property.description}. Leave it empty ([]) to keep the template's current questions, e.g. to rename it.`,
		};
	});
}

/** The settings a template body carries besides its name and questions. */
function settingKeys(kind: TemplateKind): string[] {
	return ['instructions', 'group', ...(kind.extraOptions ?? []).map((option) => option.name)];
}

/** The template as entered; Fields (JSON) may be left empty on Update only. */
function readTemplate(kind: TemplateKind, ctx: IExecuteFunctions, itemIndex: number, operation: 'create' | 'update') {
	const text = requiredString(ctx, 'text', itemIndex, 'Name', 'Enter the name of the template');
	const fields = jsonArray(ctx.getNode(), itemIndex, 'Fields (JSON)', ctx.getNodeParameter('fields', itemIndex, ''), {
		required: operation === 'create',
		example: kind.fieldsExample,
	});
	if (fields) kind.checkFields(ctx, itemIndex, fields);
	return { text, fields, settings: pick(getCollection(ctx, 'additionalFields', itemIndex), settingKeys(kind)) as IDataObject };
}

export function templateResource(kind: TemplateKind): LeverResource {
	const one = `${kind.collection}/{${kind.placeholder}}`;
	const pathParameters = kind.idKind ? { [kind.placeholder]: kind.idKind } : undefined;
	const operations: LeverOperation[] = [
		{
			value: 'create',
			name: 'Create',
			action: `Create a ${kind.noun}`,
			description: kind.descriptions.create,
			method: 'POST',
			path: kind.collection,
			properties: templateFields(kind, 'create'),
			request(itemIndex) {
				const { text, fields, settings } = readTemplate(kind, this, itemIndex, 'create');
				return { body: { text, fields, ...settings } };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: `Delete a ${kind.noun}`,
			description: `Delete a ${kind.longNoun} that was created through the API (others cannot be deleted)`,
			method: 'DELETE',
			path: one,
			pathParameters,
		},
		{
			value: 'get',
			name: 'Get',
			action: `Get a ${kind.noun}`,
			description: `Retrieve one ${kind.longNoun} with its questions`,
			method: 'GET',
			path: one,
			pathParameters,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: `Get many ${kind.noun}s`,
			description: kind.descriptions.getMany,
			method: 'GET',
			path: kind.collection,
			list: 'cursor',
			...kind.getMany,
		},
		{
			value: 'update',
			name: 'Update',
			action: `Update a ${kind.noun}`,
			description: kind.descriptions.update,
			method: 'PUT',
			path: one,
			pathParameters,
			idempotent: true,
			properties: templateFields(kind, 'update'),
			/** Lever's PUT replaces the whole template: without new questions, the current ones are read and kept. */
			async request(itemIndex, { path, settings }) {
				const given = readTemplate(kind, this, itemIndex, 'update');
				return { body: await templateUpdateBody(this, itemIndex, path, given, settingKeys(kind), settings) };
			},
		},
	];
	return { value: kind.value, name: kind.name, description: kind.description, operations };
}
