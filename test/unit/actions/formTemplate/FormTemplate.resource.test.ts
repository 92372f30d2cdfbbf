import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, OTHER, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

const FIELDS = [
	{ type: 'text', text: 'Notice period', required: true },
	{ type: 'dropdown', text: 'Work permit', options: [{ text: 'Yes' }, { text: 'No' }] },
];

describe('Form Template resource', () => {
	it('lists form templates restricted to some fields', async () => {
		const scope = nock(LEVER)
			.get('/v1/form_templates')
			.query({ include: ['text', 'group'], limit: 10 })
			.reply(200, page([{ id: OTHER, text: 'Offer details' }]));
		const result = await runLever({
			parameters: { resource: 'formTemplate', operation: 'getMany', returnAll: false, limit: 10, include: ['text', 'group'] },
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: OTHER, text: 'Offer details' }]);
	});

	it('gets one form template', async () => {
		const scope = nock(LEVER).get(`/v1/form_templates/${OTHER}`).reply(200, { data: { id: OTHER, fields: FIELDS } });
		const result = await runLever({ parameters: { resource: 'formTemplate', operation: 'get', formTemplateId: OTHER } });
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { id: OTHER, fields: FIELDS }, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed template ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'formTemplate', operation: 'delete', formTemplateId: '42' } });
		expectInputError(result, 'Form Template ID');
	});

	it('creates a secret-by-default template', async () => {
		const body = { text: 'Offer details', fields: FIELDS, secretByDefault: true };
		const scope = nock(LEVER).post('/v1/form_templates', body).reply(201, { data: { id: OTHER, ...body } });
		const result = await runLever({
			parameters: {
				resource: 'formTemplate',
				operation: 'create',
				text: 'Offer details',
				fields: JSON.stringify(FIELDS),
				additionalFields: { secretByDefault: true },
			},
		});
		expectDone(result, scope);
	});

	it('refuses a field type profile forms do not have, and an empty field list', async () => {
		const badType = await runLever({
			parameters: { resource: 'formTemplate', operation: 'create', text: 'X', fields: '[{"type": "score-system", "text": "Rating"}]', additionalFields: {} },
		});
		expectInputError(badType, 'Fields (JSON) > field 1');
		const empty = await runLever({
			parameters: { resource: 'formTemplate', operation: 'create', text: 'X', fields: '[]', additionalFields: {} },
		});
		expectInputError(empty, 'Fields (JSON)');
	});

	it('updates a template with PUT and deletes it', async () => {
		const body = { text: 'Offer details v2', fields: FIELDS, instructions: 'Fill in after the offer call' };
		const scope = nock(LEVER)
			.put(`/v1/form_templates/${OTHER}`, body)
			.reply(200, { data: { id: OTHER, ...body } })
			.delete(`/v1/form_templates/${OTHER}`)
			.reply(204);
		const updated = await runLever({
			parameters: {
				resource: 'formTemplate',
				operation: 'update',
				formTemplateId: OTHER,
				text: 'Offer details v2',
				fields: JSON.stringify(FIELDS),
				additionalFields: { instructions: 'Fill in after the offer call' },
			},
		});
		const deleted = await runLever({ parameters: { resource: 'formTemplate', operation: 'delete', formTemplateId: OTHER } });
		expect([updated.error, deleted.error]).toEqual([undefined, undefined]);
		expect(scope.isDone()).toBe(true);
	});
});
