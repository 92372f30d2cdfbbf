import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, expectDone, jsonOf, useNock } from '../../../helpers/fixtures';

useNock();

const ANSWER = {
	data: {
		stages: [
			{ id: 'lead-new', text: 'New lead', pipeline: 'lead', rank: 0.5, hasInterview: false },
			{ id: 'offer', text: 'Offer', pipeline: 'offer', rank: 9.5, hasInterview: false },
		],
		archiveReasons: [{ id: 'hired', text: 'Hired', type: 'hired', status: 'active' }],
	},
};

describe('Disposition Stage resource', () => {
	it('makes one item per stage by default', async () => {
		const scope = nock(LEVER).get('/v1/disposition_stages').reply(200, ANSWER);
		const result = await runLever({ parameters: { resource: 'dispositionStage', operation: 'getMany', output: 'stages' } });
		expectDone(result, scope);
		expect(result.output).toEqual(ANSWER.data.stages.map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(result.requests[0].url).toBe('http://lever.test/v1/disposition_stages');
	});

	it('makes one item per archive reason, or one item with everything', async () => {
		nock(LEVER).get('/v1/disposition_stages').twice().reply(200, ANSWER);
		const reasons = await runLever({ parameters: { resource: 'dispositionStage', operation: 'getMany', output: 'archiveReasons' } });
		expect(jsonOf(reasons)).toEqual(ANSWER.data.archiveReasons);
		const raw = await runLever({ parameters: { resource: 'dispositionStage', operation: 'getMany', output: 'raw' } });
		expect(jsonOf(raw)).toEqual([ANSWER.data]);
	});
});
