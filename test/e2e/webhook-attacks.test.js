'use strict';
/*
 * The Lever Trigger (webhook) under attack inside a real n8n (2.40.7, Node 24), with the packed package and
 * the Lever emulator. One user folder, one `n8n start`, two published workflows:
 *   - Register Automatically, candidateStageChange + candidateHired: n8n's production URL is subscribed in the
 *     emulator, which hands out one signature token per event;
 *   - Use a Webhook Made in Lever, contactUpdated: a webhook made in the emulator for that workflow's URL, its
 *     token in a Lever Webhook Signing credential;
 *   - Register Automatically with Fetch Full Opportunity: n8n answers before the lookup, which has its own cap.
 * Genuine deliveries (from the emulator, and signed here with the subscription's token as Lever signs them)
 * and attacks are POSTed to n8n's production URL. Executions are counted through n8n's REST API: every
 * genuine delivery runs exactly once, no attack runs anything, every refusal is a bare 401.
 */
const crypto = require('crypto');
const { executionById, harness, listExecutions, restSession, setupInstance, signDelivery: sign, sleep, until: waitUntil } = require('./helpers');

const AUTO_WF_ID = 'e2eLeverAttackA1';
const MANUAL_WF_ID = 'e2eLeverAttackM1';
const LOOKUP_WF_ID = 'e2eLeverAttackL1';
const AUTO_HOOK_ID = '0b6f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a51';
const MANUAL_HOOK_ID = '0b6f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a52';
const LOOKUP_HOOK_ID = '0b6f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a53';
const SIGNING_CREDENTIAL = Object.freeze({ id: 'e2eLeverSigning1', name: 'Lever webhooks made in Lever', type: 'leverWebhookSigningApi' });
const EVENTS = ['candidateStageChange', 'candidateHired'];

/** The shared wait, with this suite's default. */
const until = (check, what, options = {}) => waitUntil(check, what, { timeoutMs: 60000, ...options });

function triggerWorkflow({ id, name, webhookId, parameters, credentials }) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: `${id}-node`,
				name: 'Lever Trigger',
				type: 'n8n-nodes-lever.leverTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { authentication: 'apiKey', options: {}, ...parameters },
				credentials,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

