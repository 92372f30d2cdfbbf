import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, OTHER, expectDone, expectInputError, jsonOf, useNock } from '../../../helpers/fixtures';

useNock();

const HOOK = {
	id: OTHER,
	url: 'https://example.com/lever',
	event: 'candidateStageChange',
	configuration: { conditions: { origins: ['applied', 'referred'] } },
	createdAt: 1767225600000,
	updatedAt: 1767225600000,
};

describe('Webhook resource', () => {
	it('lists webhooks without paging parameters (Lever does not page them)', async () => {
		const scope = nock(LEVER).get('/v1/webhooks').reply(200, { data: [HOOK] });
		const result = await runLever({ parameters: { resource: 'webhook', operation: 'getMany', returnAll: true } });
		expectDone(result, scope);
		expect(result.requests[0].url).toBe('http://lever.test/v1/webhooks');
		expect(result.output).toEqual([{ json: HOOK, pairedItem: { item: 0 } }]);
	});

	it('creates a webhook with origin conditions and keeps the signature token out of the output by default', async () => {
		const created = { ...HOOK, configuration: { ...HOOK.configuration, signatureToken: 'abc123' } };
		const scope = nock(LEVER)
			.post('/v1/webhooks', { url: 'https://example.com/lever', event: 'candidateStageChange', configuration: { conditions: { origins: ['applied', 'referred'] } } })
			.reply(201, { data: created });
		const result = await runLever({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				url: ' https://example.com/lever ',
				event: 'candidateStageChange',
				origins: ['applied', 'referred'],
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ ...created, configuration: { ...created.configuration, signatureToken: '[hidden: turn on Include Signature Token]' } }]);
		expect(JSON.stringify(result.output)).not.toContain('abc123');
	});

	it('returns the signature token when asked to', async () => {
		const created = { ...HOOK, configuration: { ...HOOK.configuration, signatureToken: 'abc123' } };
		nock(LEVER).post('/v1/webhooks').reply(201, { data: created });
		const result = await runLever({
			parameters: { resource: 'webhook', operation: 'create', url: 'https://example.com/lever', event: 'contactCreated', includeSignatureToken: true },
		});
		expect(jsonOf(result)).toEqual([created]);
	});

	it('sends no conditions for events that do not support them', async () => {
		const scope = nock(LEVER)
			.post('/v1/webhooks', { url: 'https://example.com/lever', event: 'contactCreated' })
			.reply(201, { data: { id: OTHER } });
		const result = await runLever({
			parameters: { resource: 'webhook', operation: 'create', url: 'https://example.com/lever', event: 'contactCreated', origins: ['applied'] },
		});
		expectDone(result, scope);
	});

	it('refuses a URL that is not a URL before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'webhook', operation: 'create', url: 'example.com/lever', event: 'candidateHired', origins: [] },
		});
		expectInputError(result, 'URL');
	});

	it('updates a webhook through the bulk PUT', async () => {
		const scope = nock(LEVER)
			.put('/v1/webhooks', { data: [{ id: OTHER, url: 'https://example.com/v2', configuration: { conditions: { origins: ['sourced'] } } }] })
			.reply(200, { data: [{ ...HOOK, url: 'https://example.com/v2' }] });
		const result = await runLever({
			parameters: {
				resource: 'webhook',
				operation: 'update',
				webhookId: OTHER,
				updateFields: { url: 'https://example.com/v2', origins: ['sourced'] },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ ...HOOK, url: 'https://example.com/v2' }]);
	});

	it('refuses an update with nothing to change, or a malformed webhook ID', async () => {
		const nothing = await runLever({ parameters: { resource: 'webhook', operation: 'update', webhookId: OTHER, updateFields: {} } });
		expectInputError(nothing, 'Update Fields');
		const badId = await runLever({ parameters: { resource: 'webhook', operation: 'update', webhookId: 'hook-1', updateFields: { url: 'https://x.io' } } });
		expectInputError(badId, 'Webhook ID');
	});

	it('deletes a webhook', async () => {
		const scope = nock(LEVER).delete(`/v1/webhooks/${OTHER}`).reply(204);
		const result = await runLever({ parameters: { resource: 'webhook', operation: 'delete', webhookId: OTHER } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ success: true, deleted: true, webhookId: OTHER }]);
	});

	it('refuses a malformed webhook ID on delete before any request', async () => {
		const result = await runLever({ parameters: { resource: 'webhook', operation: 'delete', webhookId: '../users' } });
		expectInputError(result, 'Webhook ID');
	});
});
