import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LeverResource } from '../types';
import { convertCollection, getCollection } from '../../helpers/parameters';
import { assertLeverId, assertTemplateId, invalidParameter, nameOrIdField, optionalFields } from '../../shared';
import { mappedTemplateValues, templateAnswersField } from '../../helpers/templateFields';
import { convertDates } from '../../helpers/dateFilters';

function templateField(description: string): INodeProperties {
	return nameOrIdField({ label: 'Template', name: 'templateId', loadOptionsMethod: 'getFeedbackTemplates', required: true, description });
}

const fieldValuesField = templateAnswersField(
	'fieldValues',
	'getFeedbackTemplateFields',
	'The scorecard answers, one per field of the template: choices as their option text (e.g. "3 - Hire"), dates as ISO dates, multiple-select as a JSON array of option texts (e.g. ["Go", "SQL"]), scorecards as a JSON array [{"score": 1-4, "comment": "..."}] with one entry per skill.',
);

function templateId(ctx: IExecuteFunctions, itemIndex: number): string {
	return assertTemplateId(ctx.getNode(), itemIndex, ctx.getNodeParameter('templateId', itemIndex, ''), 'Choose the feedback template (scorecard) to fill in');
}

function fieldValues(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const values = mappedTemplateValues(ctx, itemIndex, 'fieldValues', 'Fields');
	return [...values.entries()].map(([id, value]) => ({ id, value }) as IDataObject);
}

/** #17–#21: interview feedback forms (scorecards) of an opportunity. */
export const feedbackResource: LeverResource = {
	value: 'feedback',
	name: 'Feedback',
	description: 'Interview feedback forms (scorecards) filled in about an opportunity',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a feedback form',
			description:
				'Submit a completed feedback form (scorecard) for an opportunity from a feedback template, optionally tied to an interview of a panel',
			method: 'POST',
			path: '/opportunities/{opportunity}/feedback',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
			properties: [
				templateField('The feedback template (scorecard) to fill in; its fields appear below'),
				fieldValuesField,
				optionalFields('additionalFields', [
					{
						displayName: 'Completed At',
						name: 'completedAt',
						type: 'dateTime',
						default: '',
						description: 'When the feedback was completed (defaults to now)',
					},
					{
						displayName: 'Created At',
						name: 'createdAt',
						type: 'dateTime',
						default: '',
						description: 'When the feedback was started',
					},
					{
						displayName: 'Interview ID',
						name: 'interview',
						type: 'string',
						default: '',
						placeholder: 'e.g. 7b8e1b6e-0f0c-4f5e-9a43-2a6a2f1f7c11',
						description: 'The interview this feedback is about; must belong to the panel given in Panel ID (set both or neither)',
					},
					{
						displayName: 'Panel ID',
						name: 'panel',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
						description: 'The interview panel this feedback is about (set together with Interview ID)',
					},
				]),
			],
			request(i) {
				const node = this.getNode();
				const extra = convertCollection(
					this,
					i,
					'Additional Fields',
					convertDates(this, i, 'Additional Fields', getCollection(this, 'additionalFields', i), {
						completedAt: 'Completed At',
						createdAt: 'Created At',
					}),
				);
				if (extra.panel !== undefined) extra.panel = assertLeverId(node, i, 'Additional Fields > Panel ID', String(extra.panel));
				if (extra.interview !== undefined) {
					extra.interview = assertLeverId(node, i, 'Additional Fields > Interview ID', String(extra.interview));
				}
				if ((extra.panel === undefined) !== (extra.interview === undefined)) {
					throw invalidParameter(
						node,
						i,
						extra.panel === undefined ? 'Additional Fields > Panel ID' : 'Additional Fields > Interview ID',
						'is missing: Lever needs both the panel and the interview, or neither',
						'Set both Panel ID and Interview ID (the interview must belong to the panel), or remove both',
					);
				}
				const body: IDataObject = { baseTemplateId: templateId(this, i) };
				const values = fieldValues(this, i);
				if (values.length) body.fieldValues = values;
				return { body: { ...body, ...extra } };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a feedback form',
			description: 'Delete a feedback form of an opportunity (Lever keeps it readable with deletedAt set)',
			method: 'DELETE',
			path: '/opportunities/{opportunity}/feedback/{feedback}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a feedback form',
			description: 'Retrieve one feedback form of an opportunity with its fields and answers',
			method: 'GET',
			path: '/opportunities/{opportunity}/feedback/{feedback}',
			pathParameters: { opportunity: 'opportunity' },
			expand: ['user'],
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many feedback forms',
			description: 'List the feedback forms (interview scorecards) of an opportunity',
			method: 'GET',
			path: '/opportunities/{opportunity}/feedback',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: ['user'],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a feedback form',
			description: 'Change the answers and/or completion time of a feedback form',
			method: 'PUT',
			path: '/opportunities/{opportunity}/feedback/{feedback}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
			properties: [
				templateField('The template the feedback form was created from (its baseTemplateId); used only to list the fields to change'),
				fieldValuesField,
				optionalFields('updateFields', [
					{
						displayName: 'Completed At',
						name: 'completedAt',
						type: 'dateTime',
						default: '',
						description: 'When the feedback was completed',
					},
				]),
			],
			request(i) {
				templateId(this, i);
				const body: IDataObject = convertDates(this, i, 'Update Fields', getCollection(this, 'updateFields', i), {
					completedAt: 'Completed At',
				});
				const values = fieldValues(this, i);
				if (values.length) body.fieldValues = values;
				if (!Object.keys(body).length) {
					throw invalidParameter(
						this.getNode(),
						i,
						'Fields',
						'nothing to update',
						'Fill in at least one field of the template, or set Update Fields > Completed At',
					);
				}
				return { body };
			},
		},
	],
};
