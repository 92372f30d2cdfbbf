'use strict';
/**
 * Faults, through the node against the Lever emulator (issue 8):
 * - full syncs (Opportunity > Get Many) under mixed faults return exactly the seeded set, 50 seeded runs
 *   in a row, no duplicate, no gap;
 * - writes (opportunity, note, tag, file) under faults: nothing is created twice by a retry, even when
 *   Lever carried a write out and the answer was lost; a write that fails for good fails its item with a
 *   clear error and the others go on (Continue On Fail);
 * - OAuth2 token expiry mid-run: the token is refreshed once and the run completes.
 * Every item, error and log line of every run is scanned for the credential's secrets.
 *
 * Backoff waits are recorded at their real length but compressed to 2 ms (./sleep.js), and the
 * emulator's own rate limit is off, so the 50 runs take seconds.
 */
const waits = require('./sleep').compressSleep(2);
const { startEmulator } = require('../emulator');
const { execute, SecretWatch, startFaultProxy } = require('./helpers');

jest.setTimeout(60000);

const API_KEY = 'reliability-api-key-7Qm2';
const MIXED_FAULTS = { rate429: 0.1, rate500: 0.02, rate502: 0.015, rate503: 0.015, rateReset: 0.02, latencyMs: [0, 3] };
const RUNS = 50;
const OPPORTUNITIES = 260;

let emu;
let watch;
const figures = {};

const locator = (value) => ({ __rl: true, mode: 'id', value });
const apiCredentials = (baseUrl) => ({ environment: 'custom', customBaseUrl: baseUrl, apiKey: API_KEY });

beforeAll(async () => {
	emu = await startEmulator({ opportunities: OPPORTUNITIES, seed: 11, rateLimit: false, apiKeys: [{ key: API_KEY, confidential: true }] });
	watch = new SecretWatch().add('API key', API_KEY).add('Authorization header', emu.basicAuth(API_KEY));
});

afterAll(async () => {
	await emu?.close();
	// One line of figures for reports: RELIABILITY_FIGURES=1 npx jest test/reliability
	if (process.env.RELIABILITY_FIGURES) console.log(`reliability/faults figures: ${JSON.stringify(figures)}`);
});

async function listAllDirect() {
	const ids = [];
	let next;
	do {
		const response = await fetch(`${emu.apiUrl}/opportunities?limit=100${next ? `&offset=${next}` : ''}`, {
			headers: { Authorization: emu.basicAuth(API_KEY) },
		});
		const body = await response.json();
		ids.push(...body.data.map((record) => record.id));
		next = body.hasNext ? body.next : undefined;
	} while (next);
	return ids;
}

describe('full syncs under mixed faults', () => {
	test(`${RUNS} seeded runs of Get Many return exactly the seeded set: no duplicate, no gap`, async () => {
		emu.configure({ faults: {} });
		const expected = await listAllDirect();
		expect(expected).toHaveLength(OPPORTUNITIES);
		expect(new Set(expected).size).toBe(OPPORTUNITIES);
		emu.resetRequests();
		waits.length = 0;
		const started = Date.now();
		let nodeRequests = 0;
		for (let run = 1; run <= RUNS; run++) {
			emu.configure({ faults: { ...MIXED_FAULTS, seed: 1000 + run } });
			// Every other run stops at a Limit that is not a page multiple (exact limit, partial last page).
			const returnAll = run % 2 === 1;
			const limit = 150 + run;
			const result = await execute({
				parameters: { resource: 'opportunity', operation: 'getMany', returnAll, limit, filters: {}, simplify: false, expand: [] },
				credentials: apiCredentials(emu.apiUrl),
			});
			if (result.error) throw new Error(`run ${run} failed: ${result.error.message} / ${result.error.description}`);
			const ids = result.output.map((item) => item.json.id);
			expect({ run, ids }).toEqual({ run, ids: returnAll ? expected : expected.slice(0, limit) });
			expect(watch.scanRun(`sync run ${run}`, result)).toEqual([]);
			nodeRequests += result.requests.length;
		}
		const log = emu.requests();
		figures.sync = {
			runs: RUNS,
			opportunities: OPPORTUNITIES,
			nodeRequests,
			emulatorRequests: log.total,
			faults: log.faults,
			sleepCalls: waits.length,
			ms: Date.now() - started,
		};
		// The faults really happened, and each one cost a retry.
		expect(log.faults['429']).toBeGreaterThan(10);
		expect(log.faults['500'] + log.faults['502'] + log.faults['503']).toBeGreaterThan(3);
		expect(log.faults.reset).toBeGreaterThan(0);
		const faultCount = Object.values(log.faults).reduce((sum, n) => sum + n, 0);
		expect(nodeRequests).toBe(log.total);
		expect(log.total).toBeGreaterThanOrEqual(faultCount + RUNS * 2);
	});
});

