import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, expectDone, expectInputError, opportunity, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Application resource', () => {
	it('gets one application with expanded posting', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/applications/${CHILD}`)
			.query({ expand: ['posting', 'user'] })
			.reply(200, { data: { id: CHILD, type: 'posting', posting: { id: 'p', text: 'Engineer' } } });
		const result = await runLever({
			parameters: { resource: 'application', operation: 'get', opportunityId: opportunity, applicationId: CHILD, expand: ['posting', 'user'] },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([
			{ json: { id: CHILD, type: 'posting', posting: { id: 'p', text: 'Engineer' } }, pairedItem: { item: 0 } },
		]);
	});

	it('lists the applications of an opportunity with a limit', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/applications`)
			.query({ limit: 2 })
			.reply(200, page([{ id: 'a1' }, { id: 'a2' }], 'tok'));
		const result = await runLever({
			parameters: { resource: 'application', operation: 'getMany', opportunityId: opportunity, returnAll: false, limit: 2 },
		});
		expectDone(result, scope);
		expect(result.output.map((item) => item.json.id)).toEqual(['a1', 'a2']);
	});

	it('lists deleted applications between two dates, sent as milliseconds', async () => {
		const scope = nock(LEVER)
			.get('/v1/applications/deleted')
			.query({ deleted_at_start: '1767225600000', deleted_at_end: '1769904000000', limit: 100 })
			.reply(200, page([{ id: 'a1', deletedAt: 1767300000000, opportunityId: OPP, postingId: null }]));
		const result = await runLever({
			parameters: {
				resource: 'application',
				operation: 'getDeleted',
				returnAll: true,
				filters: { deletedAfter: '2026-01-01T00:00:00Z', deletedBefore: '2026-02-01T00:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([
			{ json: { id: 'a1', deletedAt: 1767300000000, opportunityId: OPP, postingId: null }, pairedItem: { item: 0 } },
		]);
	});

	it('refuses a malformed application ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'application', operation: 'get', opportunityId: opportunity, applicationId: 'not-an-id' },
		});
		expectInputError(result, 'Application ID');
	});

	it('refuses a malformed opportunity ID before any request', async () => {
		const result = await runLever({
			parameters: {
				resource: 'application',
				operation: 'getMany',
				opportunityId: { __rl: true, mode: 'id', value: '12345' },
				returnAll: true,
			},
		});
		expectInputError(result, 'Opportunity');
	});

	it('refuses a date filter that is not a date before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'application', operation: 'getDeleted', returnAll: true, filters: { deletedAfter: 'last tuesday' } },
		});
		expectInputError(result, 'Filters > Deleted After');
	});

	it('refuses a date range that ends before it starts', async () => {
		const result = await runLever({
			parameters: {
				resource: 'application',
				operation: 'getDeleted',
				returnAll: true,
				filters: { deletedAfter: '2026-02-01T00:00:00Z', deletedBefore: '2026-01-01T00:00:00Z' },
			},
		});
		expectInputError(result, 'Deleted After');
	});
});