describe('Lever Trigger under attack in a real n8n', () => {
	let inst;
	let emu;
	let server;
	let session;
	let autoUrl;
	let manualUrl;
	let lookupUrl;
	/** Signature tokens of the automatic workflow's subscriptions, by event. */
	let tokens;
	const t0 = Date.now();

	const executionsOf = (workflowId) => listExecutions(session, workflowId);

	const itemsOf = async (executionId) => (await executionById(session, executionId)).output('Lever Trigger') ?? [];

	/** Waits until the workflow has `count` finished executions, then a little longer to see that no more come. */
	const settledExecutions = async (workflowId, count, what) => {
		await until(async () => {
			const list = await executionsOf(workflowId);
			return list.length >= count && list.every((e) => e.status !== 'running' && e.status !== 'new');
		}, what, { log: server.log });
		await sleep(1500);
		return await executionsOf(workflowId);
	};

	const post = async (url, body, { contentType = 'application/json', raw = false } = {}) => {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'user-agent': 'Lever-Webhooks' }, body: raw ? body : JSON.stringify(body) });
		return { status: res.status, text: await res.text() };
	};

	/** A delivery as Lever sends it, signed with the subscription's token; the token ends in 0 on request. */
	const genuine = ({ event = 'candidateStageChange', at = Date.now(), endsInZero = false, data } = {}) => {
		const token = `${crypto.randomBytes(23).toString('hex')}${endsInZero ? 'a0' : 'b7'}`;
		return {
			id: crypto.randomUUID(),
			triggeredAt: at,
			event,
			data: data ?? { opportunityId: crypto.randomUUID(), fromStageId: 'lead-new', toStageId: 'lead-reached-out' },
			token,
			signature: sign(tokens[event], token, at),
		};
	};

	beforeAll(async () => {
		inst = await setupInstance({ emulator: { opportunities: 20, webhookRetryDelaysMs: [] } });
		emu = inst.emu;
		// The port is chosen first: the webhook made "in Lever" for the manual workflow needs n8n's URL.
		const port = await harness.freePort();
		manualUrl = `http://127.0.0.1:${port}/webhook/${MANUAL_HOOK_ID}/webhook`;
		autoUrl = `http://127.0.0.1:${port}/webhook/${AUTO_HOOK_ID}/webhook`;
		lookupUrl = `http://127.0.0.1:${port}/webhook/${LOOKUP_HOOK_ID}/webhook`;
		const made = await fetch(`${emu.apiUrl}/webhooks`, {
			method: 'POST',
			headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
			body: JSON.stringify({ url: manualUrl, event: 'contactUpdated' }),
		});
		const manualToken = (await made.json()).data.configuration.signatureToken;
		await harness.importCredentials(inst.folder, [{ ...SIGNING_CREDENTIAL, data: { contactUpdated: manualToken } }]);
		await harness.importWorkflows(inst.folder, [
			triggerWorkflow({
				id: AUTO_WF_ID,
				name: 'e2e: Lever Trigger under attack (automatic)',
				webhookId: AUTO_HOOK_ID,
				parameters: { registration: 'automatic', events: EVENTS },
				credentials: inst.credential,
			}),
			triggerWorkflow({
				id: MANUAL_WF_ID,
				name: 'e2e: Lever Trigger under attack (made in Lever)',
				webhookId: MANUAL_HOOK_ID,
				parameters: { registration: 'manual', events: ['contactUpdated'] },
				credentials: { ...inst.credential, leverWebhookSigningApi: { id: SIGNING_CREDENTIAL.id, name: SIGNING_CREDENTIAL.name } },
			}),
			triggerWorkflow({
				id: LOOKUP_WF_ID,
				name: 'e2e: Lever Trigger with Fetch Full Opportunity',
				webhookId: LOOKUP_HOOK_ID,
				parameters: { registration: 'automatic', events: ['candidateStageChange'], options: { fetchOpportunity: true } },
				credentials: inst.credential,
			}),
		]);
		await harness.publishWorkflow(inst.folder, AUTO_WF_ID);
		await harness.publishWorkflow(inst.folder, MANUAL_WF_ID);
		await harness.publishWorkflow(inst.folder, LOOKUP_WF_ID);
		server = await harness.startN8n(inst.folder, { port });
		session = await restSession(server.url);
		const subscribed = (url) => emu.state.webhooks.values().filter((w) => w.url === url);
		await until(() => subscribed(autoUrl).length === EVENTS.length && subscribed(lookupUrl).length === 1, 'the subscriptions', { timeoutMs: 90000, log: server.log });
		tokens = Object.fromEntries(emu.state.webhooks.values().filter((w) => w.url === autoUrl).map((w) => [w.event, w._signatureToken]));
		process.stderr.write(`[e2e webhook-attacks] set up in ${((Date.now() - t0) / 1000).toFixed(0)}s\n`);
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (inst) await inst.close();
		process.stderr.write(`[e2e webhook-attacks] total ${((Date.now() - t0) / 1000).toFixed(0)}s\n`);
	});

	test('genuine deliveries from Lever run once each, in both setups', async () => {
		const opportunity = emu.state.opportunities.values().find((o) => !o.archived && o.confidentiality !== 'confidential');
		const toStage = emu.state.stages.values().find((s) => s.id !== opportunity.stage);
		const moved = await fetch(`${emu.apiUrl}/opportunities/${opportunity.id}/stage`, {
			method: 'PUT',
			headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
			body: JSON.stringify({ stage: toStage.id }),
		});
		expect(moved.status).toBe(200);
		emu.mutate({ action: 'contact', ids: [opportunity.id] });
		const delivered = (url) => emu.deliveries().filter((d) => d.url === url && d.status === 'delivered');
		await until(() => delivered(autoUrl).length === 1 && delivered(manualUrl).length === 1, 'both deliveries', { log: server.log });
		const [auto] = await settledExecutions(AUTO_WF_ID, 1, 'the stage change execution');
		expect(await executionsOf(AUTO_WF_ID)).toHaveLength(1);
		expect(await itemsOf(auto.id)).toEqual([expect.objectContaining({ event: 'candidateStageChange', opportunityId: opportunity.id, toStageId: toStage.id })]);
		const manual = await settledExecutions(MANUAL_WF_ID, 1, 'the contact execution');
		expect(manual).toHaveLength(1);
		expect(await itemsOf(manual[0].id)).toEqual([expect.objectContaining({ event: 'contactUpdated', contactId: opportunity.contact })]);
		// The manual workflow holds only contactUpdated's token: a stage change signed for it is refused.
		const stage = genuine();
		expect((await post(manualUrl, stage)).status).toBe(401);
	});

	test('forgeries from one captured body and from the network run nothing; each refusal is a bare 401', async () => {
		const before = (await executionsOf(AUTO_WF_ID)).length;
		const captured = genuine({ endsInZero: true });
		expect((await post(autoUrl, captured)).status).toBe(200);
		const message = `${captured.token}${captured.triggeredAt}`;

		const attacks = [];
		const add = (name, body, options) => attacks.push({ name, body, options });
		// Re-split: every cut point of the signed message, triggeredAt as sent (string) and as a number.
		for (let cut = 1; cut < message.length; cut++) {
			const token = message.slice(0, cut);
			const triggeredAt = message.slice(cut);
			if (token === captured.token) continue;
			add(`re-split at ${cut}`, { ...captured, token, triggeredAt, data: { opportunityId: 'attacker' } });
			if (/^\d+$/.test(triggeredAt)) add(`re-split at ${cut} (number)`, { ...captured, token, triggeredAt: Number(triggeredAt), data: { opportunityId: 'attacker' } });
		}
		add('leading zeros', { ...captured, triggeredAt: `00${captured.triggeredAt}` });
		add("signed with the other event's token", (() => {
			const body = genuine({ event: 'candidateHired' });
			return { ...body, event: 'candidateStageChange' };
		})());
		const staleAt = Date.now() - 10 * 60 * 1000;
		const staleToken = crypto.randomBytes(24).toString('hex');
		add('stale', { ...captured, token: staleToken, triggeredAt: staleAt, signature: sign(tokens.candidateStageChange, staleToken, staleAt) });
		const forgedToken = crypto.randomBytes(24).toString('hex');
		add('signed with a guessed key', { ...captured, token: forgedToken, signature: sign('guess', forgedToken, captured.triggeredAt) });
		const { signature, ...unsigned } = genuine();
		expect(signature).toBeDefined();
		add('unsigned', unsigned);
		add('malformed: an array', [captured]);
		add('malformed: no token', { ...captured, token: undefined });
		add('malformed: triggeredAt not a number', { ...genuine(), triggeredAt: 'yesterday' });
		add('not JSON (text/plain)', 'event=candidateStageChange&token=x', { raw: true, contentType: 'text/plain' });
		add('not JSON (claims JSON)', '{"event": "candidateStageChange", ', { raw: true });
		const big = { notes: 'x'.repeat(2 * 1024 * 1024) };
		add('2 MB body, forged', { ...genuine(), signature: sign('guess', 't', 1), data: big });
		add('2 MB body, the captured delivery again', { ...captured, data: big });

		const outcomes = [];
		for (const attack of attacks) {
			const res = await post(autoUrl, attack.body, attack.options);
			outcomes.push({ name: attack.name, status: res.status, text: res.text });
		}
		const accepted = outcomes.filter((o) => o.status >= 200 && o.status < 300);
		// Only copies of the captured delivery itself are acknowledged (200, no run); nothing else passes.
		expect(accepted.map((o) => o.name)).toEqual(['2 MB body, the captured delivery again']);
		for (const o of outcomes.filter((x) => x.status === 401)) expect(o.text).toBe('');
		// Both non-JSON bodies are refused before or by the node.
		for (const o of outcomes.filter((x) => x.name.startsWith('not JSON'))) expect(o.status).toBeGreaterThanOrEqual(400);
		expect(outcomes.filter((o) => o.status !== 401 && !(o.status >= 200 && o.status < 300) && !o.name.startsWith('not JSON'))).toEqual([]);
		process.stderr.write(`[e2e webhook-attacks] ${attacks.length} attacks: ${outcomes.filter((o) => o.status === 401).length} x 401, statuses of the non-JSON ones: ${outcomes.filter((o) => o.name.startsWith('not JSON')).map((o) => o.status).join(', ')}\n`);

		const after = await settledExecutions(AUTO_WF_ID, before + 1, 'the captured delivery execution');
		expect(after).toHaveLength(before + 1);
		expect(await itemsOf(after[0].id)).toEqual([expect.objectContaining({ opportunityId: captured.data.opportunityId })]);
		const log = server.log();
		for (const reason of ['malformed', 'unsigned', 'badSignature', 'stale']) expect(log).toContain(`Lever Trigger refused a delivery (${reason})`);
		expect(log).not.toContain(tokens.candidateStageChange);
	});

	test('20 concurrent distinct deliveries run once each; their 20 concurrent replays and one delivery sent twice at once run nothing more', async () => {
		const before = (await executionsOf(AUTO_WF_ID)).length;
		const bodies = Array.from({ length: 20 }, () => genuine());
		const first = await Promise.all(bodies.map((body) => post(autoUrl, body)));
		expect(first.map((r) => r.status)).toEqual(Array(20).fill(200));
		const replays = await Promise.all(bodies.map((body) => post(autoUrl, body)));
		expect(replays.map((r) => r.status)).toEqual(Array(20).fill(200));

		const twice = genuine({ event: 'candidateHired', data: { opportunityId: crypto.randomUUID() } });
		const both = await Promise.all([post(autoUrl, twice), post(autoUrl, twice)]);
		expect(both.map((r) => r.status)).toEqual([200, 200]);

		const after = await settledExecutions(AUTO_WF_ID, before + 21, '21 executions');
		expect(after).toHaveLength(before + 21);
		expect(after.every((e) => e.status === 'success')).toBe(true);
		const ran = [];
		for (const execution of after.slice(0, 21)) ran.push(...(await itemsOf(execution.id)).map((item) => item.opportunityId));
		expect(ran.sort()).toEqual([...bodies.map((b) => b.data.opportunityId), twice.data.opportunityId].sort());
	});

	test('Fetch Full Opportunity: Lever has its 200 before the lookup answers; a lookup past its cap still runs, saying why', async () => {
		const secret = emu.state.webhooks.values().find((w) => w.url === lookupUrl)._signatureToken;
		const opportunity = emu.state.opportunities.values().find((o) => !o.archived && o.confidentiality !== 'confidential');
		// The first test's stage change reached this workflow too (it also listens to stage changes).
		const earlier = emu.requests(1000).recent.filter((r) => r.method === 'GET' && r.path === `/v1/opportunities/${opportunity.id}`).length;
		const lookups = () => emu.requests(1000).recent.filter((r) => r.method === 'GET' && r.path === `/v1/opportunities/${opportunity.id}`).length - earlier;
		const ran = (await executionsOf(LOOKUP_WF_ID)).length;
		const deliver = async () => {
			const at = Date.now();
			const token = crypto.randomBytes(24).toString('hex');
			const body = { triggeredAt: at, event: 'candidateStageChange', data: { opportunityId: opportunity.id, fromStageId: 'a', toStageId: 'b' }, token, signature: sign(secret, token, at) };
			const res = await post(lookupUrl, body);
			// What the emulator had answered of the lookup at the moment n8n answered the delivery.
			return { status: res.status, lookupsAnsweredBefore: lookups() };
		};
		try {
			// Every emulator answer now takes 3 s: the lookup succeeds, but only after n8n answered.
			emu.configure({ faults: { latencyMs: 3000 } });
			const quick = await deliver();
			expect(quick).toEqual({ status: 200, lookupsAnsweredBefore: 0 });
			const [first] = await settledExecutions(LOOKUP_WF_ID, ran + 1, 'the lookup execution');
			expect(await itemsOf(first.id)).toEqual([expect.objectContaining({ opportunityId: opportunity.id, opportunity: expect.objectContaining({ id: opportunity.id }) })]);
			// 12 s: beyond the lookup's own 10 s cap (one attempt, no retries).
			emu.configure({ faults: { latencyMs: 12000 } });
			const slow = await deliver();
			expect(slow).toEqual({ status: 200, lookupsAnsweredBefore: 1 });
			const after = await settledExecutions(LOOKUP_WF_ID, ran + 2, 'the capped lookup execution');
			expect(after).toHaveLength(ran + 2);
			const [item] = await itemsOf(after[0].id);
			expect(item).toMatchObject({ opportunityId: opportunity.id, opportunity: null });
			expect(item.opportunityError).toMatch(/time|abort/i);
		} finally {
			emu.configure({ faults: { latencyMs: 0 } });
		}
		// One request per delivery: the capped lookup was not retried.
		await until(() => lookups() === 2, 'the slow lookup to finish in the emulator', { timeoutMs: 20000 });
	});
});
