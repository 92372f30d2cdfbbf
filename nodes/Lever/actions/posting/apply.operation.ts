import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection, parseJsonParameter } from '../../helpers/parameters';
import { assertEmail, assertUrl, invalidParameter, optionalFields } from '../../shared';
import { jsonArray, jsonObject, pick, requiredString } from '../../helpers/writes';
import type { LeverOperation } from '../types';

const APPLY_EXAMPLE =
	'{"personalInformation": [{"name": "fullName", "value": "Jane Doe"}, {"name": "email", "value": "jane@example.com"}]}';

const applyFields: INodeProperties[] = [
	{
		displayName: 'Define Application',
		name: 'applicationInput',
		type: 'options',
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'Name, email and the common answers as fields; other answers as JSON',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: "The whole body of Lever's apply request",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Jane Doe',
		displayOptions: { show: { applicationInput: ['fields'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: "The candidate's email address; Lever de-duplicates candidates by it",
		displayOptions: { show: { applicationInput: ['fields'] } },
	},
	{
		displayName: 'Application (JSON)',
		name: 'applicationJson',
		type: 'json',
		required: true,
		default: APPLY_EXAMPLE,
		description:
			'The whole body of the apply request: personalInformation (a list of name/value pairs, at least fullName and email), and optionally customQuestions, eeoResponses, links, consent, diversitySurvey, source, origin and ipAddress. Use Get Apply Questions to see what the posting asks.',
		displayOptions: { show: { applicationInput: ['json'] } },
	},
	optionalFields('additionalFields', [
		{
			displayName: 'Additional Information',
			name: 'additionalInformation',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Free text the candidate adds (cover letter)',
		},
		{
			displayName: 'Consent (JSON)',
			name: 'consent',
			type: 'json',
			default: '{"store": {"provided": true, "compliancePolicyId": ""}}',
			description:
				'Consent answers as a JSON object with marketing and store, each {"provided": true, "compliancePolicyId": …}; the policy IDs come from Get Apply Questions',
		},
		{
			displayName: 'Current Company',
			name: 'currentCompany',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Current Location',
			name: 'currentLocation',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Custom Question Answers (JSON)',
			name: 'customQuestions',
			type: 'json',
			default: '[]',
			description:
				'Answers to the posting\'s custom questions as a JSON array, in form order: one object per question with the question\'s ID and a fields array of {"value": …} objects',
		},
		{
			displayName: 'Diversity Survey (JSON)',
			name: 'diversitySurvey',
			type: 'json',
			default: '{}',
			description: 'Diversity survey answers as a JSON object with surveyId, candidateSelectedLocation and responses (questionId, answer)',
		},
		{
			displayName: 'EEO Responses (JSON)',
			name: 'eeoResponses',
			type: 'json',
			default: '{}',
			description: 'EEO answers: {"gender": "…", "race": "…", "veteran": "…", "disability": "…"}',
		},
		{
			displayName: 'IP Address',
			name: 'ipAddress',
			type: 'string',
			default: '',
			description: "The candidate's IP address, when applying on their behalf from a form",
		},
		{
			displayName: 'Links',
			name: 'urls',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Link',
			options: [
				{
					displayName: 'Link',
					name: 'url',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. LinkedIn',
							description: 'The link question as the posting names it (see Get Apply Questions)',
						},
						{
							displayName: 'URL',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://www.linkedin.com/in/janedoe',
						},
					],
				},
			],
		},
		{
			displayName: 'Origin',
			name: 'origin',
			type: 'options',
			options: [
				{ name: 'Applied', value: 'applied' },
				{ name: 'Internal', value: 'internal' },
			],
			default: 'applied',
			description: 'Whether the candidate applied from outside or is an internal applicant',
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Preferred Posting Location',
			name: 'preferredPostingLocation',
			type: 'string',
			default: '',
			description: 'For multi-location postings: the location the candidate prefers',
		},
		{
			displayName: 'Resume Upload URI',
			name: 'resume',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.lever.co/v1/uploads/…-resume.pdf',
			description: 'The URI returned by Upload > Upload a File (valid for 24 hours)',
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: '',
			placeholder: 'e.g. Company website',
		},
	], { displayOptions: { show: { applicationInput: ['fields'] } } }),
	{
		displayName: 'Send Confirmation Email',
		name: 'sendConfirmationEmail',
		type: 'boolean',
		default: false,
		description: 'Whether Lever emails the candidate a confirmation of the application',
	},
	{
		displayName: 'Limit to 2 Applications per Second',
		name: 'applyRateLimit',
		type: 'boolean',
		default: false,
		description:
			"Whether to send at most 2 applications per second. Lever documents that limit for its public job-site apply (Postings API); this Data API apply has only the key's normal limit, so turn this on only if bulk applies get 429s.",
	},
];

const PERSONAL_KEYS = [
	'fullName',
	'email',
	'phone',
	'currentCompany',
	'currentLocation',
	'resume',
	'preferredPostingLocation',
	'additionalInformation',
];

function bodyFromFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const fullName = requiredString(ctx, 'fullName', itemIndex, 'Full Name', "Enter the candidate's full name");
	const email = assertEmail(node, itemIndex, 'Email', requiredString(ctx, 'email', itemIndex, 'Email', "Enter the candidate's email address"));
	const extra = { ...getCollection(ctx, 'additionalFields', itemIndex) };
	if (extra.resume !== undefined && String(extra.resume).trim() !== '') {
		extra.resume = assertUrl(node, itemIndex, 'Additional Fields > Resume Upload URI', String(extra.resume));
	}
	const personal = pick({ ...extra, fullName, email }, PERSONAL_KEYS);
	const body: IDataObject = {
		personalInformation: PERSONAL_KEYS.filter((key) => personal[key] !== undefined).map((key) => ({ name: key, value: personal[key] })),
	};
	const urls = ((extra.urls as IDataObject | undefined)?.url as IDataObject[] | undefined) ?? [];
	const links = urls.filter((url) => String(url.value ?? '').trim() !== '');
	if (links.length) body.urls = links.map((url) => ({ name: String(url.name ?? '').trim(), value: String(url.value).trim() }));
	Object.assign(body, pick(extra, ['source', 'origin', 'ipAddress']));
	if (extra.customQuestions !== undefined) {
		const answers = jsonArray(node, itemIndex, 'Additional Fields > Custom Question Answers (JSON)', extra.customQuestions, {
			example: '[{"id": "…", "fields": [{"value": "Yes"}]}]',
		});
		if (answers) body.customQuestions = answers;
	}
	const objects: Array<[string, string, string]> = [
		['eeoResponses', 'EEO Responses (JSON)', '{"gender": "…"}'],
		['consent', 'Consent (JSON)', '{"store": {"provided": true, "compliancePolicyId": "…"}}'],
		['diversitySurvey', 'Diversity Survey (JSON)', '{"surveyId": "…", "responses": []}'],
	];
	for (const [key, label, example] of objects) {
		if (extra[key] === undefined) continue;
		const value = jsonObject(node, itemIndex, `Additional Fields > ${label}`, extra[key], example);
		if (value) body[key] = value;
	}
	return body;
}

