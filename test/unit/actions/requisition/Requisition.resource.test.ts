import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, POSTING, REQUISITION, USER, USER_2, byId, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';
import type { Refusal } from '../../../helpers/fixtures';

useNock();

const REQ = { id: REQUISITION, requisitionCode: 'ENG-42', name: 'Backend Engineer', headcountTotal: 2, status: 'open' };

describe('Requisition resource', () => {
	it('lists requisitions filtered by code, status, creation window and confidentiality, with expansions', async () => {
		const scope = nock(LEVER)
			.get('/v1/requisitions')
			.query({
				requisition_code: 'ENG-42',
				status: 'open',
				created_at_start: '1767225600000',
				created_at_end: '1769904000000',
				confidentiality: 'all',
				expand: ['owner', 'postings'],
				limit: 20,
			})
			.reply(200, page([REQ]));
		const result = await runLever({
			parameters: {
				resource: 'requisition',
				operation: 'getMany',
				returnAll: false,
				limit: 20,
				expand: ['owner', 'postings'],
				filters: {
					requisitionCode: 'ENG-42',
					status: 'open',
					createdAfter: '2026-01-01T00:00:00Z',
					createdBefore: '2026-02-01T00:00:00.000Z',
					confidentiality: 'all',
				},
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: REQ, pairedItem: { item: 0 } }]);
	});

	it('refuses a creation date that is not a date', async () => {
		const result = await runLever({
			parameters: { resource: 'requisition', operation: 'getMany', returnAll: true, filters: { createdAfter: '31/31/2026' } },
		});
		expectInputError(result, 'Filters > Created After');
	});

	it('gets a requisition with its creator expanded', async () => {
		const scope = nock(LEVER).get(`/v1/requisitions/${REQUISITION}`).query({ expand: 'creator' }).reply(200, { data: REQ });
		const result = await runLever({
			parameters: { resource: 'requisition', operation: 'get', requisitionId: byId(REQUISITION), expand: ['creator'] },
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([REQ]);
	});

	it('creates a requisition with compensation band, custom fields, people and postings', async () => {
		const body = {
			requisitionCode: 'ENG-42',
			name: 'Backend Engineer',
			headcountTotal: 2,
			backfill: true,
			employmentStatus: 'full-time',
			location: 'London',
			status: 'open',
			team: 'Platform',
			hiringManager: USER,
			owner: USER_2,
			createdAt: 1767225600000,
			postingIds: [POSTING],
			compensationBand: { min: 90000, max: 120000, currency: 'GBP', interval: 'per-year-salary' },
			customFields: { cost_center: 'R&D' },
		};
		const scope = nock(LEVER).post('/v1/requisitions', body).reply(201, { data: { id: REQUISITION, ...body } });
		const result = await runLever({
			parameters: {
				resource: 'requisition',
				operation: 'create',
				requisitionCode: 'ENG-42',
				name: 'Backend Engineer',
				headcountTotal: '2',
				additionalFields: {
					backfill: true,
					employmentStatus: 'full-time',
					location: 'London',
					status: 'open',
					team: 'Platform',
					hiringManager: USER,
					owner: USER_2,
					createdAt: '2026-01-01T00:00:00Z',
					postingIds: [POSTING],
					compensationMin: 90000,
					compensationMax: 120000,
					compensationCurrency: 'GBP',
					compensationInterval: 'per-year-salary',
					customFields: '{"cost_center": "R&D"}',
				},
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: REQUISITION, ...body }]);
	});

	it('accepts an unlimited headcount', async () => {
		const scope = nock(LEVER)
			.post('/v1/requisitions', { requisitionCode: 'OPS-1', name: 'Ops', headcountTotal: 'unlimited' })
			.reply(201, { data: { id: REQUISITION } });
		const result = await runLever({
			parameters: { resource: 'requisition', operation: 'create', requisitionCode: 'OPS-1', name: 'Ops', headcountTotal: 'Unlimited', additionalFields: {} },
		});
		expectDone(result, scope);
	});

	const create = { resource: 'requisition', operation: 'create', requisitionCode: 'X', name: 'X', headcountTotal: '1', additionalFields: {} };

	it.each<Refusal>([
		['a headcount that is not a whole number', { headcountTotal: '1.5' }, 'Headcount'],
		['a compensation band that is only partly filled', { additionalFields: { compensationMax: 100 } }, 'Compensation Band'],
		['custom fields that are not a JSON object', { additionalFields: { customFields: '["a"]' } }, 'Custom Fields (JSON)'],
		['a missing requisition code', { requisitionCode: '' }, 'Requisition Code'],
	])('refuses %s before any request', async (_case, changes, field) => {
		expectInputError(await runLever({ parameters: { ...create, ...changes } }), field);
	});

	it('replaces a requisition with PUT', async () => {
		const body = { requisitionCode: 'ENG-42', name: 'Backend Engineer II', headcountTotal: 3, status: 'onHold' };
		const scope = nock(LEVER).put(`/v1/requisitions/${REQUISITION}`, body).reply(200, { data: { id: REQUISITION, ...body } });
		const result = await runLever({
			parameters: {
				resource: 'requisition',
				operation: 'update',
				requisitionId: byId(REQUISITION),
				requisitionCode: 'ENG-42',
				name: 'Backend Engineer II',
				headcountTotal: '3',
				additionalFields: { status: 'onHold' },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: REQUISITION, ...body }]);
	});

	it('deletes a requisition (204) and reports it', async () => {
		const scope = nock(LEVER).delete(`/v1/requisitions/${REQUISITION}`).reply(204);
		const result = await runLever({ parameters: { resource: 'requisition', operation: 'delete', requisitionId: byId(REQUISITION) } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ success: true, deleted: true, requisition: REQUISITION }]);
	});

	it('refuses a malformed requisition ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'requisition', operation: 'delete', requisitionId: byId('ENG-42') } });
		expectInputError(result, 'Requisition');
	});
});
