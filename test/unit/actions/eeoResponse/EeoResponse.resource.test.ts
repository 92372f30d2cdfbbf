import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('EEO Response resource', () => {
	it('lists anonymous responses between two dates (Created After/Before sent as fromDate/toDate in ms)', async () => {
		const row = { id: 'r1', gender: 'Decline to self-identify', appliedAt: 1767225600000 };
		const scope = nock(LEVER)
			.get('/v1/eeo/responses')
			.query({ fromDate: '1767225600000', toDate: '1769904000000', limit: 100 })
			.reply(200, page([row]));
		const result = await runLever({
			parameters: {
				resource: 'eeoResponse',
				operation: 'getMany',
				returnAll: true,
				filters: { createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-02-01T00:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: row, pairedItem: { item: 0 } }]);
	});

	it('lists responses with personal data, expanded and between two creation dates', async () => {
		const row = { id: 'r1', contact: { id: 'c1', name: 'Jane' }, posting: { id: 'p1' } };
		const scope = nock(LEVER)
			.get('/v1/eeo/responses/pii')
			.query({ created_at_start: '1767225600000', expand: ['contact', 'posting'], limit: 3 })
			.reply(200, page([row]));
		const result = await runLever({
			parameters: {
				resource: 'eeoResponse',
				operation: 'getManyWithPii',
				returnAll: false,
				limit: 3,
				expand: ['contact', 'posting'],
				filters: { createdAfter: '2026-01-01T00:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([row]);
	});

	it('refuses a date that is not a date', async () => {
		const result = await runLever({
			parameters: { resource: 'eeoResponse', operation: 'getMany', returnAll: true, filters: { createdAfter: 'last week' } },
		});
		expectInputError(result, 'Filters > Created After');
	});
});
