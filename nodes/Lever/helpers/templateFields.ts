import type {
	FieldType,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';

import { toList } from './parameters';
import type { DateContext } from '../shared';
import { invalidParameter, toMilliseconds } from '../shared';

/**
 * The answers to a template's fields (feedback or profile form): a resource mapper the editor fills with
 * the fields of the template chosen in Template Name or ID, read by `resourceMapperMethod`.
 */
export function templateAnswersField(name: string, resourceMapperMethod: string, description: string): INodeProperties {
	return {
		displayName: 'Fields',
		name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['templateId'],
			resourceMapper: {
				resourceMapperMethod,
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
		description,
	};
}

/**
 * Lever form-field types (docs/lever-api.md, Form field types) → the resource mapper's input widget.
 * `file-upload` is absent on purpose: a file object cannot be typed into a form, so it is not offered.
 */
const FIELD_TYPES: Record<string, FieldType> = {
	code: 'string',
	currency: 'number',
	date: 'dateTime',
	dropdown: 'options',
	'multiple-choice': 'options',
	'multiple-select': 'array',
	note: 'string',
	score: 'options',
	'score-system': 'options',
	scorecard: 'array',
	text: 'string',
	textarea: 'string',
	university: 'string',
	'yes-no': 'options',
};

const SCORE_OPTIONS: INodePropertyOptions[] = [
	{ name: '1 - Strong No', value: 1 },
	{ name: '2 - No', value: 2 },
	{ name: '3 - Yes', value: 3 },
	{ name: '4 - Strong Yes', value: 4 },
];

const SCORE_SYSTEM_OPTIONS = ['4 - Strong Hire', '3 - Hire', '2 - No Hire', '1 - Strong No Hire'];

/** The id a template field is known by in the mapper: Lever's field id, else its position. */
export function templateFieldId(field: IDataObject, index: number): string {
	const id = field.id;
	return typeof id === 'string' && id !== '' ? id : `field_${index}`;
}

function optionTexts(field: IDataObject): string[] {
	const options = Array.isArray(field.options) ? (field.options as IDataObject[]) : [];
	return options.map((option) => String(option.text ?? '')).filter((text) => text !== '');
}

/** Reads the `fields` of a Lever feedback or profile-form template as resource-mapper fields. */
export function templateToMapperFields(template: IDataObject): ResourceMapperField[] {
	const fields = Array.isArray(template.fields) ? (template.fields as IDataObject[]) : [];
	const result: ResourceMapperField[] = [];
	fields.forEach((field, index) => {
		const leverType = String(field.type ?? 'text');
		const type = FIELD_TYPES[leverType];
		if (!type) return;
		const label = String(field.text ?? field.prompt ?? templateFieldId(field, index));
		const mapped: ResourceMapperField = {
			id: templateFieldId(field, index),
			displayName: leverType === 'scorecard' ? `${label} (scorecard: [{"score": 1-4, "comment": "..."}])` : label,
			required: field.required === true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type,
		};
		if (leverType === 'score') {
			mapped.options = SCORE_OPTIONS;
		} else if (leverType === 'yes-no') {
			mapped.options = [
				{ name: 'Yes', value: 'yes' },
				{ name: 'No', value: 'no' },
			];
		} else if (type === 'options') {
			const texts = optionTexts(field);
			const choices = texts.length ? texts : leverType === 'score-system' ? SCORE_SYSTEM_OPTIONS : [];
			if (choices.length) {
				mapped.options = choices.map((text) => ({ name: text, value: text }));
			} else {
				mapped.type = 'string';
			}
		}
		result.push(mapped);
	});
	return result;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function convertValue(ctx: DateContext, itemIndex: number, label: string, field: ResourceMapperField, value: unknown): unknown {
	const node = ctx.getNode();
	switch (field.type) {
		case 'dateTime':
			return toMilliseconds(ctx, itemIndex, label, value);
		case 'number': {
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isFinite(number)) {
				throw invalidParameter(node, itemIndex, label, `"${String(value)}" is not a number`, 'Enter a number such as 85000');
			}
			return number;
		}
		case 'boolean':
			return value === true || String(value).toLowerCase() === 'true';
		case 'array': {
			if (Array.isArray(value)) return value;
			const text = String(value).trim();
			if (text.startsWith('[')) {
				let parsed: unknown;
				try {
					parsed = JSON.parse(text);
				} catch {
					parsed = undefined;
				}
				if (!Array.isArray(parsed)) {
					throw invalidParameter(node, itemIndex, label, 'is not a valid JSON array', 'Use e.g. ["Option A", "Option B"] or [{"score": 3, "comment": "Solid"}]');
				}
				return parsed;
			}
			return toList(text);
		}
		case 'options': {
			if (!field.options?.length) return value;
			const match = field.options.find((option) => String(option.value) === String(value).trim());
			if (!match) {
				throw invalidParameter(
					node,
					itemIndex,
					label,
					`"${String(value)}" is not one of the template's choices`,
					`Use one of: ${field.options.map((option) => String(option.value)).join(', ')}`,
				);
			}
			return match.value;
		}
		default:
			return typeof value === 'string' ? value : JSON.stringify(value);
	}
}

/**
 * The values of a resource-mapper parameter filled from a Lever template, converted to what Lever
 * expects (dates in ms, arrays, option texts). Keys are the template's field ids. Required fields
 * left empty are reported by name before any request.
 */
export function mappedTemplateValues(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	label: string,
): Map<string, unknown> {
	const node = ctx.getNode();
	const mapping = (ctx.getNodeParameter(parameterName, itemIndex, {}) ?? {}) as Partial<ResourceMapperValue>;
	const values = (mapping.value ?? {}) as IDataObject;
	const schema = Array.isArray(mapping.schema) ? mapping.schema : [];
	const byId = new Map(schema.map((field) => [field.id, field]));
	const result = new Map<string, unknown>();
	for (const field of schema) {
		if (field.required && !field.removed && isEmpty(values[field.id])) {
			throw invalidParameter(
				node,
				itemIndex,
				`${label} > ${field.displayName}`,
				'is required by the template but has no value',
				`Fill in "${field.displayName}" or choose another template`,
			);
		}
	}
	for (const [id, value] of Object.entries(values)) {
		if (isEmpty(value)) continue;
		const field: ResourceMapperField = byId.get(id) ?? {
			id,
			displayName: id,
			required: false,
			defaultMatch: false,
			display: true,
			type: 'string',
		};
		result.set(id, convertValue(ctx, itemIndex, `${label} > ${field.displayName}`, field, value));
	}
	return result;
}
