/**
 * Delivery acceptance of the Lever Trigger, on its own (no emulator): the checks (judgeDelivery) and the
 * whole webhook() path (receiveDelivery) with a fake n8n webhook context and nock for the opportunity
 * lookup. Each "regression" case was accepted (or answered differently) by the trigger before issue 11.
 */
const crypto = require('node:crypto');
const nock = require('nock');

const { createTriggerContext } = require('../../helpers/triggerContext');
const { judgeDelivery, receiveDelivery } = require('../../../nodes/Lever/triggers/webhookAcceptance');
const { emptyRecord, forgetProcessRecord } = require('../../../nodes/Lever/triggers/replayMemory');
const { TEST_BASE_URL } = require('../../helpers/runNode');
const { freshRateLimits } = require('../../helpers/rateLimits');

const SECRET = 'stage-change-signature-token-0123456789abcdef0123';
const OTHER_SECRET = 'hired-signature-token-fedcba9876543210fedcba987654';
const OPPORTUNITY = '250d8f03-738a-4bba-a671-8a3d73477145';
const WINDOW_MS = 300_000;
const HOOK_URL = 'https://n8n.example.com/webhook/abc/webhook';

const sign = (secret, token, triggeredAt) => crypto.createHmac('sha256', secret).update(`${token}${triggeredAt}`).digest('hex');
const clone = (value) => JSON.parse(JSON.stringify(value));

/** A delivery as Lever sends it; the token ends in 0 (what makes the re-split forgery possible). */
function genuine({ event = 'candidateStageChange', secret = SECRET, at = Date.now(), token, data } = {}) {
	const t = token ?? `${crypto.randomBytes(23).toString('hex')}a0`;
	return {
		id: crypto.randomUUID(),
		triggeredAt: at,
		event,
		data: data ?? { opportunityId: OPPORTUNITY, candidateId: OPPORTUNITY, fromStageId: 'lead-new', toStageId: 'lead-reached-out' },
		token: t,
		signature: sign(secret, t, at),
	};
}

const tokensFor = async (event) => (event === 'candidateStageChange' ? [SECRET] : event === 'candidateHired' ? [OTHER_SECRET] : []);

function judge(body, { record = emptyRecord(), scope = 'wf/node', nowMs = Date.now(), windowMs = WINDOW_MS } = {}) {
	return judgeDelivery({ body, tokensFor, windowMs, nowMs, scope, record });
}

beforeEach(() => {
	forgetProcessRecord();
	freshRateLimits();
});

