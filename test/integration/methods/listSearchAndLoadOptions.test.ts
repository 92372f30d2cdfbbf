import nock from 'nock';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import * as listSearch from '../../../nodes/Lever/methods/listSearch';
import * as loadOptions from '../../../nodes/Lever/methods/loadOptions';
import type { RequestRecord } from '../../helpers/runNode';
import { apiKeyCredentials, createContext } from '../../helpers/runNode';
import { freshRateLimits } from '../../helpers/rateLimits';

let emulator: RunningEmulator;
let requests: RequestRecord[];
let ctx: ILoadOptionsFunctions;

const records = (collection: keyof RunningEmulator['state']) =>
	(emulator.state[collection] as unknown as { values(): IDataObject[] }).values();

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	emulator = await startEmulator({ opportunities: 130, rateLimit: false });
});
afterAll(async () => await emulator.close());
beforeEach(() => {
	freshRateLimits();
	requests = [];
	ctx = createContext({ parameters: {}, credentials: apiKeyCredentials(emulator.apiUrl) }, requests, []) as unknown as ILoadOptionsFunctions;
});

describe('list search (resource locators)', () => {
	it('pages opportunities 100 at a time and hands back Lever\'s token for the next page', async () => {
		const first = await listSearch.searchOpportunities.call(ctx);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await listSearch.searchOpportunities.call(ctx, undefined, first.paginationToken);
		const ids = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(ids).size).toBe(ids.length);
		expect(second.paginationToken).toBeUndefined();
		expect(first.results[0].url).toBe(`${emulator.url}/candidates/${first.results[0].value}`);
	});

	it('looks an email up with Lever\'s email filter, and filters names on the page otherwise', async () => {
		// the most recently active one, so that its name is on the first page of Lever's list
		const opportunity = records('opportunities')
			.filter((record) => record.confidentiality !== 'confidential')
			.sort((a, b) => (b.lastInteractionAt as number) - (a.lastInteractionAt as number))[0];
		const contact = emulator.state.contacts.get(opportunity.contact as string) as IDataObject;
		const email = (contact.emails as string[])[0];
		const byEmail = await listSearch.searchOpportunities.call(ctx, email);
		expect(requests[0].url).toContain(`email=${encodeURIComponent(email)}`);
		expect(byEmail.results.map((result) => result.value)).toContain(opportunity.id);

		const word = String(contact.name).split(' ')[0];
		const byName = await listSearch.searchOpportunities.call(ctx, word.toLowerCase());
		expect(byName.results.length).toBeGreaterThan(0);
		expect(byName.results.every((result) => result.name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
	});

	it.each([
		['searchPostings', 'postings', 'text'],
		['searchUsers', 'users', 'name'],
		['searchStages', 'stages', 'text'],
		['searchRequisitions', 'requisitions', 'name'],
	] as const)('%s lists the account\'s %s', async (method, collection, field) => {
		const { results } = await listSearch[method].call(ctx);
		const known = new Set(records(collection).map((record) => String(record.id)));
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((result) => known.has(String(result.value)))).toBe(true);
		const sample = records(collection).find((record) => record.id === results[0].value)!;
		expect(results[0].name).toContain(String(sample[field]));
	});
});

describe('list search over a bare-array answer', () => {
	it('offers the records of a list Lever answers as a bare array', async () => {
		nock.disableNetConnect();
		try {
			const scope = nock('http://lever.test').get('/v1/stages').query(true).reply(200, [{ id: 'lead-new', text: 'New Lead' }]);
			const bare = createContext({ parameters: {}, credentials: apiKeyCredentials() }, [], []) as unknown as ILoadOptionsFunctions;
			const { results, paginationToken } = await listSearch.searchStages.call(bare);
			expect(scope.isDone()).toBe(true);
			expect(results).toEqual([expect.objectContaining({ name: 'New Lead', value: 'lead-new' })]);
			expect(paginationToken).toBeUndefined();
		} finally {
			nock.cleanAll();
			nock.enableNetConnect('127.0.0.1');
		}
	});
});

describe('dropdowns loaded from the account', () => {
	it('offers tags and sources by their text (Lever creates new ones on the fly), sorted', async () => {
		const tags = await loadOptions.getTags.call(ctx);
		expect(tags.length).toBeGreaterThan(0);
		expect(tags.every((option) => option.name === option.value)).toBe(true);
		expect(tags.map((option) => option.name)).toEqual([...tags.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		expect((await loadOptions.getSources.call(ctx)).length).toBeGreaterThan(0);
	});

	it('marks hired archive reasons and offers stage, user, posting and template ids', async () => {
		const reasons = await loadOptions.getArchiveReasons.call(ctx);
		const hired = records('archiveReasons').find((record) => record.type === 'hired')!;
		expect(reasons.find((option) => option.value === hired.id)?.name).toMatch(/\(hired\)$/);
		for (const [method, collection] of [
			['getStages', 'stages'],
			['getUsers', 'users'],
			['getPostings', 'postings'],
			['getFeedbackTemplates', 'feedbackTemplates'],
			['getFormTemplates', 'formTemplates'],
		] as const) {
			const options = await loadOptions[method].call(ctx);
			const known = new Set(records(collection).map((record) => String(record.id)));
			expect(options.length).toBeGreaterThan(0);
			expect(options.every((option) => known.has(String(option.value)))).toBe(true);
		}
	});

	it('reads requisition fields without paging parameters (Lever does not page them)', async () => {
		const fields = await loadOptions.getRequisitionFields.call(ctx);
		expect(fields.map((option) => option.value).sort()).toEqual(records('requisitionFields').map((record) => record.id).sort());
		expect(requests[0].url).not.toMatch(/limit=|offset=/);
	});
});
