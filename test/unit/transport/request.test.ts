import nock from 'nock';
import type { IDataObject, IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { leverApiList, leverApiRequest } from '../../../nodes/Lever/transport';
import { ADAPT } from '../../../nodes/Lever/transport/rateLimiter';
import type { RequestRecord } from '../../helpers/runNode';
import { apiKeyCredentials, createContext } from '../../helpers/runNode';
import { freshRateLimits } from '../../helpers/rateLimits';

const SAMPLE_CREDENTIAL = 'lever-secret-key-0123456789';
const lever = () => nock('http://lever.test').matchHeader('authorization', `Basic ${Buffer.from(`${SAMPLE_CREDENTIAL}:`).toString('base64')}`);

function context(): { ctx: IExecuteFunctions; requests: RequestRecord[] } {
	const requests: RequestRecord[] = [];
	const hints: NodeExecutionHint[] = [];
	const ctx = createContext({ parameters: {}, credentials: apiKeyCredentials('http://lever.test/v1', SAMPLE_CREDENTIAL) }, requests, hints);
	return { ctx, requests };
}

/** Advances fake time until the promise settles (the HTTP client may schedule timers of its own). */
async function settle<T>(promise: Promise<T>, stepMs = 50): Promise<T> {
	let done = false;
	promise.then(
		() => (done = true),
		() => (done = true),
	);
	while (!done) await jest.advanceTimersByTimeAsync(stepMs);
	return await promise;
}

const fastRetry = { retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 }, rateLimit: false as const };

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	freshRateLimits();
	jest.useRealTimers();
});

describe('query encoding', () => {
	it('sends multi-valued filters as repeated keys, never commas or brackets', async () => {
		const { ctx } = context();
		const scope = lever().get('/v1/opportunities?tag=a&tag=b%20c&expand=stage&expand=owner&archived=false').reply(200, { data: [] });
		await leverApiRequest.call(ctx, {
			method: 'GET',
			path: '/opportunities',
			qs: { tag: ['a', 'b c'], expand: ['stage', 'owner'], archived: false, email: '' },
		});
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an expand value the endpoint does not allow before sending anything', async () => {
		const { ctx, requests } = context();
		await expect(
			leverApiRequest.call(ctx, { method: 'GET', path: '/opportunities', qs: { expand: ['posting'] }, expandAllowed: ['stage', 'owner'] }),
		).rejects.toThrow(NodeOperationError);
		expect(requests).toHaveLength(0);
	});
});

describe('pagination', () => {
	it('follows next tokens until hasNext is false and keeps every record in order', async () => {
		const { ctx } = context();
		lever().get('/v1/opportunities').query({ limit: '100' }).reply(200, { data: [{ id: 1 }, { id: 2 }], hasNext: true, next: 'tok%201' });
		lever().get('/v1/opportunities').query({ limit: '100', offset: 'tok%201' }).reply(200, { data: [{ id: 3 }], hasNext: true, next: 'tok2' });
		lever().get('/v1/opportunities').query({ limit: '100', offset: 'tok2' }).reply(200, { data: [{ id: 4 }], hasNext: false });
		const records = await leverApiList.call(ctx, { method: 'GET', path: '/opportunities' });
		expect(records.map((record) => record.id)).toEqual([1, 2, 3, 4]);
		expect(nock.isDone()).toBe(true);
	});

	it('stops exactly at the limit, asking only for what is still needed', async () => {
		const { ctx, requests } = context();
		const page = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ id: from + index }));
		lever().get('/v1/opportunities').query({ limit: '100' }).reply(200, { data: page(0, 100), hasNext: true, next: 'a' });
		lever().get('/v1/opportunities').query({ limit: '30', offset: 'a' }).reply(200, { data: page(100, 30), hasNext: true, next: 'b' });
		const records = await leverApiList.call(ctx, { method: 'GET', path: '/opportunities' }, { limit: 130 });
		expect(records).toHaveLength(130);
		expect(requests).toHaveLength(2);
	});

	it('sends no paging parameters to endpoints that reject them', async () => {
		const { ctx } = context();
		const scope = lever().get('/v1/opportunities/x/resumes').reply(200, { data: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }], hasNext: false });
		const records = await leverApiList.call(ctx, { method: 'GET', path: '/opportunities/x/resumes' }, { paging: 'unpaged', limit: 2 });
		expect(scope.isDone()).toBe(true);
		expect(records).toEqual([{ id: 'r1' }, { id: 'r2' }]);
	});

	it.each([
		['an unpaged list', { paging: 'unpaged' as const }, '/v1/opportunities/x/files'],
		['a paged list', {}, '/v1/opportunities/x/files?limit=100'],
	])('reads %s that Lever answers as a bare array (the documented shape of List all files)', async (_label, pageOptions, url) => {
		const { ctx, requests } = context();
		lever().get(url).reply(200, [{ id: 'f1' }, { id: 'f2' }]);
		const records = await leverApiList.call(ctx, { method: 'GET', path: '/opportunities/x/files' }, pageOptions);
		expect(records).toEqual([{ id: 'f1' }, { id: 'f2' }]);
		expect(requests).toHaveLength(1);
	});

	it('stops with an error when the next token does not advance', async () => {
		const { ctx } = context();
		lever().get('/v1/postings').query({ limit: '100' }).reply(200, { data: [{ id: 1 }], hasNext: true, next: 'same' });
		lever().get('/v1/postings').query({ limit: '100', offset: 'same' }).reply(200, { data: [{ id: 2 }], hasNext: true, next: 'same' });
		await expect(leverApiList.call(ctx, { method: 'GET', path: '/postings' })).rejects.toThrow(/did not advance/);
	});
});

