/**
 * Lever Trigger (webhook) against the emulator: activation subscribes through POST /webhooks, a change
 * made through Lever's API is delivered, signed as Lever signs, to a local receiver that runs the node's
 * webhook() the way n8n does, and deactivation removes the subscription. Forged, stale, unsigned and
 * malformed deliveries get a bare 401 and start nothing; a validly signed duplicate gets 200 and starts
 * nothing. The checks themselves are unit-tested in webhookAcceptance.test.js.
 *
 * Plain .js because the receiver needs node:http, which the strict n8n lint forbids in .ts files.
 */
const http = require('node:http');
const crypto = require('node:crypto');

const { startEmulator } = require('../../emulator');
const { createTriggerContext } = require('../../helpers/triggerContext');
const { LeverTrigger } = require('../../../nodes/Lever/LeverTrigger.node');
const { freshRateLimits } = require('../../helpers/rateLimits');
const { forgetProcessRecord } = require('../../../nodes/Lever/triggers/replayMemory');

const trigger = new LeverTrigger();
const hooks = trigger.webhookMethods.default;

let emu;
let credentials;
let receiver;
let receiverUrl;
/** What the receiver saw: one entry per request, with the node's answer and output. */
let received = [];
/** Node parameters, static data and signing credential used by the receiver for the next deliveries. */
let current = { parameters: {}, staticData: {} };

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check, what, timeoutMs = 20000) {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await wait(20);
	}
}

function harness(parameters, staticData, extra = {}) {
	return createTriggerContext({ parameters, staticData, credentials, webhookUrl: receiverUrl, ...extra });
}

/** Runs the node's webhook() on one raw request the way n8n's webhook server does (onReceived mode). */
async function handleDelivery(raw) {
	let body;
	try {
		body = raw === '' ? {} : JSON.parse(raw);
	} catch {
		body = raw; // n8n would hand the node the unparsed text
	}
	const h = harness(current.parameters, current.staticData, { body, mode: 'webhook', signingCredentials: current.signing });
	const result = await trigger.webhook.call(h.context);
	// As n8n does: with noWebhookResponse the node has answered itself; workflowData still starts a run.
	const output = result.workflowData ? result.workflowData[0].map((item) => item.json) : null;
	if (result.noWebhookResponse) {
		return { status: h.response.statusCode ?? 200, body: h.response.body, output, logs: h.logs };
	}
	return { status: 200, body: { message: 'Webhook call received' }, output, logs: h.logs };
}

