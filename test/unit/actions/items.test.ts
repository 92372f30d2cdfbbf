/**
 * Item order of writes (issue 14): writes that are not safe to repeat run one item after another, so a
 * failure leaves exactly the earlier items written and nothing after, and the error says which; reads
 * stay concurrent; Find or Create creates once per email + posting within a run.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { runsInItemOrder } from '../../../nodes/Lever/actions/items';
import { findOperation } from '../../../nodes/Lever/actions/router';
import { createContext, runLever } from '../../helpers/runNode';
import { LEVER, OPP, opportunity, performAs } from '../../helpers/fixtures';

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));

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