describe('retries', () => {
	it('retries a 429 after backing off, then succeeds (fake timers)', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const { ctx, requests } = context();
		lever().get('/v1/users').reply(429, { code: 'TooManyRequests', message: 'Rate limit exceeded' });
		lever().get('/v1/users').reply(200, { data: [{ id: 'u1' }] });
		const pending = leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: { rateLimit: false } });
		await expect(settle(pending)).resolves.toEqual({ data: [{ id: 'u1' }] });
		expect(requests).toHaveLength(2);
	});

	it('honours Retry-After: no retry before it has passed', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const { ctx, requests } = context();
		lever().get('/v1/users').reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '3' });
		lever().get('/v1/users').reply(200, { data: [] });
		const pending = leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: { rateLimit: false } });
		await jest.advanceTimersByTimeAsync(2900);
		expect(requests).toHaveLength(1);
		await expect(settle(pending)).resolves.toEqual({ data: [] });
		expect(requests).toHaveLength(2);
	});

	it('gives up after the configured attempts with a clear error', async () => {
		const { ctx, requests } = context();
		lever().get('/v1/users').times(3).reply(503, { code: 'ServiceUnavailable', message: 'Down for maintenance' });
		const error = (await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry }).catch((caught) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe('Down for maintenance');
		expect(error.description).toMatch(/maintenance or overloaded/);
		expect(requests).toHaveLength(3);
	});

	it('gives up when the total retry time would be exceeded', async () => {
		const { ctx, requests } = context();
		lever().get('/v1/users').reply(429, {}, { 'Retry-After': '60' });
		const error = await leverApiRequest
			.call(ctx, { method: 'GET', path: '/users', settings: { rateLimit: false, retry: { maxTotalMs: 1000 } } })
			.catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(requests).toHaveLength(1);
	});

	it('does not retry a POST after a 503, since Lever may have acted', async () => {
		const { ctx, requests } = context();
		lever().post('/v1/opportunities/x/notes').reply(503, { code: 'ServiceUnavailable', message: 'busy' });
		await expect(
			leverApiRequest.call(ctx, { method: 'POST', path: '/opportunities/x/notes', body: { value: 'hi' }, settings: fastRetry }),
		).rejects.toThrow(NodeApiError);
		expect(requests).toHaveLength(1);
	});

	it('retries a POST after a 429, which proves nothing happened', async () => {
		const { ctx, requests } = context();
		lever().post('/v1/opportunities/x/notes').reply(429, { code: 'TooManyRequests', message: 'slow' });
		lever().post('/v1/opportunities/x/notes', { value: 'hi' }).reply(201, { data: { id: 'n1' } });
		await expect(
			leverApiRequest.call(ctx, { method: 'POST', path: '/opportunities/x/notes', body: { value: 'hi' }, settings: fastRetry }),
		).resolves.toEqual({ data: { id: 'n1' } });
		expect(requests).toHaveLength(2);
	});

	/** A context whose first calls fail the way n8n reports a dropped connection: NodeApiError around the client error. */
	function droppingContext(failures: number) {
		const { ctx } = context();
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		let calls = 0;
		const helpers = {
			...ctx.helpers,
			httpRequestWithAuthentication: async () => {
				calls++;
				if (calls <= failures) throw new NodeApiError(ctx.getNode(), reset as never);
				return { data: [{ id: 'lead-new' }] };
			},
		};
		return { ctx: { ...ctx, helpers } as unknown as IExecuteFunctions, calls: () => calls };
	}

	it('retries a GET after a dropped connection', async () => {
		const { ctx, calls } = droppingContext(1);
		await expect(leverApiRequest.call(ctx, { method: 'GET', path: '/stages', settings: fastRetry })).resolves.toEqual({ data: [{ id: 'lead-new' }] });
		expect(calls()).toBe(2);
	});

	it('does not retry a POST after a dropped connection, and says it could not reach Lever', async () => {
		const { ctx, calls } = droppingContext(1);
		const error = (await leverApiRequest
			.call(ctx, { method: 'POST', path: '/opportunities/x/addTags', body: { tags: ['a'] }, settings: fastRetry })
			.catch((caught) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.description).toMatch(/could not be reached \(ECONNRESET\) after 1 attempt/);
		expect(calls()).toBe(1);
	});
});