async function post(body, { raw = false } = {}) {
	const payload = raw ? body : JSON.stringify(body);
	const response = await fetch(receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
	return { status: response.status, body: await response.text() };
}

async function api(method, path, body) {
	const response = await fetch(`${emu.apiUrl}${path}`, {
		method,
		headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

function sign(signatureToken, token, triggeredAt) {
	return crypto.createHmac('sha256', signatureToken).update(`${token}${triggeredAt}`).digest('hex');
}

function subscriptionsFor(url) {
	return emu.state.webhooks.values().filter((w) => w.url === url);
}

function activeOpportunity() {
	return emu.state.opportunities.values().find((o) => !o.archived && o.confidentiality !== 'confidential');
}

function nextStage(opportunity) {
	const stages = emu.state.stages.values();
	return stages.find((s) => s.id !== opportunity.stage);
}

async function activate(parameters) {
	const staticData = {};
	const h = harness(parameters, staticData);
	expect(await hooks.checkExists.call(h.context)).toBe(false);
	expect(await hooks.create.call(h.context)).toBe(true);
	current = { parameters, staticData };
	return staticData;
}

async function deactivate() {
	const h = harness(current.parameters, current.staticData);
	expect(await hooks.delete.call(h.context)).toBe(true);
}

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 30, rateLimit: false, webhookRetryDelaysMs: [] });
	credentials = { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' };
	receiver = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			handleDelivery(Buffer.concat(chunks).toString('utf8'))
				.then((outcome) => {
					received.push(outcome);
					res.writeHead(outcome.status, { 'content-type': 'application/json' });
					res.end(outcome.body === undefined ? '' : JSON.stringify(outcome.body));
				})
				.catch((error) => {
					received.push({ status: 500, error });
					res.writeHead(500);
					res.end(String(error && error.message));
				});
		});
	});
	await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${receiver.address().port}/webhook/7c1d2e3f/webhook`;
});

afterAll(async () => {
	await new Promise((resolve) => receiver.close(resolve));
	await emu.close();
});

beforeEach(() => {
	freshRateLimits();
	forgetProcessRecord();
	received = [];
});

describe('Lever Trigger: description', () => {
	it('asks for the Lever API credential like every Lever node, and for the signing credential in manual mode only', () => {
		const { leverCredentials } = require('../../../nodes/Lever/shared/authentication');
		const credentials = trigger.description.credentials;
		expect(credentials.slice(0, 2)).toEqual(leverCredentials);
		expect(credentials[2]).toMatchObject({ name: 'leverWebhookSigningApi', displayOptions: { show: { registration: ['manual'] } } });
		expect(trigger.description.properties.map((p) => p.name)).not.toContain('signatureToken');
	});
});

describe('Lever Trigger: registration lifecycle', () => {
	it('create subscribes one webhook per event and keeps ids and signature tokens; delete removes them', async () => {
		const staticData = await activate({ events: ['candidateStageChange', 'candidateHired'], options: {} });
		const subs = subscriptionsFor(receiverUrl);
		expect(subs.map((s) => s.event).sort()).toEqual(['candidateHired', 'candidateStageChange']);
		expect(staticData.webhooks).toHaveLength(2);
		for (const stored of staticData.webhooks) {
			const sub = emu.state.webhooks.get(stored.id);
			expect(sub).toBeDefined();
			expect(stored.signatureToken).toBe(sub._signatureToken);
			expect(stored.url).toBe(receiverUrl);
		}
		// Active and intact: checkExists says so and nothing is created twice.
		expect(await hooks.checkExists.call(harness(current.parameters, staticData).context)).toBe(true);

		await deactivate();
		expect(subscriptionsFor(receiverUrl)).toHaveLength(0);
		expect(staticData.webhooks).toBeUndefined();
	});

	it('checkExists notices a subscription deleted in Lever, clears the rest and lets create start over', async () => {
		const staticData = await activate({ events: ['candidateStageChange', 'candidateArchiveChange'], options: {} });
		const [first] = staticData.webhooks;
		expect((await api('DELETE', `/webhooks/${first.id}`)).status).toBe(204);
		const h = harness(current.parameters, staticData);
		expect(await hooks.checkExists.call(h.context)).toBe(false);
		expect(subscriptionsFor(receiverUrl)).toHaveLength(0);
		expect(staticData.webhooks).toBeUndefined();
		expect(await hooks.create.call(h.context)).toBe(true);
		expect(subscriptionsFor(receiverUrl)).toHaveLength(2);
		await deactivate();
	});

	it('create replaces an earlier API subscription to the same URL whose token was lost', async () => {
		const stray = await api('POST', '/webhooks', { url: receiverUrl, event: 'candidateStageChange' });
		expect(stray.status).toBe(201);
		await activate({ events: ['candidateStageChange'], options: {} });
		const subs = subscriptionsFor(receiverUrl);
		expect(subs).toHaveLength(1);
		expect(subs[0].id).not.toBe(stray.body.data.id);
		await deactivate();
	});

	it('sends the origin condition for the events that take one', async () => {
		await activate({ events: ['candidateStageChange', 'contactUpdated'], options: { origins: ['applied', 'referred'] } });
		const byEvent = Object.fromEntries(subscriptionsFor(receiverUrl).map((s) => [s.event, s.conditions]));
		expect(byEvent.candidateStageChange).toEqual({ origins: ['applied', 'referred'] });
		// Lever takes no conditions for contact events (the emulator refuses them, as Lever does).
		expect(byEvent.contactUpdated).toBeNull();
		await deactivate();
	});

	it('a failed create rolls back what it had subscribed and reports the error', async () => {
		const h = createTriggerContext({
			parameters: { events: ['candidateStageChange', 'notAnEvent'], options: {} },
			staticData: {},
			credentials,
			webhookUrl: receiverUrl,
		});
		await expect(hooks.create.call(h.context)).rejects.toThrow();
		expect(subscriptionsFor(receiverUrl)).toHaveLength(0);
	});

	it('delete treats a subscription already gone as removed, and keeps (and logs) one it could not delete', async () => {
		const staticData = await activate({ events: ['candidateStageChange'], options: {} });
		await api('DELETE', `/webhooks/${staticData.webhooks[0].id}`);
		const h = harness(current.parameters, staticData);
		expect(await hooks.delete.call(h.context)).toBe(true);

		// A webhook made in Lever's settings: the API may not delete it (403).
		const now = Date.now();
		emu.state.webhooks.insert({ id: 'ui-made-1', url: receiverUrl, event: 'candidateHired', conditions: { origins: [] }, createdAt: now, updatedAt: now, _signatureToken: 'x' });
		const failing = { webhooks: [{ id: 'ui-made-1', event: 'candidateHired', url: receiverUrl, signatureToken: 'x' }] };
		const refused = harness({ events: ['candidateHired'] }, failing);
		expect(await hooks.delete.call(refused.context)).toBe(false);
		expect(failing.webhooks).toHaveLength(1);
		expect(refused.logs.some((entry) => entry.level === 'error' && entry.message.includes('ui-made-1'))).toBe(true);
		emu.state.webhooks.remove('ui-made-1');
	});

	it('"Use a Webhook Made in Lever" registers nothing, and activates only when every event has its token', async () => {
		const parameters = { registration: 'manual', events: ['candidateHired', 'candidateStageChange'] };
		const complete = { candidateHired: 'a'.repeat(48), candidateStageChange: 'b'.repeat(48) };
		const h = harness(parameters, {}, { signingCredentials: complete });
		expect(await hooks.checkExists.call(h.context)).toBe(true);
		expect(await hooks.create.call(h.context)).toBe(true);
		expect(await hooks.delete.call(h.context)).toBe(true);
		expect(h.requests).toHaveLength(0);

		const missing = harness(parameters, {}, { signingCredentials: { candidateHired: 'a'.repeat(48) } });
		await expect(hooks.checkExists.call(missing.context)).rejects.toThrow(/no signature token for Candidate Stage Change/);
		expect(missing.requests).toHaveLength(0);
	});
});

describe('Lever Trigger: deliveries', () => {
	afterEach(async () => {
		if (current.staticData.webhooks) await deactivate();
	});

	it('a stage change made through the API arrives signed and becomes one item with the ids flattened', async () => {
		await activate({ events: ['candidateStageChange'], options: { fetchOpportunity: true } });
		const opportunity = activeOpportunity();
		const from = opportunity.stage;
		const to = nextStage(opportunity);
		const moved = await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: to.id });
		expect(moved.status).toBe(200);
		await until(() => received.length === 1, 'the delivery');
		const [outcome] = received;
		expect(outcome.status).toBe(200);
		expect(outcome.output).toHaveLength(1);
		const item = outcome.output[0];
		// The emulator records the delivery once our 200 has reached it, a moment after the receiver ran.
		const delivery = await until(
			() => emu.deliveries().find((d) => d.event === 'candidateStageChange' && d.url === receiverUrl && d.status === 'delivered'),
			'the delivery to be recorded',
		);
		expect(item).toMatchObject({
			event: 'candidateStageChange',
			type: 'opportunity',
			opportunityId: opportunity.id,
			contactId: opportunity.contact,
			fromStageId: from,
			toStageId: to.id,
			triggeredAt: new Date(delivery.envelope.triggeredAt).toISOString(),
			data: delivery.envelope.data,
		});
		expect(item.opportunity).toMatchObject({ id: opportunity.id, stage: to.id });
	});

	it('archive and hire deliveries spell out the archive details', async () => {
		await activate({ events: ['candidateArchiveChange', 'candidateHired'], options: {} });
		const opportunity = activeOpportunity();
		const hired = emu.state.archiveReasons.values().find((r) => r.type === 'hired');
		emu.mutate({ action: 'archive', ids: [opportunity.id], reasonId: hired.id });
		await until(() => received.length === 2, 'two deliveries');
		const items = received.map((r) => r.output[0]);
		const archive = items.find((i) => i.event === 'candidateArchiveChange');
		expect(archive).toMatchObject({ archived: true, archiveReasonId: hired.id, opportunityId: opportunity.id });
		expect(typeof archive.archivedAt).toBe('string');
		expect(items.find((i) => i.event === 'candidateHired')).toMatchObject({ opportunityId: opportunity.id, type: 'opportunity' });
	});

	it('stage filters acknowledge but skip other moves', async () => {
		const opportunity = activeOpportunity();
		const to = nextStage(opportunity);
		const other = emu.state.stages.values().find((s) => s.id !== to.id && s.id !== opportunity.stage);
		await activate({ events: ['candidateStageChange'], options: { toStageIds: [other.id] } });
		await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: to.id });
		await until(() => received.length === 1, 'the delivery');
		expect(received[0]).toMatchObject({ status: 200, output: null });
		await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: other.id });
		await until(() => received.length === 2, 'the second delivery');
		expect(received[1].output[0]).toMatchObject({ toStageId: other.id, fromStageId: to.id });
	});

	describe('rejections: 401, no execution', () => {
		let signatureToken;
		let delivered;

		beforeEach(async () => {
			const staticData = await activate({ events: ['candidateStageChange'], options: {} });
			signatureToken = staticData.webhooks[0].signatureToken;
			const opportunity = activeOpportunity();
			await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: nextStage(opportunity).id });
			await until(() => received.length === 1, 'the genuine delivery');
			expect(received[0].output).toHaveLength(1);
			delivered = emu.deliveries().filter((d) => d.url === receiverUrl).pop().envelope;
			received = [];
		});

		/** A bare 401 (no body: the reason would tell an attacker which check to work on); the reason is logged. */
		const expectRefused = async (body, reason, options) => {
			const response = await post(body, options);
			expect(response.status).toBe(401);
			expect(response.body).toBe('');
			expect(received).toHaveLength(1);
			expect(received[0].output).toBeNull();
			expect(received[0].logs.some((entry) => entry.level === 'warn' && entry.message.includes(`refused a delivery (${reason})`))).toBe(true);
		};

		it('the same envelope again: 200 (Lever stops retrying) and no run', async () => {
			const response = await post(delivered);
			expect(response.status).toBe(200);
			expect(received).toHaveLength(1);
			expect(received[0].output).toBeNull();
		});

		it('forged: right shape, signature made with another key', async () => {
			const token = crypto.randomBytes(24).toString('hex');
			const triggeredAt = Date.now();
			await expectRefused({ ...delivered, token, triggeredAt, signature: sign('not-the-token', token, triggeredAt) }, 'badSignature');
		});

		it('forged: a captured signature reused with a new token', async () => {
			await expectRefused({ ...delivered, token: crypto.randomBytes(24).toString('hex') }, 'badSignature');
		});

		it('stale: correctly signed but older than the replay window', async () => {
			const token = crypto.randomBytes(24).toString('hex');
			const triggeredAt = Date.now() - 6 * 60 * 1000;
			await expectRefused({ ...delivered, token, triggeredAt, signature: sign(signatureToken, token, triggeredAt) }, 'stale');
		});

		it('from the future beyond the window', async () => {
			const token = crypto.randomBytes(24).toString('hex');
			const triggeredAt = Date.now() + 6 * 60 * 1000;
			await expectRefused({ ...delivered, token, triggeredAt, signature: sign(signatureToken, token, triggeredAt) }, 'stale');
		});

		it('unsigned', async () => {
			const { signature, ...unsigned } = delivered;
			expect(signature).toBeDefined();
			await expectRefused({ ...unsigned, token: crypto.randomBytes(24).toString('hex') }, 'unsigned');
		});

		it('malformed: not JSON, an array, no token, a bad triggeredAt, a non-hex signature', async () => {
			await expectRefused('this is not json', 'malformed', { raw: true });
			received = [];
			await expectRefused([delivered], 'malformed');
			received = [];
			const { token, ...noToken } = delivered;
			expect(token).toBeDefined();
			await expectRefused(noToken, 'malformed');
			received = [];
			await expectRefused({ ...delivered, token: 'x1', triggeredAt: 'yesterday' }, 'malformed');
			received = [];
			await expectRefused({ ...delivered, token: 'x2', signature: 'zz'.repeat(32) }, 'badSignature');
		});

		it('an event this trigger did not subscribe to, even when signed with its token', async () => {
			const token = crypto.randomBytes(24).toString('hex');
			const triggeredAt = Date.now();
			await expectRefused({ ...delivered, event: 'candidateHired', token, triggeredAt, signature: sign(signatureToken, token, triggeredAt) }, 'unknownEvent');
		});

		it('a fresh, correctly signed delivery still passes (the checks are not over-eager)', async () => {
			const token = crypto.randomBytes(24).toString('hex');
			const triggeredAt = Date.now();
			const response = await post({ ...delivered, token, triggeredAt, signature: sign(signatureToken, token, triggeredAt) });
			expect(response.status).toBe(200);
			expect(received[0].output).toHaveLength(1);
		});
	});

	it('"Use a Webhook Made in Lever": each event is checked with its own token from the signing credential', async () => {
		const contact = await api('POST', '/webhooks', { url: receiverUrl, event: 'contactUpdated' });
		const stage = await api('POST', '/webhooks', { url: receiverUrl, event: 'candidateStageChange' });
		const signing = {
			contactUpdated: contact.body.data.configuration.signatureToken,
			candidateStageChange: stage.body.data.configuration.signatureToken,
		};
		current = { parameters: { registration: 'manual', events: ['contactUpdated', 'candidateStageChange'], options: {} }, staticData: {}, signing };
		const opportunity = activeOpportunity();
		emu.mutate({ action: 'contact', ids: [opportunity.id] });
		await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: nextStage(opportunity).id });
		await until(() => received.length === 2, 'both deliveries');
		expect(received.map((r) => r.status)).toEqual([200, 200]);
		expect(received.map((r) => r.output[0].event).sort()).toEqual(['candidateStageChange', 'contactUpdated']);

		// The stage change token no longer matches: that event is refused, the other still passes.
		current.signing = { ...signing, candidateStageChange: 'c'.repeat(48) };
		received = [];
		emu.mutate({ action: 'contact', ids: [opportunity.id] });
		await until(() => received.length === 1, 'the contact delivery');
		await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: nextStage(emu.state.opportunities.get(opportunity.id)).id });
		await until(() => received.length === 2, 'the stage delivery');
		const byStatus = Object.fromEntries(received.map((r) => [r.status, r]));
		expect(byStatus[200].output[0].event).toBe('contactUpdated');
		expect(byStatus[401].output).toBeNull();
		await api('DELETE', `/webhooks/${contact.body.data.id}`);
		await api('DELETE', `/webhooks/${stage.body.data.id}`);
		current = { parameters: {}, staticData: {} };
	});

	it('an event group switched off in Lever: the subscription is accepted, nothing is delivered, and the node says why', async () => {
		emu.configure({ disabledWebhookEvents: ['candidateStageChange'] });
		try {
			await activate({ events: ['candidateStageChange'], options: {} });
			expect(subscriptionsFor(receiverUrl)).toHaveLength(1);
			const opportunity = activeOpportunity();
			await api('PUT', `/opportunities/${opportunity.id}/stage`, { stage: nextStage(opportunity).id });
			await wait(200);
			expect(received).toHaveLength(0);
			const suppressed = emu.deliveries().filter((d) => d.url === receiverUrl && d.status === 'suppressed');
			expect(suppressed.length).toBeGreaterThan(0);
			// What the user sees: a notice on the node and in the trigger panel, and a log line on activation.
			const notice = trigger.description.properties.find((p) => p.type === 'notice');
			expect(notice.displayName).toMatch(/Super Admin switches on/);
			expect(trigger.description.triggerPanel.activationHint).toMatch(/Super Admin/);
		} finally {
			emu.configure({ disabledWebhookEvents: [] });
		}
	});
});