describe('judgeDelivery: forgeries made from one captured body', () => {
	it('regression: token[:-1] with "0" + triggeredAt (same signature, "new" token) is refused', async () => {
		const captured = genuine();
		const record = emptyRecord();
		expect((await judge(captured, { record })).outcome).toBe('accepted');
		const forged = { ...captured, token: captured.token.slice(0, -1), triggeredAt: `0${captured.triggeredAt}`, data: { opportunityId: 'attacker' } };
		expect(await judge(forged, { record })).toMatchObject({ outcome: 'refused', reason: 'malformed' });
	});

	it('regression: no cut point of the signed message makes another accepted delivery, at the shortest window too', async () => {
		const captured = genuine();
		const message = `${captured.token}${captured.triggeredAt}`;
		const record = emptyRecord();
		expect((await judge(captured, { record, windowMs: 60_000 })).outcome).toBe('accepted');
		const outcomes = [];
		for (let cut = 1; cut < message.length; cut++) {
			const token = message.slice(0, cut);
			const triggeredAt = message.slice(cut);
			if (token === captured.token) continue;
			for (const variant of [triggeredAt, /^\d+$/.test(triggeredAt) ? Number(triggeredAt) : triggeredAt]) {
				outcomes.push((await judge({ ...captured, token, triggeredAt: variant, data: { evil: true } }, { record, windowMs: 60_000 })).outcome);
			}
		}
		expect(outcomes.length).toBeGreaterThan(90);
		expect(outcomes.filter((outcome) => outcome === 'accepted')).toEqual([]);
	});

	it('padding and re-typing triggeredAt: leading zeros, a fraction, an exponent, a sign are refused; the same digits as a string are the same delivery', async () => {
		const captured = genuine();
		const record = emptyRecord();
		await judge(captured, { record });
		for (const triggeredAt of [`00${captured.triggeredAt}`, `${captured.triggeredAt}.0`, `${captured.triggeredAt / 1000}e3`, `+${captured.triggeredAt}`, `${captured.triggeredAt} `, captured.triggeredAt + 0.5, -captured.triggeredAt]) {
			expect(await judge({ ...captured, triggeredAt }, { record })).toMatchObject({ outcome: 'refused', reason: 'malformed' });
		}
		expect((await judge({ ...captured, triggeredAt: String(captured.triggeredAt) }, { record })).outcome).toBe('duplicate');
	});

	it('the captured body with other data inside the window is a duplicate (runs nothing), after it a stale one', async () => {
		const captured = genuine();
		const record = emptyRecord();
		await judge(captured, { record });
		expect((await judge({ ...captured, data: { opportunityId: 'other' } }, { record })).outcome).toBe('duplicate');
		expect(await judge(captured, { record, nowMs: captured.triggeredAt + WINDOW_MS + 1 })).toMatchObject({ outcome: 'refused', reason: 'stale' });
	});

	it("a body signed with another event's token is refused, so is an event without a token", async () => {
		const hired = genuine({ event: 'candidateHired', secret: OTHER_SECRET });
		expect((await judge(hired)).outcome).toBe('accepted');
		expect(await judge(genuine({ event: 'candidateStageChange', secret: OTHER_SECRET }))).toMatchObject({ outcome: 'refused', reason: 'badSignature' });
		expect(await judge(genuine({ event: 'contactUpdated' }))).toMatchObject({ outcome: 'refused', reason: 'unknownEvent' });
	});

	it('unsigned, malformed and oversized-token bodies are refused before any token is looked up', async () => {
		const lookups = [];
		const spy = async (event) => {
			lookups.push(event);
			return [SECRET];
		};
		const { signature, ...unsigned } = genuine();
		expect(signature).toBeDefined();
		for (const [body, reason] of [
			[unsigned, 'unsigned'],
			['not json', 'malformed'],
			[[genuine()], 'malformed'],
			[{ ...genuine(), token: 'x'.repeat(300) }, 'malformed'],
			[{ ...genuine(), data: 'text' }, 'malformed'],
			[{ ...genuine(), signature: 'zz'.repeat(32) }, 'badSignature'],
		]) {
			const verdict = await judgeDelivery({ body, tokensFor: spy, windowMs: WINDOW_MS, nowMs: Date.now(), scope: 's', record: emptyRecord() });
			expect(verdict).toMatchObject({ outcome: 'refused', reason });
		}
		expect(lookups).toEqual([]);
	});
});