describe('error mapping', () => {
	const cases: Array<[number, unknown, RegExp, RegExp]> = [
		[400, { code: 'BadRequestError', message: 'Email address is not valid at /email' }, /^Email address is not valid/, /"email"/],
		[400, { code: 'BadRequestError', message: 'Missing required parameter: perform_as' }, /perform_as/, /"perform_as"/],
		[401, { code: 'UnauthorizedError', message: 'Invalid API key' }, /Invalid API key/, /another environment/],
		[403, { code: 'Forbidden', message: 'Not allowed' }, /Not allowed/, /lacks permission for GET \/opportunities\/\{opportunity\}/],
		[404, { code: 'ResourceNotFound', message: 'Opportunity was not found' }, /Opportunity was not found/, /opportunity "abc"/],
		[422, { code: 'UnprocessableEntity', message: 'Could not process file' }, /Could not process file/, /could not process this file/],
		[500, 'Internal <b>boom</b>', /Internal <b>boom<\/b>/, /internal error/],
		[502, '', /failed with 502/, /unreachable/],
	];

	it.each(cases)('maps %i with Lever\'s message and a hint', async (status, body, message, hint) => {
		const { ctx } = context();
		lever().get('/v1/opportunities/abc').times(3).reply(status, body as never);
		const error = (await leverApiRequest
			.call(ctx, {
				method: 'GET',
				path: '/opportunities/abc',
				endpoint: '/opportunities/{opportunity}',
				ids: { opportunity: 'abc' },
				itemIndex: 2,
				settings: fastRetry,
			})
			.catch((caught) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe(String(status));
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(hint);
		expect(error.context.itemIndex).toBe(2);
	});

	it('never puts the key or the Authorization header into an error, on any path', async () => {
		const { ctx } = context();
		const basic = Buffer.from(`${SAMPLE_CREDENTIAL}:`).toString('base64');
		const echoes = [
			[401, { code: 'Unauthorized', message: `Key ${SAMPLE_CREDENTIAL} is invalid` }],
			[400, { code: 'BadRequestError', message: `Authorization: Basic ${basic}` }],
			[500, `<html>${SAMPLE_CREDENTIAL}</html>`],
		] as const;
		for (const [status, body] of echoes) {
			lever().get('/v1/users').times(3).reply(status, body as never);
			const error = (await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry }).catch((caught) => caught)) as NodeApiError;
			const serialized = JSON.stringify({ message: error.message, description: error.description, error, context: error.context });
			expect(serialized).not.toContain(SAMPLE_CREDENTIAL);
			expect(serialized).not.toContain(basic);
		}
		lever().get('/v1/users').times(3).replyWithError({ code: 'ECONNRESET', message: `reset while sending ${SAMPLE_CREDENTIAL}` });
		const network = (await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry }).catch((caught) => caught)) as NodeApiError;
		expect(network).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify({ m: network.message, d: network.description, network })).not.toContain(SAMPLE_CREDENTIAL);
	});

	it('treats an empty success body (204) as an empty object', async () => {
		const { ctx } = context();
		lever().delete('/v1/requisitions/r1').reply(204);
		await expect(leverApiRequest.call(ctx, { method: 'DELETE', path: '/requisitions/r1' })).resolves.toEqual({});
	});
});

