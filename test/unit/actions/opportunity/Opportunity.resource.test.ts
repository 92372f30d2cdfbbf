import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runLever } from '../../../helpers/runNode';
import { Lever } from '../../../../nodes/Lever/Lever.node';
import { byId } from '../../../helpers/fixtures';

const OPP = '250d8f03-738a-4bba-a671-8a3d73477145';
const USER = '8d49b010-cc6a-4f40-ace5-e86061c677ed';
const POSTING = 'f2f01e16-27f8-4711-a728-7d49499795a0';

describe('Opportunity: exact requests (nock)', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());

	it('Get Many sends filters as Lever query parameters: repeated keys, dates in ms, exact limit', async () => {
		const scope = nock('http://lever.test')
			.get('/v1/opportunities')
			.query((query) => {
				expect(query).toEqual({
					tag: ['Senior', 'Remote'],
					origin: ['sourced', 'referred'],
					stage_id: 'lead-new',
					email: 'jane@example.com',
					archived: 'false',
					updated_at_start: String(Date.parse('2026-01-01T00:00:00Z')),
					expand: ['stage', 'owner'],
					limit: '3',
				});
				return true;
			})
			.reply(200, { data: [{ id: 'a', name: 'A', archived: null }, { id: 'b', name: 'B', archived: { reason: 'r', archivedAt: 5 } }], hasNext: false });
		const { output, error } = await runLever({
			parameters: {
				resource: 'opportunity',
				operation: 'getMany',
				returnAll: false,
				limit: 3,
				expand: ['stage', 'owner'],
				simplify: true,
				filters: {
					tag: ['Senior', 'Remote'],
					origin: ['sourced', 'referred'],
					stage_id: ['lead-new'],
					email: 'jane@example.com',
					archived: 'false',
					updatedAfter: '2026-01-01T00:00:00Z',
				},
			},
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output.map((item) => [item.json.id, item.json.archived, item.pairedItem])).toEqual([
			['a', false, { item: 0 }],
			['b', true, { item: 0 }],
		]);
	});

	it.each([
		['a malformed email filter', { filters: { email: 'not-an-email' } }, /Filters > Email/],
		['a date that is not a date', { filters: { createdAfter: 'last tuesday' } }, /Filters > Created After/],
		['a limit of zero', { limit: 0 }, /Limit/],
	])('refuses %s before any request', async (_label, overrides, message) => {
		const { error, requests } = await runLever({
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: false, limit: 5, filters: {}, ...overrides },
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect(requests).toHaveLength(0);
	});

	it('Create sends perform_as, the candidate and surfaces deduped', async () => {
		const scope = nock('http://lever.test')
			.post('/v1/opportunities', {
				name: 'Jane Doe',
				emails: ['jane@example.com'],
				postings: [POSTING],
				tags: ['OfferZen'],
				sources: ['OfferZen'],
				links: ['https://github.com/jane'],
				phones: [{ value: '+27 21 555 0100', type: 'mobile' }],
				origin: 'sourced',
			})
			.query({ perform_as: USER })
			.reply(201, { deduped: true, data: { id: OPP, name: 'Jane Doe' } });
		const { output, error } = await runLever({
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				mode: 'create',
				performAs: byId(USER),
				name: 'Jane Doe',
				emails: 'jane@example.com',
				postingId: byId(POSTING),
				tagsText: 'OfferZen',
				sourcesText: 'OfferZen',
				additionalFields: { links: 'https://github.com/jane', phones: '+27 21 555 0100', origin: 'sourced' },
				options: {},
			},
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({ id: OPP, created: true, deduped: true });
	});

	it.each([
		['no Perform As', { performAs: byId('') }, /Perform As is required/],
		['a Perform As that is not an ID', { performAs: byId('jane') }, /Perform As: "jane" is not a valid Lever ID/],
		['a malformed email', { emails: 'jane@' }, /Emails: "jane@" is not an email/],
		['a link that is not a URL', { additionalFields: { links: 'github.com/jane' } }, /Links/],
		['a creation date in the future', { additionalFields: { createdAt: '2999-01-01T00:00:00Z' } }, /Created At: is in the future/],
		['a missing resume binary property', { options: { resumeBinaryProperty: 'resume' } }, /resume/],
		['an Opportunity Location without a posting (Lever would ignore it)', { postingId: byId(''), additionalFields: { opportunityLocation: 'Remote' } }, /Opportunity Location: needs a posting/],
	])('Create refuses %s before any request', async (_label, overrides, message) => {
		const { error, requests } = await runLever({
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				mode: 'create',
				performAs: byId(USER),
				name: 'Jane',
				emails: 'jane@example.com',
				postingId: byId(''),
				additionalFields: {},
				options: {},
				...overrides,
			},
		});
		expect(error).toBeDefined();
		expect(error!.message).toMatch(message);
		expect(requests).toHaveLength(0);
	});

	it('Change Stage on many items keeps order and pairing, and Continue On Fail keeps the error on its item', async () => {
		const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
		nock('http://lever.test').put(`/v1/opportunities/${ids[0]}/stage`, { stage: 'lead-new' }).delay(50).reply(200, { data: { id: ids[0] } });
		nock('http://lever.test').put(`/v1/opportunities/${ids[1]}/stage`).reply(404, { code: 'ResourceNotFound', message: 'Opportunity was not found' });
		nock('http://lever.test').put(`/v1/opportunities/${ids[2]}/stage`).reply(200, { data: { id: ids[2] } });
		const { output, error } = await runLever({
			continueOnFail: true,
			items: ids.map((id) => ({ json: { id } })),
			parameters: { resource: 'opportunity', operation: 'changeStage', opportunityId: (i: number) => byId(ids[i]), stage: 'lead-new', performAs: byId('') },
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.id).toBe(ids[0]);
		expect(output[1].json.error).toBe('Opportunity was not found');
		expect(output[1].json.description).toMatch(new RegExp(`opportunity "${ids[1]}"`));
		expect(output[2].json.id).toBe(ids[2]);
	});

	it('without Continue On Fail, the failing item stops the node with a NodeApiError for that item', async () => {
		nock('http://lever.test').put(`/v1/opportunities/${OPP}/stage`).reply(404, { code: 'ResourceNotFound', message: 'Opportunity was not found' });
		const { error } = await runLever({
			parameters: { resource: 'opportunity', operation: 'changeStage', opportunityId: byId(OPP), stage: 'lead-new', performAs: byId('') },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
	});
});

describe('Opportunity: Create help text', () => {
	it("says an opportunity created without a stage goes to New Lead (Lever's documented default, whatever the origin)", () => {
		const create = new Lever().description.properties.find(
			(property) => property.name === 'additionalFields' && property.displayOptions?.show?.operation?.includes('create') && property.displayOptions?.show?.resource?.includes('opportunity'),
		)!;
		const stage = (create.options as INodeProperties[]).find((option) => option.name === 'stage')!;
		expect(stage.description).toMatch(/^Defaults to New Lead\b/);
		expect(stage.description).not.toMatch(/applicant/i);
	});
});
