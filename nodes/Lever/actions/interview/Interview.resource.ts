import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LeverResource } from '../types';
import { FEEDBACK_REMINDER_OPTIONS } from '../../helpers/interviews';
import { convertCollection, getCollection, toList } from '../../helpers/parameters';
import { assertLeverId, invalidParameter, toMilliseconds } from '../../shared/rules';
import { nameOrIdField } from '../../shared/fields';

const INTERVIEW_EXPAND = ['feedbackForms', 'postings', 'stage', 'user'];

/** Create and Update share their fields: Lever's PUT replaces the whole interview. */
function interviewProperties(replace: boolean): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Panel ID',
			name: 'panel',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
			description:
				'The interview panel the interview belongs to; only panels created through the API (externallyManaged) accept interviews',
		},
		nameOrIdField({ label: 'Interviewer', name: 'interviewers', loadOptionsMethod: 'getUsers', multiple: true, required: true, description: 'The Lever users conducting the interview (at least one)' }),
		{
			displayName: 'Date',
			name: 'date',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When the interview starts',
		},
		{
			displayName: 'Duration (Minutes)',
			name: 'duration',
			type: 'number',
			required: true,
			default: 60,
			typeOptions: { minValue: 1 },
			description: 'Length of the interview in minutes',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Feedback Reminder',
					name: 'feedbackReminder',
					type: 'options',
					options: FEEDBACK_REMINDER_OPTIONS,
					default: 'frequently',
					description: 'How often interviewers are reminded to submit feedback',
				},
				nameOrIdField({ label: 'Feedback Template', name: 'feedbackTemplate', loadOptionsMethod: 'getFeedbackTemplates', description: 'Scorecard the interviewers fill in' }),
				{
					displayName: 'Location',
					name: 'location',
					type: 'string',
					default: '',
					placeholder: 'e.g. Room 4 or https://meet.example.com/abc',
				},
				{
					displayName: 'Note',
					name: 'note',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					description: 'Instructions for the interviewers',
				},
				{
					displayName: 'Subject',
					name: 'subject',
					type: 'string',
					default: '',
					placeholder: 'e.g. Onsite: system design',
				},
			],
		},
	];
	if (replace) {
		properties[properties.length - 1].description = 'Fields left out are cleared: the update replaces the whole interview';
	}
	return properties;
}

function interviewBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const node = ctx.getNode();
	const panel = assertLeverId(node, i, 'Panel ID', String(ctx.getNodeParameter('panel', i, '') ?? ''));
	const interviewers = toList(ctx.getNodeParameter('interviewers', i, []));
	if (!interviewers.length) {
		throw invalidParameter(node, i, 'Interviewer Names or IDs', 'is empty', 'Choose at least one Lever user to conduct the interview');
	}
	interviewers.forEach((id) => assertLeverId(node, i, 'Interviewer Names or IDs', id));
	const date = toMilliseconds(ctx, i, 'Date', ctx.getNodeParameter('date', i, ''));
	const duration = Number(ctx.getNodeParameter('duration', i, 60));
	if (!Number.isInteger(duration) || duration < 1) {
		throw invalidParameter(node, i, 'Duration (Minutes)', `"${duration}" is not a whole number of minutes`, 'Enter the length in minutes, e.g. 45');
	}
	const extra = convertCollection(ctx, i, 'Additional Fields', getCollection(ctx, 'additionalFields', i));
	return { panel, interviewers: interviewers.map((id) => ({ id })), date, duration, ...extra };
}

/** #27–#31: interviews of an opportunity; writes only on panels created through the API. */
export const interviewResource: LeverResource = {
	value: 'interview',
	name: 'Interview',
	description: 'Scheduled interviews of an opportunity (changes only on API-managed panels)',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create an interview',
			description:
				'Schedule an interview inside an existing API-managed panel of the opportunity (create the panel first with Panel → Create)',
			method: 'POST',
			path: '/opportunities/{opportunity}/interviews',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
			properties: interviewProperties(false),
			request(i) {
				return { body: interviewBody(this, i) };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete an interview',
			description: 'Delete an interview of an API-managed panel; deleting the last interview also deletes the panel',
			method: 'DELETE',
			path: '/opportunities/{opportunity}/interviews/{interview}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get an interview',
			description: 'Retrieve one interview of an opportunity: date, duration, interviewers, location, feedback forms',
			method: 'GET',
			path: '/opportunities/{opportunity}/interviews/{interview}',
			pathParameters: { opportunity: 'opportunity' },
			expand: INTERVIEW_EXPAND,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many interviews',
			description: 'List the interviews scheduled for an opportunity',
			method: 'GET',
			path: '/opportunities/{opportunity}/interviews',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: INTERVIEW_EXPAND,
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an interview',
			description:
				'Replace an interview of an API-managed panel: every field is rewritten, and optional fields left out are cleared',
			method: 'PUT',
			path: '/opportunities/{opportunity}/interviews/{interview}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
			properties: interviewProperties(true),
			request(i) {
				return { body: interviewBody(this, i) };
			},
		},
	],
};
