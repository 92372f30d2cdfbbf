import type { INodePropertyOptions } from 'n8n-workflow';

/** Lever's feedback reminder choices for interviews and panels (docs/lever-api.md, Interviews and panels). */
export const FEEDBACK_REMINDER_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Daily', value: 'daily', description: 'Remind interviewers once a day until they submit feedback' },
	{ name: 'Frequently', value: 'frequently', description: 'Remind interviewers every 6 hours until they submit feedback' },
	{ name: 'None', value: 'none', description: 'Never remind interviewers' },
	{ name: 'Once', value: 'once', description: 'Remind interviewers one time' },
];
