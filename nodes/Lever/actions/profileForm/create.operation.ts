import type { IDataObject, ResourceMapperField, ResourceMapperValue } from 'n8n-workflow';

import type { LeverOperation } from '../types';
import { getCollection } from '../../helpers/parameters';
import { assertTemplateId, invalidParameter, nameOrIdField, optionalFields } from '../../shared';
import { mappedTemplateValues, templateAnswersField, templateFieldId } from '../../helpers/templateFields';
import { leverApiRequest } from '../../transport';

/**
 * #46 POST /opportunities/{opportunity}/forms. Lever wants every template field back with its value
 * (`fields: [{...field, value}]`), so the template is read first and the mapped values merged into it.
 */
export const createProfileFormOperation: LeverOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a profile form',
	description:
		'Fill in a profile form template for an opportunity (e.g. screening questions or candidate details); fields appear once a template is chosen',
	method: 'POST',
	path: '/opportunities/{opportunity}/forms',
	pathParameters: { opportunity: 'opportunity' },
	performAs: 'optional',
	properties: [
		nameOrIdField({ label: 'Template', name: 'templateId', loadOptionsMethod: 'getFormTemplates', required: true, description: 'The profile form template to fill in; its fields appear below' }),
		templateAnswersField(
			'fields',
			'getFormTemplateFields',
			'The answers, one per field of the template: choices as their option text, yes-no as "yes" or "no", dates as ISO dates, currency as a number, multiple-select as a JSON array of option texts (e.g. ["German", "English"])',
		),
		optionalFields('options', [
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'boolean',
				default: false,
				description:
					'Whether only users with access to sensitive information can see the form (overrides the template setting when set)',
			},
		]),
	],
	async request(i, { settings }) {
		const node = this.getNode();
		const templateId = assertTemplateId(node, i, this.getNodeParameter('templateId', i, ''), 'Choose the profile form template to fill in');
		const values = mappedTemplateValues(this, i, 'fields', 'Fields');
		const options = getCollection(this, 'options', i);
		const response = (await leverApiRequest.call(this, {
			method: 'GET',
			path: `/form_templates/${templateId}`,
			itemIndex: i,
			settings,
		})) as IDataObject;
		const template = ((response?.data as IDataObject | undefined) ?? response ?? {}) as IDataObject;
		const templateFields = Array.isArray(template.fields) ? (template.fields as IDataObject[]) : [];
		// A value mapped to a field the template does not have would be dropped without a word: refuse it.
		const templateIds = new Set(templateFields.map((field, index) => templateFieldId(field, index)));
		const strays = [...values.keys()].filter((id) => !templateIds.has(id));
		if (strays.length) {
			const schema = ((this.getNodeParameter('fields', i, {}) as Partial<ResourceMapperValue>)?.schema ?? []) as ResourceMapperField[];
			const names = strays.map((id) => `"${schema.find((field) => field.id === id)?.displayName ?? id}"`);
			throw invalidParameter(
				node,
				i,
				`Fields > ${names.join(', ')}`,
				`${strays.length === 1 ? 'is not a field' : 'are not fields'} of the template "${String(template.text ?? templateId)}"`,
				'Refresh the field list (the template changed, or another template was chosen) and map the value to one of its fields, or remove it',
			);
		}
		const fields = templateFields.map((field, index) => {
			const id = templateFieldId(field, index);
			const value = values.has(id) ? values.get(id) : null;
			if (field.required === true && value === null && field.type !== 'file-upload') {
				throw invalidParameter(
					node,
					i,
					`Fields > ${String(field.text ?? id)}`,
					'is required by the template but has no value',
					'Fill in the field, or refresh the field list if the template changed',
				);
			}
			return { ...field, value } as IDataObject;
		});
		const body: IDataObject = { baseTemplateId: templateId, fields };
		if (options.secret !== undefined) body.secret = options.secret;
		return { body };
	},
};
