import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { DateContext } from '../shared';
import { assertLeverId, invalidParameter, nameOrIdField, toMilliseconds } from '../shared';
import { toList } from './parameters';

/** Lever's feedback reminder choices for interviews and panels (docs/lever-api.md, Interviews and panels). */
export const FEEDBACK_REMINDER_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Daily', value: 'daily', description: 'Remind interviewers once a day until they submit feedback' },
	{ name: 'Frequently', value: 'frequently', description: 'Remind interviewers every 6 hours until they submit feedback' },
	{ name: 'None', value: 'none', description: 'Never remind interviewers' },
	{ name: 'Once', value: 'once', description: 'Remind interviewers one time' },
];

/**
 * The fields of one interview, the same on Interview > Create/Update and inside a Panel's interviews.
 * Each takes what differs between the two places (descriptions, defaults).
 */
export const interviewFields = {
	date: (description: string, required?: boolean): INodeProperties => ({
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		...(required ? { required } : {}),
		default: '',
		description,
	}),
	duration: (required?: boolean): INodeProperties => ({
		displayName: 'Duration (Minutes)',
		name: 'duration',
		type: 'number',
		...(required ? { required } : {}),
		default: 60,
		typeOptions: { minValue: 1 },
		description: 'Length of the interview in minutes',
	}),
	feedbackReminder: (defaultValue: string, description: string): INodeProperties => ({
		displayName: 'Feedback Reminder',
		name: 'feedbackReminder',
		type: 'options',
		options: FEEDBACK_REMINDER_OPTIONS,
		default: defaultValue,
		description,
	}),
	feedbackTemplate: (): INodeProperties =>
		nameOrIdField({ label: 'Feedback Template', name: 'feedbackTemplate', loadOptionsMethod: 'getFeedbackTemplates', description: 'Scorecard the interviewers fill in' }),
	interviewers: (description: string, required?: boolean): INodeProperties =>
		nameOrIdField({ label: 'Interviewer', name: 'interviewers', loadOptionsMethod: 'getUsers', multiple: true, required, description }),
	location: (): INodeProperties => ({
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'e.g. Room 4 or https://meet.example.com/abc',
	}),
	note: (rows?: number): INodeProperties => ({
		displayName: 'Note',
		name: 'note',
		type: 'string',
		...(rows ? { typeOptions: { rows } } : {}),
		default: '',
		description: 'Instructions for the interviewers',
	}),
	subject: (placeholder: string): INodeProperties => ({
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder,
	}),
};

/**
 * The checked core of one interview: when (ms), how long, and who (at least one Lever user). `label`
 * prefixes the field names in errors (`Interviews > Interview 2`), empty for the Interview resource.
 */
export function interviewCore(ctx: DateContext, itemIndex: number, label: string, values: IDataObject): IDataObject {
	const node = ctx.getNode();
	const field = (name: string) => (label ? `${label} > ${name}` : name);
	if (values.date === undefined || values.date === null || values.date === '') {
		throw invalidParameter(node, itemIndex, field('Date'), 'is empty', 'Set when the interview starts');
	}
	const date = toMilliseconds(ctx, itemIndex, field('Date'), values.date);
	const duration = Number(values.duration ?? 60);
	if (!Number.isInteger(duration) || duration < 1) {
		throw invalidParameter(node, itemIndex, field('Duration (Minutes)'), `"${String(values.duration)}" is not a whole number of minutes`, 'Enter the length in minutes, e.g. 45');
	}
	const interviewers = toList(values.interviewers);
	if (!interviewers.length) {
		throw invalidParameter(node, itemIndex, field('Interviewer Names or IDs'), 'is empty', 'Choose at least one Lever user to conduct the interview');
	}
	return {
		date,
		duration,
		interviewers: interviewers.map((id) => ({ id: assertLeverId(node, itemIndex, field('Interviewer Names or IDs'), id) })),
	};
}
