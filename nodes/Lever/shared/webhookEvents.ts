/** The ten webhook events Lever sends (docs/lever-api.md, Webhooks), for Webhook Create and the Lever Trigger. */
export const WEBHOOK_EVENTS = [
	{ name: 'Application Created', value: 'applicationCreated' },
	{ name: 'Candidate Archive Change', value: 'candidateArchiveChange' },
	{ name: 'Candidate Deleted', value: 'candidateDeleted' },
	{ name: 'Candidate Hired', value: 'candidateHired' },
	{ name: 'Candidate Stage Change', value: 'candidateStageChange' },
	{ name: 'Contact Created', value: 'contactCreated' },
	{ name: 'Contact Updated', value: 'contactUpdated' },
	{ name: 'Interview Created (Beta)', value: 'interviewCreated' },
	{ name: 'Interview Deleted (Beta)', value: 'interviewDeleted' },
	{ name: 'Interview Updated (Beta)', value: 'interviewUpdated' },
];

/** Events that accept the candidate-origin condition. */
export const EVENTS_WITH_CONDITIONS = ['applicationCreated', 'candidateArchiveChange', 'candidateHired', 'candidateStageChange'];
