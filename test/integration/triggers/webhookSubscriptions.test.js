/**
 * The Lever Trigger's subscription handling on its own, against the emulator: subscribe-all with rollback,
 * reconcile (checkExists), orphan clean-up and unsubscribe-all.
 */
const nock = require('nock');

const { startEmulator } = require('../../emulator');
const { createTriggerContext } = require('../../helpers/triggerContext');
const { freshRateLimits } = require('../../helpers/rateLimits');
const { listSubscriptions, reconcile, removeOrphans, subscribeAll, unsubscribeAll } = require('../../../nodes/Lever/triggers/webhookSubscriptions');

const URL = 'https://n8n.example.com/webhook/subs/webhook';
let emu;
let credentials;

const ctx = () => createTriggerContext({ parameters: { events: [] }, credentials, webhookUrl: URL });
const mine = () => emu.state.webhooks.values().filter((w) => w.url === URL);

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 5, rateLimit: false, webhookRetryDelaysMs: [] });
	credentials = { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' };
});
afterAll(async () => await emu.close());
beforeEach(() => {
	freshRateLimits();
	for (const w of mine()) emu.state.webhooks.remove(w.id);
});

test('subscribeAll makes one subscription per event with its own token; origins only where Lever takes them', async () => {
	const created = await subscribeAll(ctx().context, URL, ['candidateHired', 'contactCreated'], ['applied']);
	expect(created.map((w) => w.event)).toEqual(['candidateHired', 'contactCreated']);
	expect(new Set(created.map((w) => w.signatureToken)).size).toBe(2);
	for (const w of created) expect(emu.state.webhooks.get(w.id)._signatureToken).toBe(w.signatureToken);
	expect(emu.state.webhooks.get(created[0].id).conditions).toEqual({ origins: ['applied'] });
	expect(emu.state.webhooks.get(created[1].id).conditions).toBeNull();
});

test('subscribeAll rolls back what it made when a later event fails, and throws', async () => {
	await expect(subscribeAll(ctx().context, URL, ['candidateHired', 'candidateStageChange', 'notAnEvent'], [])).rejects.toThrow();
	expect(mine()).toEqual([]);
});

test('reconcile: true while every stored subscription is live for the chosen events; otherwise clears and removes ours', async () => {
	const state = { webhooks: await subscribeAll(ctx().context, URL, ['candidateHired', 'candidateStageChange'], []) };
	expect(await reconcile(ctx().context, state, URL, ['candidateStageChange', 'candidateHired'])).toBe(true);
	// The event list changed: start over.
	expect(await reconcile(ctx().context, state, URL, ['candidateHired'])).toBe(false);
	expect(state.webhooks).toBeUndefined();
	expect(mine()).toEqual([]);
	// One deleted in Lever: the other is removed too.
	const again = { webhooks: await subscribeAll(ctx().context, URL, ['candidateHired', 'candidateStageChange'], []) };
	emu.state.webhooks.remove(again.webhooks[0].id);
	expect(await reconcile(ctx().context, again, URL, ['candidateHired', 'candidateStageChange'])).toBe(false);
	expect(mine()).toEqual([]);
	expect(await reconcile(ctx().context, {}, URL, ['candidateHired'])).toBe(false);
});

test('removeOrphans deletes API subscriptions to this URL whose token is not stored, and only those', async () => {
	const kept = { webhooks: await subscribeAll(ctx().context, URL, ['candidateHired'], []) };
	const [orphan] = await subscribeAll(ctx().context, URL, ['candidateStageChange'], []);
	const [otherEvent] = await subscribeAll(ctx().context, URL, ['contactCreated'], []);
	await removeOrphans(ctx().context, kept, URL, ['candidateHired', 'candidateStageChange']);
	const left = (await listSubscriptions(ctx().context)).filter((w) => w.url === URL).map((w) => w.id).sort();
	expect(left).toEqual([kept.webhooks[0].id, otherEvent.id].sort());
	expect(emu.state.webhooks.get(orphan.id)).toBeUndefined();
});

test('unsubscribeAll: gone counts as removed; one Lever refuses to delete stays stored and makes it false', async () => {
	const state = { webhooks: await subscribeAll(ctx().context, URL, ['candidateHired', 'candidateStageChange'], []) };
	emu.state.webhooks.remove(state.webhooks[0].id);
	expect(await unsubscribeAll(ctx().context, state)).toBe(true);
	expect(state.webhooks).toBeUndefined();
	const now = Date.now();
	emu.state.webhooks.insert({ id: 'ui-made-2', url: URL, event: 'candidateHired', conditions: null, createdAt: now, updatedAt: now, _signatureToken: 'x' });
	const uiMade = { webhooks: [{ id: 'ui-made-2', event: 'candidateHired', url: URL, signatureToken: 'x' }] };
	const h = ctx();
	expect(await unsubscribeAll(h.context, uiMade)).toBe(false);
	expect(uiMade.webhooks).toHaveLength(1);
	expect(h.logs.some((l) => l.level === 'error' && l.message.includes('ui-made-2'))).toBe(true);
});

test('listSubscriptions reads Lever\'s list, the docs\' double wrap and a bare array alike', async () => {
	const h = createTriggerContext({ parameters: { events: [] }, webhookUrl: URL });
	const entry = { id: 'w1', url: URL, event: 'candidateHired' };
	for (const body of [{ data: [entry] }, { data: { data: [entry] } }, [entry]]) {
		nock('http://lever.test').get('/v1/webhooks').reply(200, body);
		expect(await listSubscriptions(h.context)).toEqual([entry]);
	}
});
