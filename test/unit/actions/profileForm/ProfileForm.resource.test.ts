import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, TEMPLATE, USER, expectDone, expectInputError, opportunity, page, performAs, useNock } from '../../../helpers/fixtures';
import type { Refusal } from '../../../helpers/fixtures';

useNock();

const template = {
	id: TEMPLATE,
	text: 'Screening',
	secretByDefault: false,
	fields: [
		{ id: 'q-visa', type: 'yes-no', text: 'Needs a visa?', required: true },
		{ id: 'q-salary', type: 'currency', text: 'Expected salary', currency: 'EUR', required: false },
		{ id: 'q-start', type: 'date', text: 'Start date', required: false },
		{ id: 'q-langs', type: 'multiple-select', text: 'Languages', options: [{ text: 'German' }, { text: 'English' }], required: false },
	],
};

function mapping(value: Record<string, unknown>) {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: [
			{ id: 'q-visa', displayName: 'Needs a visa?', required: true, defaultMatch: false, display: true, type: 'options', options: [
				{ name: 'Yes', value: 'yes' },
				{ name: 'No', value: 'no' },
			] },
			{ id: 'q-salary', displayName: 'Expected salary', required: false, defaultMatch: false, display: true, type: 'number' },
			{ id: 'q-start', displayName: 'Start date', required: false, defaultMatch: false, display: true, type: 'dateTime' },
			{ id: 'q-langs', displayName: 'Languages', required: false, defaultMatch: false, display: true, type: 'array' },
		],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

describe('Profile Form resource', () => {
	it('creates a profile form with every template field and its converted value', async () => {
		const scope = nock(LEVER)
			.get(`/v1/form_templates/${TEMPLATE}`)
			.reply(200, { data: template })
			.post(`/v1/opportunities/${OPP}/forms`, {
				baseTemplateId: TEMPLATE,
				secret: true,
				fields: [
					{ ...template.fields[0], value: 'no' },
					{ ...template.fields[1], value: 85000 },
					{ ...template.fields[2], value: 1772323200000 },
					{ ...template.fields[3], value: ['German', 'English'] },
				],
			})
			.query({ perform_as: USER })
			.reply(201, { data: { id: CHILD, baseTemplateId: TEMPLATE } });
		const result = await runLever({
			parameters: {
				resource: 'profileForm',
				operation: 'create',
				opportunityId: opportunity,
				performAs,
				templateId: TEMPLATE,
				fields: mapping({ 'q-visa': 'no', 'q-salary': '85000', 'q-start': '2026-03-01T00:00:00Z', 'q-langs': '["German","English"]' }),
				options: { secret: true },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { id: CHILD, baseTemplateId: TEMPLATE }, pairedItem: { item: 0 } }]);
	});

	it('sends unanswered optional fields with a null value and needs no Perform As', async () => {
		const scope = nock(LEVER)
			.get(`/v1/form_templates/${TEMPLATE}`)
			.reply(200, template)
			.post(`/v1/opportunities/${OPP}/forms`, {
				baseTemplateId: TEMPLATE,
				fields: [
					{ ...template.fields[0], value: 'yes' },
					{ ...template.fields[1], value: null },
					{ ...template.fields[2], value: null },
					{ ...template.fields[3], value: null },
				],
			})
			.reply(201, { data: { id: CHILD } });
		const result = await runLever({
			parameters: {
				resource: 'profileForm',
				operation: 'create',
				opportunityId: opportunity,
				performAs: { __rl: true, mode: 'id', value: '' },
				templateId: TEMPLATE,
				fields: mapping({ 'q-visa': 'yes' }),
				options: {},
			},
		});
		expectDone(result, scope);
	});

	const create = {
		resource: 'profileForm',
		operation: 'create',
		opportunityId: opportunity,
		performAs,
		templateId: TEMPLATE,
		fields: mapping({ 'q-visa': 'no' }),
		options: {},
	};

	it.each<Refusal>([
		['that leaves a required field empty', { fields: mapping({ 'q-salary': 1 }) }, 'Fields > Needs a visa?'],
		['with a number field that is not a number', { fields: mapping({ 'q-visa': 'no', 'q-salary': 'a lot' }) }, 'Fields > Expected salary'],
		['with a template ID that could change the request path', { templateId: '../users' }, 'Template Name or ID'],
	])('refuses a form %s before any request', async (_case, changes, field) => {
		expectInputError(await runLever({ parameters: { ...create, ...changes } }), field);
	});

	it('gets one profile form', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/forms/${CHILD}`).reply(200, { data: { id: CHILD, type: 'form' } });
		const result = await runLever({
			parameters: { resource: 'profileForm', operation: 'get', opportunityId: opportunity, formId: CHILD, expand: [] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: { id: CHILD, type: 'form' }, pairedItem: { item: 0 } }]);
	});

	it('lists the profile forms of an opportunity with stage and user expanded', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/forms`)
			.query({ expand: ['stage', 'user'], limit: 100 })
			.reply(200, page([{ id: CHILD }]));
		const result = await runLever({
			parameters: { resource: 'profileForm', operation: 'getMany', opportunityId: opportunity, returnAll: true, expand: ['stage', 'user'] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: { id: CHILD }, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed form ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'profileForm', operation: 'get', opportunityId: opportunity, formId: 'f', expand: [] },
		});
		expectInputError(result, 'Form ID');
	});
});
