import nock from 'nock';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { leverApiRequest, leverIdentity } from '../../../nodes/Lever/transport';
import type { RequestRecord } from '../../helpers/runNode';
import { apiKeyCredentials, createContext } from '../../helpers/runNode';
import { freshRateLimits } from '../../helpers/rateLimits';

const BASE = 'http://lever.test/v1';

function jwt(claims: IDataObject): string {
	const part = (value: IDataObject) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

const oauth = (clientId: string, accountId: string, tokenId: string): IDataObject => ({
	environment: 'custom',
	customBaseUrl: BASE,
	clientId,
	clientSecret: 'client-secret',
	oauthTokenData: {
		access_token: jwt({ 'https://oauth.lever.co/accountId': accountId, 'https://oauth.lever.co/clientId': clientId, jti: tokenId }),
		refresh_token: `refresh-${tokenId}`,
	},
});

/** A context whose node uses the n8n credential `credentialId` holding `data`; 1 request/s, burst 1. */
function contextFor(credentialId: string, data: IDataObject, requests: RequestRecord[], oauth2 = false): IExecuteFunctions {
	const ctx = createContext({ parameters: {}, oauth: oauth2, credentials: { ...data, requestsPerSecond: 1, burst: 3 } }, requests, []);
	const node = ctx.getNode();
	const type = oauth2 ? 'leverAtsOAuth2Api' : 'leverAtsApi';
	node.credentials = { [type]: { id: credentialId, name: credentialId } };
	return ctx;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	freshRateLimits();
	jest.useRealTimers();
});

describe('rate limit keyed on the Lever identity', () => {
	it('is a hash: the bucket key never contains the API key', () => {
		const sample = ['lever', 'sample', 'key', '0123456789'].join('-');
		const key = leverIdentity('leverAtsApi', apiKeyCredentials(BASE, sample), BASE);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain('sample');
	});

	it('is the same for two n8n credentials holding one key, and differs between keys and environments', () => {
		const a = leverIdentity('leverAtsApi', { apiKey: 'key-1', requestsPerSecond: 10 }, BASE);
		expect(leverIdentity('leverAtsApi', { apiKey: 'key-1', requestsPerSecond: 5 }, BASE)).toBe(a);
		expect(leverIdentity('leverAtsApi', { apiKey: 'key-2' }, BASE)).not.toBe(a);
		expect(leverIdentity('leverAtsApi', { apiKey: 'key-1' }, 'https://api.sandbox.lever.co/v1')).not.toBe(a);
	});

	it('is the OAuth client and account: stable across token refreshes, distinct per account', () => {
		const first = leverIdentity('leverAtsOAuth2Api', oauth('client-1', 'account-1', 't1'), BASE);
		expect(leverIdentity('leverAtsOAuth2Api', oauth('client-1', 'account-1', 't2'), BASE)).toBe(first);
		expect(leverIdentity('leverAtsOAuth2Api', oauth('client-1', 'account-2', 't3'), BASE)).not.toBe(first);
		expect(leverIdentity('leverAtsOAuth2Api', oauth('client-2', 'account-1', 't4'), BASE)).not.toBe(first);
	});

	it('makes two n8n credentials with the same key share one bucket (fake timers)', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		const requests: RequestRecord[] = [];
		const one = contextFor('credential-one', apiKeyCredentials(BASE, 'shared-key'), requests);
		const two = contextFor('credential-two', apiKeyCredentials(BASE, 'shared-key'), requests);
		nock('http://lever.test').get('/v1/tags').times(4).reply(200, { data: [] });
		const t0 = Date.now();
		const all = Promise.all([one, two, one, two].map(async (ctx) => await leverApiRequest.call(ctx, { method: 'GET', path: '/tags' })));
		let done = false;
		void all.then(() => (done = true));
		while (!done) await jest.advanceTimersByTimeAsync(50);
		// burst 3 (less the 2-token reserve = 1), then 1 per second: shared, the 4 requests need 3 s
		const started = requests.map((request) => request.at - t0).sort((x, y) => x - y);
		expect(started[3]).toBeGreaterThanOrEqual(3000);
	});
});
