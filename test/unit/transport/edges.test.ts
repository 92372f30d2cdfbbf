/**
 * Transport edges (issue 14): listings that cannot be followed to their end, multipart headers built from
 * user data, redaction of tokens that change during a run, OAuth scope sets and refused token refreshes.
 */
import nock from 'nock';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAX_EMPTY_PAGES, leverApiList, leverApiRequest } from '../../../nodes/Lever/transport';
import type { RequestRecord } from '../../helpers/runNode';
import { apiKeyCredentials, createContext } from '../../helpers/runNode';
import { freshRateLimits } from '../../helpers/rateLimits';

const fastRetry = { retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 }, rateLimit: false as const };

function apiKeyContext(): IExecuteFunctions {
	return createContext({ parameters: {}, credentials: apiKeyCredentials('http://lever.test/v1', 'key-0123456789') }, [], []);
}

function oauthContext(credentials: IDataObject, requests: RequestRecord[] = []): IExecuteFunctions {
	return createContext(
		{ parameters: {}, oauth: true, credentials: { environment: 'custom', customBaseUrl: 'http://lever.test/v1', ...credentials } },
		requests,
		[],
	);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	freshRateLimits();
});

describe('pagination that cannot be followed to its end', () => {
	it('stops with an error when Lever says hasNext but gives no next token', async () => {
		nock('http://lever.test')
			.get('/v1/opportunities')
			.query(true)
			.reply(200, { data: [{ id: 'a' }], hasNext: true });
		const error = await leverApiList.call(apiKeyContext(), { method: 'GET', path: '/opportunities', settings: fastRetry }).catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/more records but gave no next token/);
	});

	it('stops an endless run of empty pages with new tokens after a bounded number of pages', async () => {
		let page = 0;
		const scope = nock('http://lever.test')
			.get('/v1/opportunities')
			.query(true)
			.times(MAX_EMPTY_PAGES + 5)
			.reply(200, () => ({ data: [], hasNext: true, next: `token-${++page}` }));
		const error = await leverApiList.call(apiKeyContext(), { method: 'GET', path: '/opportunities', settings: fastRetry }).catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(new RegExp(`${MAX_EMPTY_PAGES} empty pages in a row`));
		expect(page).toBe(MAX_EMPTY_PAGES);
		expect(scope.pendingMocks()).toHaveLength(1);
	});

	it('still follows empty pages that end, and resets the count when records come', async () => {
		const pages = [
			...Array.from({ length: MAX_EMPTY_PAGES - 1 }, () => []),
			[{ id: 'a' }],
			...Array.from({ length: MAX_EMPTY_PAGES - 1 }, () => []),
			[{ id: 'b' }],
		];
		let index = 0;
		nock('http://lever.test')
			.get('/v1/opportunities')
			.query(true)
			.times(pages.length)
			.reply(200, () => {
				const data = pages[index++];
				return index < pages.length ? { data, hasNext: true, next: `t${index}` } : { data, hasNext: false };
			});
		const records = await leverApiList.call(apiKeyContext(), { method: 'GET', path: '/opportunities', settings: fastRetry });
		expect(records).toEqual([{ id: 'a' }, { id: 'b' }]);
	});
});

describe('multipart headers', () => {
	it('strips CR and LF from part names and MIME types, as from file names', async () => {
		let body = '';
		nock('http://lever.test')
			.post('/v1/uploads')
			.reply(200, (_uri, requestBody) => {
				body = Buffer.isBuffer(requestBody) ? requestBody.toString('latin1') : String(requestBody);
				return { data: {} };
			});
		await leverApiRequest.call(apiKeyContext(), {
			method: 'POST',
			path: '/uploads',
			multipart: [
				{ name: 'file\r\nX-Injected: 1', data: Buffer.from('abc'), fileName: 'cv\r\n.pdf', mimeType: 'application/pdf\r\nX-Evil: 2' },
				{ name: 'note\nX-Other: 3', value: 'hi' },
			],
			settings: fastRetry,
		});
		expect(body).toContain('Content-Type: application/pdf X-Evil: 2\r\n');
		expect(body).not.toMatch(/\r\nX-(Injected|Evil|Other)/);
		expect(body).toContain('name="file X-Injected: 1"; filename="cv .pdf"');
		expect(body).toContain('name="note X-Other: 3"');
	});
});

