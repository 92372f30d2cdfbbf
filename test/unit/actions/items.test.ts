/**
 * Item order of writes (issue 14): writes that are not safe to repeat run one item after another, so a
 * failure leaves exactly the earlier items written and nothing after, and the error says which; reads
 * stay concurrent; Find or Create creates once per email + posting within a run.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import { runsInItemOrder } from '../../../nodes/Lever/actions/items';
import { findOperation } from '../../../nodes/Lever/actions/router';
import { apiKeyCredentials, createContext, runLever } from '../../helpers/runNode';
import { LEVER, OPP, USER, byId, opportunity, performAs } from '../../helpers/fixtures';

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('with nock', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('30 Note > Create items whose second fails: one note written before the error, none after', async () => {
		const received: string[] = [];
		nock(LEVER)
			.post(`/v1/opportunities/${OPP}/notes`)
			.query(true)
			.times(30)
			.reply((_uri, body) => {
				const text = (body as IDataObject).value as string;
				received.push(text);
				return text === 'note 1' ? [400, { code: 'BadRequestError', message: 'Invalid note' }] : [201, { data: { noteId: `n-${text}` } }];
			});
		const result = await runLever({
			items: items(30),
			parameters: { resource: 'note', operation: 'create', opportunityId: opportunity, performAs, value: (index: number) => `note ${index}`, additionalFields: {} },
		});
		expect(result.error?.message).toBe('Invalid note');
		expect(received).toEqual(['note 0', 'note 1']);
		expect((result.error as Error & { description: string }).description).toMatch(
			/Item 1 failed\. Before it, item 0 was written to Lever \(running the same input again writes them again\); items 2 to 29 were not sent\./,
		);
	});

	it('keeps reads and repeat-safe writes concurrent, and orders every other write', () => {
		const ctx = createContext({ parameters: { method: 'GET' } }, [], []);
		const decide = (resource: string, operation: string) => runsInItemOrder(ctx, findOperation(resource, operation)!, 3);
		expect(decide('opportunity', 'get')).toBe(false);
		expect(decide('note', 'getMany')).toBe(false);
		expect(decide('opportunity', 'addTags')).toBe(false);
		expect(decide('note', 'create')).toBe(true);
		expect(decide('opportunity', 'create')).toBe(true);
		expect(decide('customApiCall', 'request')).toBe(false);
		const posting = createContext({ parameters: { method: (index: number) => (index === 2 ? 'POST' : 'GET') } }, [], []);
		expect(runsInItemOrder(posting, findOperation('customApiCall', 'request')!, 3)).toBe(true);
	});

	it('runs Custom API Call writes (method chosen per item) in order', async () => {
		const order: number[] = [];
		nock(LEVER)
			.post('/v1/notes-like')
			.times(5)
			.reply((_uri, body) => {
				order.push((body as IDataObject).n as number);
				return [(body as IDataObject).n === 2 ? 500 : 200, { data: {} }];
			});
		const result = await runLever({
			items: items(5),
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/notes-like',
				query: '{}',
				body: (index: number) => JSON.stringify({ n: index }),
				requestOptions: { maxAttempts: 1 },
			},
		});
		expect(order).toEqual([0, 1, 2]);
		expect((result.error as Error & { description: string }).description).toMatch(/Item 2 failed\. Before it, items 0 and 1 were written to Lever/);
	});
});

describe('against the emulator', () => {
	let emulator: RunningEmulator;
	let credentials: IDataObject;
	let opportunityId: string;

	beforeAll(async () => {
		emulator = await startEmulator({ opportunities: 3, rateLimit: { perSecond: 1000, burst: 1000 } });
		credentials = apiKeyCredentials(emulator.apiUrl);
		opportunityId = (emulator.state.opportunities.values() as IDataObject[])[0].id as string;
	});
	afterAll(async () => await emulator.close());

	/** The texts of the opportunity's notes written by this test. */
	const orderedNotes = (id: string) =>
		(emulator.state.notes.children(id) as IDataObject[])
			.flatMap((note) => ((note.fields as IDataObject[] | undefined) ?? []).map((field) => String(field.value ?? '')))
			.filter((text) => text.startsWith('ordered note'));

	it('30 Note > Create items whose second fails: exactly one note written before the error, none after', async () => {
		expect(orderedNotes(opportunityId)).toEqual([]);
		const result = await runLever({
			credentials,
			items: items(30),
			parameters: {
				resource: 'note',
				operation: 'create',
				// Item 1 names an opportunity Lever does not have: a 404 that stops the run.
				opportunityId: (index: number) => byId(index === 1 ? MISSING : opportunityId),
				performAs: byId(''),
				value: (index: number) => `ordered note ${index}`,
				additionalFields: {},
			},
		});
		expect(result.error?.message).toBeDefined();
		expect(orderedNotes(opportunityId)).toEqual(['ordered note 0']);
		expect((result.error as Error & { description: string }).description).toMatch(/Item 1 failed\. Before it, item 0 was written/);
	});

	it('Find or Create creates one opportunity for two items with the same email and posting', async () => {
		const posting = (emulator.state.postings.values() as IDataObject[]).find((record) => record.state === 'published')!;
		const email = `twice-${Date.now()}@example.com`;
		const count = () => (emulator.state.opportunities.values() as IDataObject[]).length;
		const before = count();
		const result = await runLever({
			credentials,
			items: items(4),
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				mode: 'findOrCreate',
				performAs: byId(USER_ID(emulator)),
				name: 'Twice Applied',
				// Same person (email case differs) on the same posting, then the same person without a posting.
				emails: (index: number) => (index === 1 ? email.toUpperCase() : email),
				postingId: (index: number) => byId(index < 3 ? (posting.id as string) : ''),
				additionalFields: {},
				options: {},
			},
		});
		expect(result.error).toBeUndefined();
		const [first, second, third] = result.output.map((item) => item.json);
		expect(first).toMatchObject({ created: true });
		expect(second).toMatchObject({ id: first.id, created: false });
		expect(third).toMatchObject({ id: first.id, created: false });
		// Without a posting, Find or Create matches any opportunity of the person: the one just created.
		expect(result.output[3].json).toMatchObject({ id: first.id, created: false });
		expect(count()).toBe(before + 1);
	});
});

function USER_ID(emulator: RunningEmulator): string {
	return ((emulator.state.users.values() as IDataObject[]).find((user) => !user.deactivatedAt)!.id as string) ?? USER;
}
