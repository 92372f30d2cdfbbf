import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { templateToMapperFields } from '../helpers/templateFields';
import { TEMPLATE_ID_PATTERN } from '../shared';
import { leverApiRequest } from '../transport';


async function templateFields(
	this: ILoadOptionsFunctions,
	collection: 'feedback_templates' | 'form_templates',
	noun: string,
): Promise<ResourceMapperFields> {
	const templateId = String(this.getNodeParameter('templateId', '') ?? '').trim();
	if (!templateId) {
		return { fields: [], emptyFieldsNotice: `Choose a ${noun} template first; its fields appear here` };
	}
	if (!TEMPLATE_ID_PATTERN.test(templateId)) {
		return { fields: [], emptyFieldsNotice: `"${templateId}" is not a Lever template ID` };
	}
	const response = (await leverApiRequest.call(this, {
		method: 'GET',
		path: `/${collection}/${templateId}`,
	})) as IDataObject;
	// Form-template responses are documented without the `data` wrapper; accept both shapes.
	const template = ((response?.data as IDataObject | undefined) ?? response ?? {}) as IDataObject;
	const fields = templateToMapperFields(template);
	return {
		fields,
		emptyFieldsNotice: fields.length ? undefined : `This ${noun} template has no fields that can be filled in`,
	};
}

/** Fields of the chosen feedback template (interview scorecard), for Feedback → Create / Update. */
export async function getFeedbackTemplateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await templateFields.call(this, 'feedback_templates', 'feedback');
}

/** Fields of the chosen profile form template, for Profile Form → Create. */
export async function getFormTemplateFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await templateFields.call(this, 'form_templates', 'profile form');
}