describe('writes under faults', () => {
	let proxy;
	let opportunityIds;
	let userId;

	beforeAll(async () => {
		proxy = await startFaultProxy(emu.apiUrl, { lostRate: 0.06, resetRate: 0.03 });
		const opportunities = emu.state.opportunities.values();
		opportunityIds = opportunities.slice(0, 40).map((record) => record.id);
		userId = emu.state.users.values().find((user) => !user.deactivatedAt && user.accessRole !== 'interviewer').id;
	});

	afterAll(async () => {
		await proxy?.close();
	});

	/** Runs one write for `count` items under emulator faults plus lost answers; returns per-item outcomes. */
	async function writeRun(seed, parameters, items) {
		emu.configure({ faults: { ...MIXED_FAULTS, seed } });
		proxy.reseed(seed);
		const result = await execute({ parameters, items, continueOnFail: true, credentials: apiCredentials(proxy.url) });
		emu.configure({ faults: {} });
		if (result.error) throw result.error;
		expect(result.output).toHaveLength(items.length);
		result.output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(watch.scanRun(`write ${parameters.resource}.${parameters.operation} seed ${seed}`, result)).toEqual([]);
		return result;
	}

	function expectClearError(json) {
		expect(typeof json.error).toBe('string');
		expect(json.error.length).toBeGreaterThan(3);
		// The cause (status, network code or Lever's words) and what to do about it.
		expect(`${json.error} ${json.description ?? ''}`).toMatch(/\b(429|5\d\d|ECONNRESET|socket|reached|Bad gateway|error|maintenance|many requests)\b/i);
		expect(json.description ?? '').toMatch(/retry|try again|check|lower/i);
		// A write whose answer was lost may have happened: the error must say so rather than invite a blind re-run.
		if (!/too many requests|429/i.test(`${json.error} ${json.description}`)) expect(json.description).toMatch(/may have carried out/);
	}

	const outcomes = { opportunity: { ok: 0, failed: 0 }, note: { ok: 0, failed: 0 }, tag: { ok: 0, failed: 0 }, file: { ok: 0, failed: 0 } };

	test('Opportunity > Create: no candidate is created twice; failed items carry a clear error', async () => {
		for (let seed = 1; seed <= 4; seed++) {
			const names = Array.from({ length: 25 }, (_, i) => `Reliability ${seed}-${i}`);
			const before = emu.state.opportunities.size;
			const result = await writeRun(
				seed,
				{
					resource: 'opportunity',
					operation: 'create',
					mode: 'create',
					performAs: locator(userId),
					name: (i) => names[i],
					emails: '',
					postingId: locator(''),
					tags: [],
					tagsText: '',
					sources: [],
					sourcesText: '',
					additionalFields: {},
					options: {},
				},
				names.map(() => ({ json: {} })),
			);
			const contactsByName = new Map();
			for (const contact of emu.state.contacts.values()) contactsByName.set(contact.name, (contactsByName.get(contact.name) ?? 0) + 1);
			result.output.forEach((item, i) => {
				const created = contactsByName.get(names[i]) ?? 0;
				expect({ name: names[i], atMostOnce: created <= 1 }).toEqual({ name: names[i], atMostOnce: true });
				if (item.json.error) {
					outcomes.opportunity.failed++;
					expectClearError(item.json);
				} else {
					outcomes.opportunity.ok++;
					expect(created).toBe(1);
					expect(item.json.id).toEqual(expect.any(String));
				}
			});
			const createdNow = emu.state.opportunities.size - before;
			expect(createdNow).toBe(names.filter((name) => contactsByName.get(name) === 1).length);
		}
	});

	test('Note > Create: no note is created twice', async () => {
		for (let seed = 11; seed <= 14; seed++) {
			const texts = Array.from({ length: 25 }, (_, i) => `reliability note ${seed}-${i}`);
			const result = await writeRun(
				seed,
				{ resource: 'note', operation: 'create', opportunityId: (i) => locator(opportunityIds[i % opportunityIds.length]), value: (i) => texts[i], performAs: locator(userId), additionalFields: {} },
				texts.map(() => ({ json: {} })),
			);
			const counts = new Map();
			for (const note of emu.state.notes.values()) {
				for (const field of note.fields ?? []) counts.set(field.value, (counts.get(field.value) ?? 0) + 1);
			}
			result.output.forEach((item, i) => {
				expect({ text: texts[i], count: Math.min(counts.get(texts[i]) ?? 0, 2) }).toEqual({ text: texts[i], count: item.json.error ? expect.any(Number) : 1 });
				expect(counts.get(texts[i]) ?? 0).toBeLessThanOrEqual(1);
				if (item.json.error) {
					outcomes.note.failed++;
					expectClearError(item.json);
				} else outcomes.note.ok++;
			});
		}
	});

	test('Opportunity > Add Tags (safe to repeat, so retried): every tag is on its opportunity exactly once', async () => {
		for (let seed = 21; seed <= 24; seed++) {
			const tags = Array.from({ length: 25 }, (_, i) => `rel-tag-${seed}-${i}`);
			const result = await writeRun(
				seed,
				{ resource: 'opportunity', operation: 'addTags', opportunityId: (i) => locator(opportunityIds[i]), tags: [], tagsText: (i) => `${tags[i]}, rel-common`, performAs: locator('') },
				tags.map(() => ({ json: {} })),
			);
			result.output.forEach((item, i) => {
				const opportunity = emu.state.opportunities.get(opportunityIds[i]);
				expect(opportunity.tags.filter((tag) => tag === tags[i]).length).toBeLessThanOrEqual(1);
				expect(opportunity.tags.filter((tag) => tag === 'rel-common').length).toBeLessThanOrEqual(1);
				if (item.json.error) {
					outcomes.tag.failed++;
					expectClearError(item.json);
				} else {
					outcomes.tag.ok++;
					expect(opportunity.tags).toContain(tags[i]);
				}
			});
		}
	});

	test('File > Upload: no file is stored twice', async () => {
		for (let seed = 31; seed <= 34; seed++) {
			const fileNames = Array.from({ length: 20 }, (_, i) => `reliability-${seed}-${i}.txt`);
			const items = fileNames.map((fileName) => ({
				json: {},
				binary: { data: { data: Buffer.from(`contents of ${fileName}`).toString('base64'), fileName, mimeType: 'text/plain' } },
			}));
			const result = await writeRun(
				seed,
				{ resource: 'file', operation: 'upload', opportunityId: (i) => locator(opportunityIds[i]), performAs: locator(userId), binaryPropertyName: 'data', options: {} },
				items,
			);
			const counts = new Map();
			for (const file of emu.state.files.values()) counts.set(file.name, (counts.get(file.name) ?? 0) + 1);
			result.output.forEach((item, i) => {
				expect({ file: fileNames[i], count: counts.get(fileNames[i]) ?? 0 }).toEqual({ file: fileNames[i], count: item.json.error ? expect.any(Number) : 1 });
				expect(counts.get(fileNames[i]) ?? 0).toBeLessThanOrEqual(1);
				if (item.json.error) {
					outcomes.file.failed++;
					expectClearError(item.json);
				} else outcomes.file.ok++;
			});
		}
	});

	test('the fault mix really exercised lost answers and failures, and most writes still went through', () => {
		figures.writes = { outcomes, proxy: { ...proxy.stats } };
		expect(proxy.stats.lost502 + proxy.stats.lostReset).toBeGreaterThan(5);
		for (const kind of Object.keys(outcomes)) expect(outcomes[kind].ok).toBeGreaterThan(outcomes[kind].failed);
		expect(Object.values(outcomes).reduce((sum, o) => sum + o.failed, 0)).toBeGreaterThan(0);
	});

	test('without Continue On Fail the first failed write stops the run with a NodeApiError (500, not repeated)', async () => {
		emu.configure({ faults: { rate500: 1 } });
		const result = await execute({
			parameters: { resource: 'note', operation: 'create', opportunityId: locator(opportunityIds[0]), value: 'never stored', performAs: locator(userId), additionalFields: {} },
			items: [{ json: {} }, { json: {} }],
			credentials: apiCredentials(emu.apiUrl),
		});
		emu.configure({ faults: {} });
		expect(result.error?.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('500');
		expect(result.error.description).toMatch(/retry later/i);
		// Writes run in item order: the first one's 500 is not repeated (it may have happened) and the
		// second item is never sent.
		expect(result.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(result.error.description).toMatch(/Item 0 failed\. No earlier item was written to Lever; item 1 was not sent\./);
		expect(watch.scanRun('write without continueOnFail', result)).toEqual([]);
	});
});

describe('OAuth2 token expiry mid-run', () => {
	const CLIENT = { clientId: 'reliability-client', clientSecret: 'reliability-client-secret-9xK' };
	let oauthEmu;

	beforeAll(async () => {
		oauthEmu = await startEmulator({ opportunities: OPPORTUNITIES, seed: 11, rateLimit: false, oauthClients: [CLIENT] });
	});

	afterAll(async () => {
		await oauthEmu?.close();
	});

	function oauthRun(scopes) {
		const token = oauthEmu.mintToken([...scopes, 'offline_access'], 3600, CLIENT.clientId);
		const credentials = { environment: 'custom', customBaseUrl: oauthEmu.apiUrl, ...CLIENT, oauthTokenData: { ...token } };
		const secrets = new SecretWatch().add('client secret', CLIENT.clientSecret).add('access token', token.access_token).add('refresh token', token.refresh_token);
		const oauth = {
			tokenUrl: `${oauthEmu.url}/oauth/token`,
			...CLIENT,
			refreshes: [],
			onToken: (fresh) => secrets.add('refreshed access token', fresh.access_token).add('rotated refresh token', fresh.refresh_token),
		};
		return { token, credentials, secrets, oauth };
	}

	test('a listing whose token expires after the first page refreshes once and returns every record', async () => {
		const { token, credentials, secrets, oauth } = oauthRun(['opportunities:read:admin']);
		const result = await execute(
			{ parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true, filters: {}, simplify: false, expand: [] }, credentials, oauth: true },
			{ oauth, beforeRequest: (_options, index) => void (index === 1 && oauthEmu.expireTokens()) },
		);
		if (result.error) throw result.error;
		expect(result.output).toHaveLength(OPPORTUNITIES);
		expect(new Set(result.output.map((item) => item.json.id)).size).toBe(OPPORTUNITIES);
		expect(oauth.refreshes).toHaveLength(1);
		expect(oauth.refreshes[0].status).toBe(200);
		// Lever rotates refresh tokens: the stored credential now holds the new pair.
		expect(credentials.oauthTokenData.access_token).not.toBe(token.access_token);
		expect(credentials.oauthTokenData.refresh_token).not.toBe(token.refresh_token);
		const authorizations = result.requests.map((request) => request.headers.Authorization);
		expect(authorizations[0]).toBe(`Bearer ${token.access_token}`);
		expect(authorizations[authorizations.length - 1]).toBe(`Bearer ${credentials.oauthTokenData.access_token}`);
		expect(secrets.scanRun('oauth listing', result)).toEqual([]);
		figures.oauthListing = { requests: result.requests.length, refreshes: oauth.refreshes.length };
	});

	test('twenty concurrent writes hit the expired token together: one refresh, every write done once', async () => {
		const { credentials, secrets, oauth } = oauthRun(['notes:write:admin', 'opportunities:read:admin']);
		const opportunity = oauthEmu.state.opportunities.values()[0].id;
		const texts = Array.from({ length: 20 }, (_, i) => `oauth note ${i}`);
		oauthEmu.expireTokens();
		const result = await execute(
			{ parameters: { resource: 'note', operation: 'create', opportunityId: locator(opportunity), value: (i) => texts[i], performAs: locator(''), additionalFields: {} }, items: texts.map(() => ({ json: {} })), credentials, oauth: true },
			{ oauth },
		);
		if (result.error) throw result.error;
		expect(result.output.map((item) => item.json.error)).toEqual(texts.map(() => undefined));
		expect(oauth.refreshes).toHaveLength(1);
		const stored = oauthEmu.state.notes.values().flatMap((note) => (note.fields ?? []).map((field) => field.value));
		for (const text of texts) expect(stored.filter((value) => value === text)).toHaveLength(1);
		expect(secrets.scanRun('oauth writes', result)).toEqual([]);
		figures.oauthWrites = { requests: result.requests.length, refreshes: oauth.refreshes.length };
	});

	test('a refresh token that no longer works gives a clear reconnect error without any token in it', async () => {
		const { credentials, secrets, oauth } = oauthRun(['opportunities:read:admin']);
		credentials.oauthTokenData.refresh_token = 'revoked-refresh-token';
		oauthEmu.expireTokens();
		const result = await execute(
			{ parameters: { resource: 'opportunity', operation: 'getMany', returnAll: false, limit: 5, filters: {}, simplify: false, expand: [] }, credentials, oauth: true },
			{ oauth },
		);
		expect(result.error?.constructor.name).toMatch(/^Node(Operation|Api)Error$/);
		expect(`${result.error.message} ${result.error.description}`).toMatch(/reconnect/i);
		expect(secrets.scanRun('oauth revoked', result)).toEqual([]);
	});
});
