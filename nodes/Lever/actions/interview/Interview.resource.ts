import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LeverResource } from '../types';
import { interviewCore, interviewFields } from '../../helpers/interviews';
import { convertCollection, getCollection } from '../../helpers/parameters';
import { assertLeverId, optionalFields } from '../../shared';

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
		interviewFields.interviewers('The Lever users conducting the interview (at least one)', true),
		interviewFields.date('When the interview starts', true),
		interviewFields.duration(true),
		optionalFields('additionalFields', [
			interviewFields.feedbackReminder('frequently', 'How often interviewers are reminded to submit feedback'),
			interviewFields.feedbackTemplate(),
			interviewFields.location(),
			interviewFields.note(3),
			interviewFields.subject('e.g. Onsite: system design'),
		]),
	];
	if (replace) {
		properties[properties.length - 1].description = 'Fields left out are cleared: the update replaces the whole interview';
	}
	return properties;
}

function interviewBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const node = ctx.getNode();
	const panel = assertLeverId(node, i, 'Panel ID', String(ctx.getNodeParameter('panel', i, '') ?? ''));
	const core = interviewCore(ctx, i, '', {
		date: ctx.getNodeParameter('date', i, ''),
		duration: ctx.getNodeParameter('duration', i, 60),
		interviewers: ctx.getNodeParameter('interviewers', i, []),
	});
	const extra = convertCollection(ctx, i, 'Additional Fields', getCollection(ctx, 'additionalFields', i));
	return { panel, interviewers: core.interviewers, date: core.date, duration: core.duration, ...extra };
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
