import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LeverResource } from '../types';
import { FEEDBACK_REMINDER_OPTIONS, interviewCore, interviewFields } from '../../helpers/interviews';
import { getCollection, toList } from '../../helpers/parameters';
import { assertLeverId, assertUrl, invalidParameter, optionalFields } from '../../shared';

const PANEL_EXPAND = ['stage', 'user'];

/** Fields of one interview inside a panel; `replace` adds the ID that keeps an existing interview. */
function interviewValues(replace: boolean): INodeProperties[] {
	const values: INodeProperties[] = [
		interviewFields.date('When the interview starts (required)'),
		interviewFields.duration(),
		interviewFields.feedbackReminder('daily', 'How often the interviewers are reminded to submit feedback'),
		interviewFields.feedbackTemplate(),
		interviewFields.interviewers('The Lever users conducting this interview (at least one)'),
		interviewFields.location(),
		interviewFields.note(),
		interviewFields.subject('e.g. Technical interview'),
	];
	if (replace) {
		values.splice(4, 0, {
			displayName: 'Interview ID',
			name: 'id',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7b8e1b6e-0f0c-4f5e-9a43-2a6a2f1f7c11',
			description: 'ID of an interview already in the panel, to keep it (leave empty to add a new interview)',
		});
	}
	return values;
}

function panelProperties(replace: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Interviews',
			name: 'interviews',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			required: true,
			placeholder: 'Add Interview',
			default: {},
			description: replace
				? 'Every interview the panel should have after the update; interviews not listed are removed'
				: 'The interviews of the panel (at least one)',
			options: [{ displayName: 'Interview', name: 'interview', values: interviewValues(replace) }],
		},
		optionalFields('additionalFields', [
			{
				displayName: 'Application IDs',
				name: 'applications',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0d8a7d7e-1c2b-4a3f-9e8d-7c6b5a4f3e2d',
				description: 'Comma-separated applications the panel is for (defaults to all active applications of the opportunity)',
			},
			{
				displayName: 'External URL',
				name: 'externalUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://scheduler.example.com/events/123',
				description: 'Link to the panel in the scheduling system that manages it',
			},
			{
				displayName: 'Feedback Reminder',
				name: 'feedbackReminder',
				type: 'options',
				options: FEEDBACK_REMINDER_OPTIONS,
				default: 'daily',
				description: 'How often interviewers are reminded to submit feedback (interviews may override it)',
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Note about the panel for the interviewers',
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: "IANA time zone of the panel (defaults to the workflow's time zone)",
			},
		]),
	];
}

function panelBody(ctx: IExecuteFunctions, i: number, replace: boolean): IDataObject {
	const node = ctx.getNode();
	const entries = ((getCollection(ctx, 'interviews', i).interview as IDataObject[] | undefined) ?? []).filter(Boolean);
	if (!entries.length) {
		throw invalidParameter(node, i, 'Interviews', 'is empty', 'Add at least one interview with a date, a duration and interviewers');
	}
	const interviews = entries.map((entry, index) => {
		const label = `Interviews > Interview ${index + 1}`;
		const interview: IDataObject = {};
		if (replace && String(entry.id ?? '').trim()) interview.id = assertLeverId(node, i, `${label} > Interview ID`, String(entry.id));
		Object.assign(interview, interviewCore(ctx, i, label, entry));
		for (const key of ['subject', 'note', 'location', 'feedbackTemplate', 'feedbackReminder']) {
			const value = entry[key];
			if (value !== undefined && value !== '') interview[key] = value;
		}
		return interview;
	});
	const extra = getCollection(ctx, 'additionalFields', i);
	const body: IDataObject = {
		timezone: String(extra.timezone ?? '').trim() || ctx.getTimezone(),
		interviews,
	};
	if (extra.applications !== undefined && extra.applications !== '') {
		const applications = toList(extra.applications).map((id) =>
			assertLeverId(node, i, 'Additional Fields > Application IDs', id),
		);
		if (applications.length) body.applications = applications;
	}
	for (const key of ['externalUrl', 'feedbackReminder', 'note']) {
		const value = extra[key];
		if (value !== undefined && value !== '') body[key] = value;
	}
	if (body.externalUrl !== undefined) body.externalUrl = assertUrl(node, i, 'Additional Fields > External URL', String(body.externalUrl));
	return body;
}

/** #39–#43: interview panels (one scheduling event with its interviews) of an opportunity. */
export const panelResource: LeverResource = {
	value: 'panel',
	name: 'Panel',
	description: 'Interview panels of an opportunity: one scheduled event grouping its interviews',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a panel',
			description:
				'Schedule an interview panel with its interviews (date, duration, interviewers) for an opportunity; the panel is API-managed so it can be changed later',
			method: 'POST',
			path: '/opportunities/{opportunity}/panels',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
			properties: panelProperties(false),
			request(i) {
				return { body: panelBody(this, i, false) };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a panel',
			description: 'Delete an API-managed interview panel and its interviews',
			method: 'DELETE',
			path: '/opportunities/{opportunity}/panels/{panel}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a panel',
			description: 'Retrieve one interview panel of an opportunity with its interviews',
			method: 'GET',
			path: '/opportunities/{opportunity}/panels/{panel}',
			pathParameters: { opportunity: 'opportunity' },
			expand: PANEL_EXPAND,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many panels',
			description: 'List the interview panels of an opportunity with their interviews',
			method: 'GET',
			path: '/opportunities/{opportunity}/panels',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: PANEL_EXPAND,
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a panel',
			description:
				'Replace an API-managed panel: its interviews become exactly the ones given (give an existing interview its ID to keep it)',
			method: 'PUT',
			path: '/opportunities/{opportunity}/panels/{panel}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
			properties: panelProperties(true),
			request(i) {
				return { body: panelBody(this, i, true) };
			},
		},
	],
};
