import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, OPP, USER, expectDone, expectInputError, opportunity, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Opportunity: Get File Actions', () => {
	it('lists file actions that occurred in a date range, dates in ms', async () => {
		const action = { id: 'fa1', opportunityId: OPP, type: 'file-added', occurredAt: 1767300000000, user: { id: USER } };
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/file_actions`)
			.query({ occurred_at_start: '1767225600000', occurred_at_end: '1769904000000', limit: 50 })
			.reply(200, page([action]));
		const result = await runLever({
			parameters: {
				resource: 'opportunity',
				operation: 'getFileActions',
				opportunityId: opportunity,
				returnAll: false,
				limit: 50,
				filters: { occurredAfter: '2026-01-01T00:00:00Z', occurredBefore: '2026-02-01T00:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: action, pairedItem: { item: 0 } }]);
	});

	it('pages 100 at a time with Return All and outputs no item for an empty history', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/file_actions`).query({ limit: 100 }).reply(200, page([]));
		const result = await runLever({
			parameters: {
				resource: 'opportunity',
				operation: 'getFileActions',
				opportunityId: opportunity,
				returnAll: true,
				filters: {},
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([]);
	});

	it('refuses an occurred-at filter that is not a date before any request', async () => {
		const result = await runLever({
			parameters: {
				resource: 'opportunity',
				operation: 'getFileActions',
				opportunityId: opportunity,
				returnAll: true,
				filters: { occurredBefore: 'tomorrow' },
			},
		});
		expectInputError(result, 'Filters > Occurred Before');
	});
});
