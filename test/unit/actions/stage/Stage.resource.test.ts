import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, byId, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Stage resource', () => {
	it('lists stages', async () => {
		const scope = nock(LEVER)
			.get('/v1/stages')
			.query({ limit: 100 })
			.reply(200, page([{ id: 'lead-new', text: 'New lead' }, { id: 'offer', text: 'Offer' }]));
		const result = await runLever({ parameters: { resource: 'stage', operation: 'getMany', returnAll: true } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: 'lead-new', text: 'New lead' }, { id: 'offer', text: 'Offer' }]);
	});

	it('gets a built-in stage by its slug', async () => {
		const scope = nock(LEVER).get('/v1/stages/lead-new').reply(200, { data: { id: 'lead-new', text: 'New lead' } });
		const result = await runLever({ parameters: { resource: 'stage', operation: 'get', stageId: byId('lead-new') } });
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { id: 'lead-new', text: 'New lead' }, pairedItem: { item: 0 } }]);
	});

	it('refuses a stage ID that is neither a UUID nor a slug', async () => {
		const result = await runLever({ parameters: { resource: 'stage', operation: 'get', stageId: byId('New Lead!') } });
		expectInputError(result, 'Stage');
	});
});