function bodyFromJson(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const label = 'Application (JSON)';
	const node = ctx.getNode();
	const value = parseJsonParameter(ctx, 'applicationJson', itemIndex, label);
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidParameter(node, itemIndex, label, 'must be a JSON object', `For example ${APPLY_EXAMPLE}`);
	}
	const body = value as IDataObject;
	const personal = body.personalInformation;
	if (!Array.isArray(personal) || personal.length === 0) {
		throw invalidParameter(node, itemIndex, label, 'has no personalInformation', `Lever needs at least the name and email, e.g. ${APPLY_EXAMPLE}`);
	}
	const entries = personal as IDataObject[];
	const find = (name: string) => entries.find((entry) => entry && entry.name === name);
	if (!find('fullName') || String(find('fullName')?.value ?? '').trim() === '') {
		throw invalidParameter(node, itemIndex, `${label} > personalInformation`, 'has no fullName', 'Add {"name": "fullName", "value": "Jane Doe"}');
	}
	const email = find('email');
	if (!email) {
		throw invalidParameter(node, itemIndex, `${label} > personalInformation`, 'has no email', 'Add {"name": "email", "value": "jane@example.com"}');
	}
	assertEmail(node, itemIndex, `${label} > personalInformation > email`, String(email.value ?? ''));
	return body;
}

/** POST /postings/{posting}/apply: the key's normal limit; the 2 per second apply limiter only when asked. */
export const applyOperation: LeverOperation = {
	value: 'apply',
	name: 'Apply',
	action: 'Apply a candidate to a posting',
	description:
		'Submit an application to a published or internal posting, as the job site would; creates or de-duplicates the candidate by email',
	method: 'POST',
	path: '/postings/{posting}/apply',
	pathParameters: { posting: 'posting' },
	properties: applyFields,
	request(itemIndex) {
		const mode = this.getNodeParameter('applicationInput', itemIndex, 'fields') as string;
		const body = mode === 'json' ? bodyFromJson(this, itemIndex) : bodyFromFields(this, itemIndex);
		const qs: IDataObject = {};
		if (this.getNodeParameter('sendConfirmationEmail', itemIndex, false) === true) qs.send_confirmation_email = true;
		const rateLimit = this.getNodeParameter('applyRateLimit', itemIndex, false) === true ? ('apply' as const) : undefined;
		return { qs, body, rateLimit };
	},
};
