import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, OTHER, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

const FIELDS = [
	{ type: 'score-system', text: 'Overall rating', required: true },
	{ type: 'textarea', text: 'Strengths', required: false },
];

describe('Feedback Template resource', () => {
	it('lists feedback templates', async () => {
		const scope = nock(LEVER)
			.get('/v1/feedback_templates')
			.query({ limit: 100 })
			.reply(200, page([{ id: 'no-feedback', text: 'No feedback' }]));
		const result = await runLever({ parameters: { resource: 'feedbackTemplate', operation: 'getMany', returnAll: true } });
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { id: 'no-feedback', text: 'No feedback' }, pairedItem: { item: 0 } }]);
	});

	it('gets the built-in no-feedback template by its slug', async () => {
		const scope = nock(LEVER).get('/v1/feedback_templates/no-feedback').reply(200, { data: { id: 'no-feedback' } });
		const result = await runLever({ parameters: { resource: 'feedbackTemplate', operation: 'get', feedbackTemplateId: 'no-feedback' } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: 'no-feedback' }]);
	});

	it('refuses a malformed template ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'feedbackTemplate', operation: 'get', feedbackTemplateId: 'Tech Screen' } });
		expectInputError(result, 'Feedback Template ID');
	});

	it('creates a template from JSON fields, instructions and group', async () => {
		const body = { text: 'Tech screen', fields: FIELDS, instructions: 'Be kind', group: OTHER };
		const scope = nock(LEVER).post('/v1/feedback_templates', body).reply(201, { data: { id: OTHER, ...body } });
		const result = await runLever({
			parameters: {
				resource: 'feedbackTemplate',
				operation: 'create',
				text: 'Tech screen',
				fields: JSON.stringify(FIELDS),
				additionalFields: { instructions: 'Be kind', group: OTHER },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: OTHER, ...body }]);
	});

	it('refuses fields without exactly one score-system field', async () => {
		const result = await runLever({
			parameters: {
				resource: 'feedbackTemplate',
				operation: 'create',
				text: 'Tech screen',
				fields: JSON.stringify([{ type: 'textarea', text: 'Notes' }]),
				additionalFields: {},
			},
		});
		expectInputError(result, 'Fields (JSON)');
		expect(result.error?.message).toContain('score-system');
	});

	it('refuses fields that are not JSON, or not an array', async () => {
		const broken = await runLever({
			parameters: { resource: 'feedbackTemplate', operation: 'create', text: 'T', fields: '[{type: score}', additionalFields: {} },
		});
		expectInputError(broken, 'Fields (JSON)');
		const notArray = await runLever({
			parameters: { resource: 'feedbackTemplate', operation: 'create', text: 'T', fields: '{"type": "text"}', additionalFields: {} },
		});
		expectInputError(notArray, 'Fields (JSON)');
	});

	it('updates a template with PUT', async () => {
		const body = { text: 'Tech screen v2', fields: FIELDS };
		const scope = nock(LEVER).put(`/v1/feedback_templates/${OTHER}`, body).reply(200, { data: { id: OTHER, ...body } });
		const result = await runLever({
			parameters: { resource: 'feedbackTemplate', operation: 'update', feedbackTemplateId: OTHER, text: 'Tech screen v2', fields: FIELDS, additionalFields: {} },
		});
		expectDone(result, scope);
	});

	it('deletes a template', async () => {
		const scope = nock(LEVER).delete(`/v1/feedback_templates/${OTHER}`).reply(204);
		const result = await runLever({ parameters: { resource: 'feedbackTemplate', operation: 'delete', feedbackTemplateId: OTHER } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ success: true, deleted: true, feedback_template: OTHER }]);
	});
});
