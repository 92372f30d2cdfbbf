import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, expectDone, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Source resource', () => {
	it('lists every source page by page', async () => {
		const scope = nock(LEVER)
			.get('/v1/sources')
			.query({ limit: 100 })
			.reply(200, page([{ text: 'LinkedIn', count: 12 }], 'n1'))
			.get('/v1/sources')
			.query({ limit: 100, offset: 'n1' })
			.reply(200, page([{ text: 'Referral', count: 2 }]));
		const result = await runLever({ parameters: { resource: 'source', operation: 'getMany', returnAll: true } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ text: 'LinkedIn', count: 12 }, { text: 'Referral', count: 2 }]);
	});
});