describe('rate limit shared by concurrent requests', () => {
	it('starts slow, paces requests at the configured rate, and lets a burst through after a short rest (fake timers)', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		freshRateLimits(ADAPT); // as shipped: with the slow start
		const { ctx, requests } = context();
		lever().get('/v1/tags').times(11).reply(200, { data: [] });
		const settings = { rateLimit: { perSecond: 2, burst: 3 } };
		const t0 = Date.now();
		// 5 ms steps: settle() moves the fake clock on while the requests' real async steps run, and with 50 ms
		// steps that could add seconds after the last request, enough to pass the 10 s idle restart below
		await settle(Promise.all(Array.from({ length: 8 }, async () => await leverApiRequest.call(ctx, { method: 'GET', path: '/tags', settings }))), 5);
		const started = requests.map((request) => request.at - t0);
		expect(requests).toHaveLength(8);
		// a new bucket starts with one token at half the rate (other processes may be starting too) and never
		// goes faster than 2/s: by time t at most 1 + 2t requests have started, so the 8th not before 3.5 s
		expect(started.filter((at) => at < 100)).toHaveLength(1);
		started.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(i * 500 - 50));
		expect(Math.max(...started)).toBeGreaterThanOrEqual(3500);
		// at full rate, a short rest (well under the 10 s after which a bucket starts slow again) refills the
		// burst: 3 at once, all before a paced second one could start (500 ms at 2/s)
		await jest.advanceTimersByTimeAsync(2000);
		const t1 = Date.now();
		expect(t1 - (t0 + Math.max(...started))).toBeLessThan(ADAPT.idleMs);
		await settle(Promise.all(Array.from({ length: 3 }, async () => await leverApiRequest.call(ctx, { method: 'GET', path: '/tags', settings }))), 5);
		expect(requests.slice(8).filter((request) => request.at - t1 < 400)).toHaveLength(3);
	});
});

describe('settings from the credential and the node', () => {
	it('paces requests at the rate set on the credential', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const requests: RequestRecord[] = [];
		const ctx = createContext(
			{ parameters: {}, credentials: { ...apiKeyCredentials('http://lever.test/v1', SAMPLE_CREDENTIAL), requestsPerSecond: 1, burst: 1 } },
			requests,
			[],
		);
		lever().get('/v1/tags').times(3).reply(200, { data: [] });
		const t0 = Date.now();
		await settle(Promise.all([1, 2, 3].map(async () => await leverApiRequest.call(ctx, { method: 'GET', path: '/tags' }))));
		const started = requests.map((request) => request.at - t0);
		expect(started[1]).toBeGreaterThanOrEqual(1000);
		expect(started[2]).toBeGreaterThanOrEqual(2000);
	});

	it("keeps two tokens of the account's burst in reserve, so jitter cannot empty Lever's bucket", async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const requests: RequestRecord[] = [];
		const ctx = createContext(
			{ parameters: {}, credentials: { ...apiKeyCredentials('http://lever.test/v1', SAMPLE_CREDENTIAL), requestsPerSecond: 10, burst: 5 } },
			requests,
			[],
		);
		lever().get('/v1/tags').times(24).reply(200, { data: [] });
		// past the slow start (full rate after a second), then a rest that refills the burst
		await settle(Promise.all(Array.from({ length: 20 }, async () => await leverApiRequest.call(ctx, { method: 'GET', path: '/tags' }))));
		await jest.advanceTimersByTimeAsync(2000);
		const t0 = Date.now();
		await settle(Promise.all([1, 2, 3, 4].map(async () => await leverApiRequest.call(ctx, { method: 'GET', path: '/tags' }))));
		const started = requests.slice(20).map((request) => request.at - t0);
		expect(started.filter((at) => at < 50)).toHaveLength(3);
		expect(started[3]).toBeGreaterThanOrEqual(100);
	});

	it("reads no node parameter: retries are bounded by the settings it is given, not by the node's Request Options", async () => {
		const requests: RequestRecord[] = [];
		const ctx = createContext(
			{ parameters: { requestOptions: { maxAttempts: 2 } }, credentials: apiKeyCredentials('http://lever.test/v1', SAMPLE_CREDENTIAL) },
			requests,
			[],
		);
		lever().get('/v1/users').times(6).reply(503, { code: 'ServiceUnavailable', message: 'busy' });
		await expect(
			leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: { rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 1 } } }),
		).rejects.toThrow(NodeApiError);
		// The default six attempts: Request Options reach the transport only through the operation layer.
		expect(requests).toHaveLength(6);
	});
});

describe('OAuth2', () => {
	it('sends the bearer token and never leaks it in errors', async () => {
		const requests: RequestRecord[] = [];
		const ctx = createContext(
			{
				parameters: {},
				oauth: true,
				credentials: { environment: 'custom', customBaseUrl: 'http://lever.test/v1', oauthTokenData: { access_token: 'secret-access-token-xyz', refresh_token: 'refresh-abc-123' } } as IDataObject,
			},
			requests,
			[],
		);
		nock('http://lever.test').matchHeader('authorization', 'Bearer secret-access-token-xyz').get('/v1/users').reply(403, { code: 'Forbidden', message: 'missing scope users:read:admin for secret-access-token-xyz' });
		const error = (await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry }).catch((caught) => caught)) as NodeApiError;
		expect(error.httpCode).toBe('403');
		expect(JSON.stringify({ m: error.message, d: error.description, error })).not.toMatch(/secret-access-token-xyz|refresh-abc-123/);
	});
});
