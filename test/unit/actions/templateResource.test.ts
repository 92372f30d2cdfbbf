/**
 * Template inputs that used to slip through (issue 14): a template Update without Fields (JSON) keeps the
 * template's questions (Lever's PUT replaces the whole template), and Profile Form > Create refuses a
 * value mapped to a field the chosen template does not have instead of dropping it.
 */
import nock from 'nock';

import { runLever } from '../../helpers/runNode';
import { LEVER, OPP, OTHER, TEMPLATE, expectDone, opportunity } from '../../helpers/fixtures';

const feedbackTemplate = {
	id: OTHER,
	text: 'Tech screen',
	instructions: 'Be kind',
	group: { id: 'g-1', name: 'Engineering' },
	fields: [
		{ id: 'f1', type: 'score-system', text: 'Overall rating', description: '', required: true, options: [{ text: '4 - Strong Hire' }] },
		{ id: 'f2', type: 'dropdown', text: 'Level', description: 'Seniority', required: false, options: [{ text: 'Junior' }, { text: 'Senior' }] },
	],
};

describe('with nock', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each(['[]', '', []])('renames a feedback template with Fields (JSON) left empty (%j): its questions and settings are kept', async (fields) => {
		const scope = nock(LEVER)
			.get(`/v1/feedback_templates/${OTHER}`)
			.reply(200, { data: feedbackTemplate })
			.put(`/v1/feedback_templates/${OTHER}`, {
				text: 'Tech screen v2',
				fields: [
					{ type: 'score-system', text: 'Overall rating', required: true },
					{ type: 'dropdown', text: 'Level', description: 'Seniority', required: false, options: [{ text: 'Junior' }, { text: 'Senior' }] },
				],
				instructions: 'Be kind',
				group: 'g-1',
			})
			.reply(200, { data: { ...feedbackTemplate, text: 'Tech screen v2' } });
		const result = await runLever({
			parameters: { resource: 'feedbackTemplate', operation: 'update', feedbackTemplateId: OTHER, text: 'Tech screen v2', fields, additionalFields: {} },
		});
		expectDone(result, scope);
	});

	it('still requires Fields (JSON) on Create', async () => {
		const result = await runLever({ parameters: { resource: 'feedbackTemplate', operation: 'create', text: 'New', fields: '[]', additionalFields: {} } });
		expect(result.error?.message).toBe('Fields (JSON): is empty');
	});

	it('refuses a Profile Form value mapped to a field the template does not have, naming it, before the form is sent', async () => {
		const scope = nock(LEVER)
			.get(`/v1/form_templates/${TEMPLATE}`)
			.reply(200, { data: { id: TEMPLATE, text: 'Screening', fields: [{ id: 'q-visa', type: 'yes-no', text: 'Needs a visa?', required: false }] } });
		const posted = nock(LEVER).post(`/v1/opportunities/${OPP}/forms`).query(true).reply(201, { data: {} });
		const result = await runLever({
			parameters: {
				resource: 'profileForm',
				operation: 'create',
				opportunityId: opportunity,
				performAs: { __rl: true, mode: 'id', value: '' },
				templateId: TEMPLATE,
				fields: {
					mappingMode: 'defineBelow',
					value: { 'q-visa': 'yes', 'q-old': 'Berlin' },
					matchingColumns: [],
					schema: [
						{ id: 'q-visa', displayName: 'Needs a visa?', required: false, defaultMatch: false, display: true, type: 'string' },
						{ id: 'q-old', displayName: 'Preferred office', required: false, defaultMatch: false, display: true, type: 'string' },
					],
				},
				options: {},
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(posted.isDone()).toBe(false);
		expect(result.error?.message).toBe('Fields > "Preferred office": is not a field of the template "Screening"');
	});
});