describe('receiveDelivery: what n8n and Lever see', () => {
	function delivery(body, { staticData, parameters = {}, workflowId } = {}) {
		const h = createTriggerContext({
			parameters: { events: ['candidateStageChange', 'candidateHired'], options: {}, ...parameters },
			staticData: staticData ?? {
				webhooks: [
					{ id: 'w1', event: 'candidateStageChange', url: HOOK_URL, signatureToken: SECRET },
					{ id: 'w2', event: 'candidateHired', url: HOOK_URL, signatureToken: OTHER_SECRET },
				],
			},
			body,
			mode: 'webhook',
			webhookUrl: HOOK_URL,
			workflowId,
		});
		return h;
	}

	it('regression: a refusal is a bare 401; the reason goes to the log only', async () => {
		const h = delivery({ ...genuine(), signature: sign('wrong', 'x', 1) });
		const result = await receiveDelivery.call(h.context);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(h.response).toMatchObject({ statusCode: 401, ended: true });
		expect(h.response.body).toBeUndefined();
		expect(h.logs).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('(badSignature)') })]);
		expect(JSON.stringify(h.logs)).not.toContain(SECRET);
	});

	it('regression: a validly signed duplicate gets 200 and runs nothing', async () => {
		const body = genuine();
		const first = delivery(body);
		expect((await receiveDelivery.call(first.context)).workflowData).toHaveLength(1);
		const again = delivery(clone(body), { staticData: clone(first.staticData) });
		const result = await receiveDelivery.call(again.context);
		expect(again.response.statusCode).toBe(200);
		expect(result.workflowData).toBeUndefined();
	});

	it('regression: two overlapping deliveries in one process keep both records, whichever static data n8n saves last', async () => {
		const saved = delivery(genuine()).staticData; // the subscriptions, as n8n stored them
		const a = genuine();
		const b = genuine();
		// n8n loads static data afresh for each request: both load before either saves.
		const ha = delivery(a, { staticData: clone(saved) });
		const hb = delivery(b, { staticData: clone(saved) });
		const [ra, rb] = await Promise.all([receiveDelivery.call(ha.context), receiveDelivery.call(hb.context)]);
		expect(ra.workflowData).toHaveLength(1);
		expect(rb.workflowData).toHaveLength(1);
		for (const lastSaved of [ha.staticData, hb.staticData]) {
			// Same process: the in-process record refuses both replays whichever save won.
			for (const replay of [a, b]) {
				const h = delivery(clone(replay), { staticData: clone(lastSaved) });
				expect((await receiveDelivery.call(h.context)).workflowData).toBeUndefined();
			}
		}
		// After a restart only static data is left: the later save carries both entries.
		forgetProcessRecord();
		for (const replay of [a, b]) {
			const h = delivery(clone(replay), { staticData: clone(hb.staticData) });
			expect((await receiveDelivery.call(h.context)).workflowData).toBeUndefined();
		}
	});

	it('regression: Lever gets its 200 before the opportunity lookup, which is tried once with its own cap', async () => {
		let answeredBeforeLookup;
		let h;
		const scope = nock(TEST_BASE_URL)
			.get(`/opportunities/${OPPORTUNITY}`)
			.reply(() => {
				answeredBeforeLookup = h.response.ended && h.response.statusCode === 200;
				return [503, { code: 'ServiceUnavailable', message: 'Lever is down' }];
			});
		h = delivery(genuine(), { parameters: { options: { fetchOpportunity: true } } });
		const send = h.context.helpers.httpRequestWithAuthentication;
		const timeouts = [];
		h.context.helpers.httpRequestWithAuthentication = async function (type, options) {
			timeouts.push(options.timeout);
			return await send.call(this, type, options);
		};
		const result = await receiveDelivery.call(h.context);
		expect(scope.isDone()).toBe(true);
		expect(answeredBeforeLookup).toBe(true);
		expect(timeouts).toEqual([10_000]); // one attempt, not the transport's six over two minutes
		const [[item]] = result.workflowData;
		expect(item.json).toMatchObject({ event: 'candidateStageChange', opportunityId: OPPORTUNITY, opportunity: null });
		expect(item.json.opportunityError).toMatch(/503|down|unavailable/i);
	});

	it('regression: an opportunity id that is not a UUID is never requested ("..", "", "." or a path)', async () => {
		for (const opportunityId of ['..', '.', '', '../users', 'abc']) {
			const h = delivery(genuine({ data: { opportunityId } }), { parameters: { options: { fetchOpportunity: true } } });
			const result = await receiveDelivery.call(h.context);
			expect(h.requests).toEqual([]);
			expect(result.workflowData[0][0].json).toMatchObject({ opportunity: null, opportunityError: expect.stringContaining('UUID') });
		}
	});

	it('a successful lookup adds the opportunity', async () => {
		nock(TEST_BASE_URL).get(`/opportunities/${OPPORTUNITY}`).reply(200, { data: { id: OPPORTUNITY, name: 'Ada' } });
		const h = delivery(genuine(), { parameters: { options: { fetchOpportunity: true } } });
		const result = await receiveDelivery.call(h.context);
		expect(result.workflowData[0][0].json.opportunity).toEqual({ id: OPPORTUNITY, name: 'Ada' });
	});

	it('the record is per trigger: the same body for another workflow is judged on its own', async () => {
		const body = genuine();
		expect((await receiveDelivery.call(delivery(body, { workflowId: 'one' }).context)).workflowData).toHaveLength(1);
		expect((await receiveDelivery.call(delivery(clone(body), { workflowId: 'two' }).context)).workflowData).toHaveLength(1);
	});

	it('an old static data record (seenTokens) is replaced by the replay record', async () => {
		const h = delivery(genuine(), {
			staticData: { webhooks: [{ id: 'w1', event: 'candidateStageChange', url: HOOK_URL, signatureToken: SECRET }], seenTokens: { abc: 1 } },
		});
		await receiveDelivery.call(h.context);
		expect(h.staticData.seenTokens).toBeUndefined();
		expect(Object.keys(h.staticData.replay.seen)).toHaveLength(1);
	});
});
