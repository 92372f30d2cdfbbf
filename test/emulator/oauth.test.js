'use strict';
/** OAuth (§1.3): authorize redirect, code exchange, refresh rotation, audience and scope checks. */
const { startEmulator } = require('./index');
const { api } = require('./helpers');

jest.setTimeout(30000);

let emu;
beforeAll(async () => {
	emu = await startEmulator({ opportunities: 10, rateLimit: false, accessTokenTtlSeconds: 120, oauthClients: [{ clientId: 'app', clientSecret: 'shh' }] });
});
afterAll(() => emu.close());

const REDIRECT = 'https://n8n.example/rest/oauth2-credential/callback';

async function authorize(params) {
	const u = new URL(`${emu.url}/oauth/authorize`);
	const p = { client_id: 'app', redirect_uri: REDIRECT, response_type: 'code', state: 'xyz', audience: `${emu.apiUrl}/`, scope: 'offline_access users:read:admin', ...params };
	for (const [k, v] of Object.entries(p)) if (v !== undefined) u.searchParams.set(k, v);
	const r = await fetch(u, { redirect: 'manual' });
	return { status: r.status, location: r.headers.get('location') ? new URL(r.headers.get('location')) : null };
}

async function token(body, { form = true, basic } = {}) {
	const headers = {};
	let payload;
	if (form) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		payload = new URLSearchParams(body).toString();
	} else {
		headers['content-type'] = 'application/json';
		payload = JSON.stringify(body);
	}
	if (basic) headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
	const r = await fetch(`${emu.url}/oauth/token`, { method: 'POST', headers, body: payload });
	return { status: r.status, body: await r.json() };
}

test('authorization code → tokens → API call → refresh rotates the refresh token', async () => {
	const a = await authorize({});
	expect(a.status).toBe(302);
	expect(a.location.origin + a.location.pathname).toBe(REDIRECT);
	expect(a.location.searchParams.get('state')).toBe('xyz');
	const code = a.location.searchParams.get('code');
	expect(code).toBeTruthy();

	const t = await token({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'shh', code, redirect_uri: REDIRECT });
	expect(t.status).toBe(200);
	expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: 'offline_access users:read:admin' });
	expect(t.body.access_token.split('.')).toHaveLength(3);
	const claims = JSON.parse(Buffer.from(t.body.access_token.split('.')[1], 'base64url').toString());
	expect(claims.aud).toBe(`${emu.apiUrl}/`);
	expect(claims['https://oauth.lever.co/clientId']).toBe('app');

	expect((await api(emu, 'GET', '/users', { auth: `Bearer ${t.body.access_token}` })).status).toBe(200);
	const denied = await api(emu, 'GET', '/postings', { auth: `Bearer ${t.body.access_token}` });
	expect(denied.status).toBe(403);
	expect(denied.body.message).toContain('postings:read:admin');

	// the code is single use
	expect((await token({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'shh', code, redirect_uri: REDIRECT })).status).toBe(403);

	const r1 = await token({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token }, { form: false, basic: 'app:shh' });
	expect(r1.status).toBe(200);
	expect(r1.body.refresh_token).toBeTruthy();
	expect(r1.body.refresh_token).not.toBe(t.body.refresh_token);
	expect(r1.body.access_token).not.toBe(t.body.access_token);
	expect((await api(emu, 'GET', '/users', { auth: `Bearer ${r1.body.access_token}` })).status).toBe(200);
	// the old refresh token is dead after rotation
	const old = await token({ grant_type: 'refresh_token', client_id: 'app', client_secret: 'shh', refresh_token: t.body.refresh_token });
	expect(old.status).toBe(403);
	expect(old.body.error).toBe('invalid_grant');
	const r2 = await token({ grant_type: 'refresh_token', client_id: 'app', client_secret: 'shh', refresh_token: r1.body.refresh_token });
	expect(r2.status).toBe(200);
});

test('no refresh token without offline_access', async () => {
	const a = await authorize({ scope: 'users:read:admin' });
	const t = await token({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'shh', code: a.location.searchParams.get('code'), redirect_uri: REDIRECT });
	expect(t.status).toBe(200);
	expect(t.body.refresh_token).toBeUndefined();
});