describe('redaction', () => {
	it('hides an access token that n8n refreshed during the run, by value', async () => {
		const credentials: IDataObject = {
			environment: 'custom',
			customBaseUrl: 'http://lever.test/v1',
			oauthTokenData: { access_token: 'first-opaque-token-aaaa', refresh_token: 'refresh-one-bbbb', token_type: 'Bearer' },
		};
		const ctx = createContext({ parameters: {}, oauth: true, credentials }, [], []);
		nock('http://lever.test').get('/v1/users').reply(200, () => {
			// n8n stores the refreshed token in the credential; the transport read the old one at the start.
			credentials.oauthTokenData = { access_token: 'second-opaque-token-cccc', refresh_token: 'refresh-two-dddd', token_type: 'Bearer' };
			return { data: [] };
		});
		nock('http://lever.test')
			.get('/v1/stages')
			.reply(400, { code: 'BadRequestError', message: 'token second-opaque-token-cccc (refresh refresh-two-dddd) is not allowed' });
		await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry });
		const error = await leverApiRequest.call(ctx, { method: 'GET', path: '/stages', settings: fastRetry }).catch((caught) => caught);
		const shown = JSON.stringify({ message: error.message, description: error.description });
		expect(shown).not.toMatch(/second-opaque-token-cccc|refresh-two-dddd/);
		expect(error.message).toBe('token [redacted] (refresh [redacted]) is not allowed');
	});

	it('hides JWT access tokens by shape', async () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';
		nock('http://lever.test').get('/v1/users').reply(400, { code: 'BadRequestError', message: `bad token ${jwt}` });
		const error = await leverApiRequest
			.call(oauthContext({ oauthTokenData: { access_token: 'other' } }), { method: 'GET', path: '/users', settings: fastRetry })
			.catch((caught) => caught);
		expect(error.message).toBe('bad token [redacted]');
	});

	it('keeps the word Bearer and the token URL readable in messages', async () => {
		const ctx = oauthContext({
			accessTokenUrl: 'https://auth.lever.co/oauth/token',
			oauthTokenData: { access_token: 'opaque-token-eeee', token_type: 'Bearer' },
		});
		nock('http://lever.test')
			.get('/v1/users')
			.reply(400, { code: 'BadRequestError', message: 'Bearer tokens from https://auth.lever.co/oauth/token only' });
		const error = await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry }).catch((caught) => caught);
		expect(error.message).toBe('Bearer tokens from https://auth.lever.co/oauth/token only');
	});
});

describe('OAuth scopes and expired refresh tokens', () => {
	it('refuses a Custom scope set larger than a Lever app can be registered with, before any request', async () => {
		const requests: RequestRecord[] = [];
		const scopes = Array.from({ length: 21 }, (_, index) => `scope${index}:read:admin`);
		const ctx = oauthContext({ scopePreset: 'custom', scopes, oauthTokenData: { access_token: 'token-ffff' } }, requests);
		const error = await leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry }).catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Credential > Custom Scopes: 21 scopes chosen, but a Lever app is registered with at most 20');
		expect(requests).toHaveLength(0);
	});

	it('accepts 20 Custom scopes', async () => {
		const scopes = Array.from({ length: 20 }, (_, index) => `scope${index}:read:admin`);
		nock('http://lever.test').get('/v1/users').reply(200, { data: [] });
		const ctx = oauthContext({ scopePreset: 'custom', scopes, oauthTokenData: { access_token: 'token-ffff' } });
		await expect(leverApiRequest.call(ctx, { method: 'GET', path: '/users', settings: fastRetry })).resolves.toEqual({ data: [] });
	});

	/** A context whose n8n refuses to refresh the token, with the error n8n throws for it. */
	function refusingContext(refusal: Error): { ctx: IExecuteFunctions; calls: () => number } {
		const ctx = oauthContext({ oauthTokenData: { access_token: 'token-gggg' } });
		let count = 0;
		(ctx.helpers as unknown as IDataObject).httpRequestWithAuthentication = async () => {
			count++;
			throw refusal instanceof NodeApiError ? refusal : new NodeApiError(ctx.getNode(), refusal as never);
		};
		return { ctx, calls: () => count };
	}

	it.each([
		[
			'n8n 2.x (its own reconnect error)',
			new NodeOperationError(
				{ name: 'Lever', type: 'lever', typeVersion: 1, position: [0, 0], parameters: {}, id: 'x' },
				'The credential "Lever" needs to be reconnected.',
				{ failure: { cause: 'credential-invalid' } } as never,
			),
		],
		[
			"n8n 1.x (the OAuth client's invalid_grant)",
			Object.assign(new Error('Unknown or invalid refresh token.'), {
				code: 'EAUTH',
				body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
			}),
		],
		[
			// as n8n 1.123.81 throws it: a NodeApiError with only the OAuth client's text for invalid_grant (no cause)
			'n8n 1.123 (only the text of invalid_grant)',
			new NodeApiError({ name: 'Lever', type: 'lever', typeVersion: 1, position: [0, 0], parameters: {}, id: 'x' }, {
				message:
					'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
			}),
		],
	])('says "reconnect the credential" when the refresh token expired: %s', async (_label, refusal) => {
		const { ctx, calls } = refusingContext(refusal);
		const error = await leverApiRequest
			.call(ctx, { method: 'GET', path: '/opportunities', settings: { ...fastRetry, retry: { ...fastRetry.retry, maxAttempts: 4 } } })
			.catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Lever refused to refresh the OAuth token: reconnect the credential');
		expect(error.description).toMatch(/expire after one year, or after 90 days without use/);
		expect(calls()).toBe(1);
	});
});
