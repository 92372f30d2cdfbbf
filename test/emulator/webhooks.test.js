'use strict';
/** Webhooks (§4): subscription API, signed deliveries on state changes, retries, switched-off groups. */
const http = require('http');
const crypto = require('crypto');
const { startEmulator } = require('./index');
const { api, inspect } = require('./helpers');

jest.setTimeout(60000);

/** A local receiver that answers with the statuses queued in `plan` (default 200). */
function receiver() {
	const got = [];
	const plan = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			got.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now() });
			res.writeHead(plan.length ? plan.shift() : 200);
			res.end('ok');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/hook`, got, plan, close: () => new Promise((r) => server.close(r)) })),
	);
}

async function waitFor(fn, ms = 20000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		const v = fn();
		if (v) return v;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error('timed out waiting');
}

/** Independent verification per the reference §4.3 (not using emulator code). */
function verify(body, signatureToken) {
	const expected = crypto.createHmac('sha256', signatureToken).update(`${body.token}${body.triggeredAt}`).digest('hex');
	return crypto.timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(body.signature, 'hex'));
}

let emu;
let rx;
let performAs;
beforeAll(async () => {
	emu = await startEmulator({ opportunities: 30, seed: 9, rateLimit: false, webhookRetryDelaysMs: [50, 50, 50, 50, 50] });
	rx = await receiver();
	performAs = emu.state.users.values().find((u) => u.accessRole === 'super admin').id;
});
afterAll(async () => {
	await emu.close();
	await rx.close();
});
beforeEach(() => {
	rx.got.length = 0;
	rx.plan.length = 0;
});

async function subscribe(event, configuration) {
	const r = await api(emu, 'POST', '/webhooks', { body: { url: rx.url, event, configuration } });
	expect(r.status).toBe(201);
	return r.body.data;
}

test('create returns the 48-hex signature token once; list hides it; default origins are all six', async () => {
	const w = await subscribe('candidateStageChange');
	expect(w.configuration.signatureToken).toMatch(/^[0-9a-f]{48}$/);
	expect(w.configuration.conditions.origins.sort()).toEqual(['agency', 'applied', 'internal', 'referred', 'sourced', 'university']);
	const list = await api(emu, 'GET', '/webhooks');
	const mine = list.body.data.find((x) => x.id === w.id);
	expect(mine.url).toBe(rx.url);
	expect(mine.configuration.signatureToken).toBeUndefined();
	expect(JSON.stringify(list.body)).not.toContain(w.configuration.signatureToken);
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('events without conditions: configuration is {} (plus the token on create), and conditions sent for them are refused', async () => {
	const w = await subscribe('contactUpdated');
	expect(w.configuration).toEqual({ signatureToken: expect.stringMatching(/^[0-9a-f]{48}$/) });
	const listed = (await api(emu, 'GET', '/webhooks')).body.data.find((x) => x.id === w.id);
	expect(listed.configuration).toEqual({});
	for (const event of ['candidateDeleted', 'interviewCreated', 'interviewUpdated', 'interviewDeleted', 'contactCreated', 'contactUpdated']) {
		const refused = await api(emu, 'POST', '/webhooks', { body: { url: rx.url, event, configuration: { conditions: { origins: ['applied'] } } } });
		expect(refused.status).toBe(400);
		expect(refused.body.message).toContain('take no conditions');
	}
	const put = await api(emu, 'PUT', '/webhooks', { body: { data: [{ id: w.id, configuration: { conditions: { origins: ['applied'] } } }] } });
	expect(put.status).toBe(400);
	expect(emu.state.webhooks.values().filter((x) => x.url === rx.url)).toHaveLength(1);
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('a stage change is delivered, signed as Lever signs, with from/to stage ids', async () => {
	const w = await subscribe('candidateStageChange');
	const opp = emu.state.opportunities.values().find((o) => o.stage !== 'offer' && o.confidentiality === 'non-confidential');
	const from = opp.stage;
	await api(emu, 'PUT', `/opportunities/${opp.id}/stage`, { query: { perform_as: performAs }, body: { stage: 'offer' } });
	const d = await waitFor(() => rx.got[0]);
	expect(d.headers['user-agent']).toBe('Lever-Webhooks');
	expect(d.headers['content-type']).toMatch(/application\/json/);
	expect(d.body.event).toBe('candidateStageChange');
	expect(typeof d.body.triggeredAt).toBe('number');
	expect(d.body.token).toHaveLength(48);
	expect(d.body.data).toMatchObject({ opportunityId: opp.id, candidateId: opp.id, contactId: opp.contact, fromStageId: from, toStageId: 'offer' });
	expect(verify(d.body, w.configuration.signatureToken)).toBe(true);
	expect(verify({ ...d.body, triggeredAt: d.body.triggeredAt + 1 }, w.configuration.signatureToken)).toBe(false);
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('create, archive, hire, contact and interview changes fire their events', async () => {
	const events = ['applicationCreated', 'contactCreated', 'candidateArchiveChange', 'candidateHired', 'contactUpdated', 'interviewCreated', 'interviewUpdated', 'interviewDeleted'];
	const hooks = {};
	for (const e of events) hooks[e] = await subscribe(e);
	const posting = emu.state.postings.values().find((p) => p.state === 'published' && p.confidentiality === 'non-confidential');
	const c = await api(emu, 'POST', '/opportunities', { query: { perform_as: performAs }, body: { name: 'Hook Person', emails: ['hook.person@example.org'], postings: [posting.id] } });
	const oppId = c.body.data.id;
	const hired = emu.state.archiveReasons.values().find((r) => r.type === 'hired').id;
	await api(emu, 'PUT', `/opportunities/${oppId}/archived`, { body: { reason: hired } });
	await api(emu, 'PUT', `/contacts/${c.body.data.contact}`, { body: { headline: 'New headline' } });
	const panel = await api(emu, 'POST', `/opportunities/${oppId}/panels`, { query: { perform_as: performAs }, body: { timezone: 'UTC', interviews: [{ interviewers: [{ id: performAs }], date: 1790000000000, duration: 30 }] } });
	const iv = panel.body.data.interviews[0];
	await api(emu, 'PUT', `/opportunities/${oppId}/interviews/${iv.id}`, { query: { perform_as: performAs }, body: { interviewers: [{ id: performAs }], date: 1790000000000, duration: 45 } });
	await api(emu, 'DELETE', `/opportunities/${oppId}/interviews/${iv.id}`, { query: { perform_as: performAs } });
	await waitFor(() => events.every((e) => rx.got.some((g) => g.body.event === e)));
	const by = (e) => rx.got.find((g) => g.body.event === e).body;
	expect(by('applicationCreated').data).toMatchObject({ opportunityId: oppId, applicationId: c.body.data.applications[0], postingId: posting.id });
	expect(by('contactCreated').data).toEqual({ contactId: c.body.data.contact });
	expect(by('candidateArchiveChange').data.toArchived.reason).toBe(hired);
	expect(by('candidateHired').data.opportunityId).toBe(oppId);
	expect(by('interviewDeleted').data).toMatchObject({ opportunityId: oppId, interviewId: iv.id, panelId: panel.body.data.id });
	for (const g of rx.got) expect(verify(g.body, hooks[g.body.event].configuration.signatureToken)).toBe(true);
	// deleting the last interview deleted the panel
	expect((await api(emu, 'GET', `/opportunities/${oppId}/panels/${panel.body.data.id}`)).status).toBe(404);
	// a dedupe creates no contactCreated
	rx.got.length = 0;
	const again = await api(emu, 'POST', '/opportunities', { query: { perform_as: performAs }, body: { emails: ['Hook.Person@example.org'] } });
	expect(again.body.deduped).toBe(true);
	await waitFor(() => rx.got.some((g) => g.body.event === 'applicationCreated'));
	expect(rx.got.some((g) => g.body.event === 'contactCreated')).toBe(false);
	for (const w of Object.values(hooks)) await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('origin conditions filter deliveries', async () => {
	const w = await subscribe('applicationCreated', { conditions: { origins: ['applied'] } });
	await api(emu, 'POST', '/opportunities', { query: { perform_as: performAs }, body: { name: 'Sourced', origin: 'sourced' } });
	await api(emu, 'POST', '/opportunities', { query: { perform_as: performAs }, body: { name: 'Applied', origin: 'applied' } });
	await waitFor(() => rx.got.length >= 1);
	// Deliveries are recorded when the event fires, so this counts what was, and will be, sent.
	expect(emu.deliveries().filter((d) => d.webhookId === w.id)).toHaveLength(1);
	expect(rx.got).toHaveLength(1);
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('non-2xx answers are retried (5 retries) with the same signed body', async () => {
	const w = await subscribe('candidateDeleted');
	rx.plan.push(500, 503, 302);
	await inspect(emu, 'POST', '/mutate', { action: 'delete', count: 1, seed: 1 });
	await waitFor(() => rx.got.length === 4);
	expect(new Set(rx.got.map((g) => g.body.token)).size).toBe(1);
	const ds = (await inspect(emu, 'GET', '/deliveries')).body.data.filter((d) => d.webhookId === w.id);
	expect(ds[0].status).toBe('delivered');
	expect(ds[0].attempts.map((a) => a.status)).toEqual([500, 503, 302, 200]);
	// always failing: 1 attempt + 5 retries, then failed
	rx.got.length = 0;
	rx.plan.push(500, 500, 500, 500, 500, 500, 500);
	await inspect(emu, 'POST', '/mutate', { action: 'delete', count: 1, seed: 2 });
	await waitFor(() => emu.deliveries().filter((d) => d.webhookId === w.id).pop().status === 'failed');
	expect(rx.got).toHaveLength(6);
	const last = (await inspect(emu, 'GET', '/deliveries')).body.data.filter((d) => d.webhookId === w.id).pop();
	expect(last.status).toBe('failed');
	expect(emu.state.deletedOpportunities.values().some((o) => o.id === last.envelope.data.opportunityId)).toBe(true);
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('an event group switched off in settings accepts subscriptions but delivers nothing', async () => {
	emu.configure({ disabledWebhookEvents: ['candidateStageChange'] });
	const w = await subscribe('candidateStageChange');
	const opp = emu.state.opportunities.values().find((o) => o.stage !== 'lead-responded' && o.confidentiality === 'non-confidential');
	await api(emu, 'PUT', `/opportunities/${opp.id}/stage`, { body: { stage: 'lead-responded' } });
	expect(rx.got).toHaveLength(0);
	const d = emu.deliveries().filter((x) => x.webhookId === w.id);
	expect(d.map((x) => x.status)).toEqual(['suppressed']);
	emu.configure({ disabledWebhookEvents: [] });
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});

test('POST /_emulator/events fires an arbitrary event; PUT /webhooks updates url and conditions', async () => {
	const w = await subscribe('candidateHired');
	const r = await inspect(emu, 'POST', '/events', { event: 'candidateHired', data: {} });
	expect(r.body.deliveries).toHaveLength(1);
	await waitFor(() => rx.got.length === 1);
	expect(rx.got[0].body.data).toEqual({});
	const put = await api(emu, 'PUT', '/webhooks', { body: { data: [{ id: w.id, configuration: { conditions: { origins: ['sourced'] } } }] } });
	expect(put.status).toBe(200);
	expect(put.body.data[0].configuration.conditions.origins).toEqual(['sourced']);
	expect((await api(emu, 'PUT', '/webhooks', { body: { data: [{ id: 'nope' }] } })).status).toBe(404);
	await api(emu, 'DELETE', `/webhooks/${w.id}`);
});