test('wrong audience, response_type or scope redirect back with an error; unknown client is refused', async () => {
	let a = await authorize({ audience: 'https://api.lever.co/v1/' });
	expect(a.location.searchParams.get('error')).toBe('access_denied');
	expect(a.location.searchParams.get('state')).toBe('xyz');
	a = await authorize({ response_type: 'token' });
	expect(a.location.searchParams.get('error')).toBe('unsupported_response_type');
	a = await authorize({ scope: 'everything:admin' });
	expect(a.location.searchParams.get('error')).toBe('invalid_scope');
	a = await authorize({ client_id: 'other' });
	expect(a.status).toBe(400);
	emu.configure({ oauthAutoApprove: false });
	a = await authorize({});
	expect(a.location.searchParams.get('error')).toBe('access_denied');
	emu.configure({ oauthAutoApprove: true });
});

test('token endpoint rejects bad client credentials, wrong redirect_uri and unknown grant types', async () => {
	const a = await authorize({});
	const code = a.location.searchParams.get('code');
	expect((await token({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'bad', code, redirect_uri: REDIRECT })).status).toBe(401);
	expect((await token({ grant_type: 'authorization_code', client_id: 'app', client_secret: 'shh', code, redirect_uri: 'https://evil.example/cb' })).status).toBe(403);
	expect((await token({ grant_type: 'password', client_id: 'app', client_secret: 'shh' })).status).toBe(400);
});

test('tokens minted through /_emulator work and can be expired; OAuth requests are logged, never faulted', async () => {
	const m = await fetch(`${emu.url}/_emulator/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['stages:read:admin'], ttlSeconds: 60 }) }).then((r) => r.json());
	expect(m.expires_in).toBe(60);
	expect((await api(emu, 'GET', '/stages', { auth: `Bearer ${m.access_token}` })).status).toBe(200);
	await fetch(`${emu.url}/_emulator/oauth/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: m.access_token }) });
	const r = await api(emu, 'GET', '/stages', { auth: `Bearer ${m.access_token}` });
	expect(r.status).toBe(401);
	emu.configure({ faults: { rate500: 1 } });
	const a = await authorize({});
	expect(a.status).toBe(302);
	emu.configure({ faults: {} });
	expect(emu.requests().counts['GET /oauth/authorize']).toBeGreaterThan(0);
});

describe('refresh tokens expire after one year, or after 90 days unused (Lever docs), on a clock the test controls', () => {
	const DAY = 24 * 60 * 60 * 1000;
	let clock;
	let emu2;
	beforeAll(async () => {
		clock = Date.parse('2026-01-01T00:00:00Z');
		emu2 = await startEmulator({ opportunities: 3, rateLimit: false, now: () => clock, oauthClients: [{ clientId: 'app', clientSecret: 'shh' }] });
	});
	afterAll(() => emu2.close());

	async function grant() {
		const u = new URL(`${emu2.url}/oauth/authorize`);
		const p = { client_id: 'app', redirect_uri: REDIRECT, response_type: 'code', state: 's', audience: `${emu2.apiUrl}/`, scope: 'offline_access users:read:admin' };
		for (const [k, v] of Object.entries(p)) u.searchParams.set(k, v);
		const code = new URL((await fetch(u, { redirect: 'manual' })).headers.get('location')).searchParams.get('code');
		return (await refresh({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).body.refresh_token;
	}
	async function refresh(body) {
		const r = await fetch(`${emu2.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ grant_type: 'refresh_token', client_id: 'app', client_secret: 'shh', ...body }),
		});
		return { status: r.status, body: await r.json() };
	}

	test('a refresh token unused for 90 days is refused; one used within 90 days keeps working', async () => {
		let rt = await grant();
		clock += 89 * DAY;
		const used = await refresh({ refresh_token: rt });
		expect(used.status).toBe(200);
		rt = used.body.refresh_token;
		clock += 90 * DAY;
		const idle = await refresh({ refresh_token: rt });
		expect(idle.status).toBe(403);
		expect(idle.body.error).toBe('invalid_grant');
	});

	test('a chain refreshed every 60 days ends one year after the authorization', async () => {
		const start = clock;
		let rt = await grant();
		while (clock + 60 * DAY < start + 365 * DAY) {
			clock += 60 * DAY;
			const r = await refresh({ refresh_token: rt });
			expect(r.status).toBe(200);
			rt = r.body.refresh_token;
		}
		clock = start + 365 * DAY;
		expect((await refresh({ refresh_token: rt })).status).toBe(403);
	});
});
