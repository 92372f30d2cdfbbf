import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, OTHER, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Archive Reason resource', () => {
	it('lists only hired archive reasons', async () => {
		const reason = { id: OTHER, text: 'Hired', status: 'active', type: 'hired' };
		const scope = nock(LEVER).get('/v1/archive_reasons').query({ type: 'hired', limit: 5 }).reply(200, page([reason]));
		const result = await runLever({
			parameters: { resource: 'archiveReason', operation: 'getMany', returnAll: false, limit: 5, type: 'hired' },
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([reason]);
	});

	it('lists every archive reason when no type is chosen', async () => {
		const scope = nock(LEVER).get('/v1/archive_reasons').query({ limit: 100 }).reply(200, page([]));
		const result = await runLever({ parameters: { resource: 'archiveReason', operation: 'getMany', returnAll: true, type: '' } });
		expectDone(result, scope);
		expect(result.output).toEqual([]);
	});

	it('gets one archive reason', async () => {
		const reason = { id: OTHER, text: 'Withdrew', status: 'active', type: 'non-hired' };
		const scope = nock(LEVER).get(`/v1/archive_reasons/${OTHER}`).reply(200, { data: reason });
		const result = await runLever({ parameters: { resource: 'archiveReason', operation: 'get', archiveReasonId: OTHER } });
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: reason, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed archive reason ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'archiveReason', operation: 'get', archiveReasonId: 'withdrew' } });
		expectInputError(result, 'Archive Reason ID');
	});
});
