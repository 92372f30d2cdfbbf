/**
 * The Lever Trigger's settings on their own: https-only webhook URLs (with the plain-http Lever stand-in
 * as the one exception), the replay window bounds, and the per-event tokens of manual mode.
 */
const { createTriggerContext } = require('../../helpers/triggerContext');
const {
	checkActivation,
	checkManualTokens,
	checkSigningCredential,
	readSettings,
	signingTokensFor,
} = require('../../../nodes/Lever/triggers/webhookSettings');

const LEVER = { environment: 'production', apiKey: 'k' };
const EMULATOR = { environment: 'custom', customBaseUrl: 'http://127.0.0.1:4010/v1', apiKey: 'k' };
const HTTPS_URL = 'https://n8n.example.com/webhook/x/webhook';
const HTTP_URL = 'http://localhost:5678/webhook/x/webhook';

function context({ parameters = {}, credentials = LEVER, webhookUrl = HTTPS_URL, signingCredentials } = {}) {
	return createTriggerContext({ parameters: { events: ['candidateStageChange'], options: {}, ...parameters }, credentials, webhookUrl, signingCredentials });
}

describe('checkActivation', () => {
	it('refuses a plain http webhook URL for the real Lever and says how to set WEBHOOK_URL', async () => {
		const h = context({ webhookUrl: HTTP_URL });
		const error = await checkActivation(h.context, readSettings(h.context)).catch((e) => e);
		expect(error.message).toContain(HTTP_URL);
		expect(error.description).toMatch(/WEBHOOK_URL=https:\/\//);
		expect(h.requests).toEqual([]);
	});

	it('accepts https, and plain http when the credential points at a plain-http Lever stand-in (the emulator)', async () => {
		const https = context();
		await expect(checkActivation(https.context, readSettings(https.context))).resolves.toBe(HTTPS_URL);
		const emulator = context({ credentials: EMULATOR, webhookUrl: HTTP_URL });
		await expect(checkActivation(emulator.context, readSettings(emulator.context))).resolves.toBe(HTTP_URL);
		const httpsStandIn = context({ credentials: { ...EMULATOR, customBaseUrl: 'https://proxy.example.com/v1' }, webhookUrl: HTTP_URL });
		await expect(checkActivation(httpsStandIn.context, readSettings(httpsStandIn.context))).rejects.toThrow(/only to https/);
	});

	it('refuses a replay window below 60 s (0 used to switch the check off) or above 14 days, and no events', async () => {
		for (const replayWindowSeconds of [0, 59, 14 * 24 * 3600 + 1]) {
			const h = context({ parameters: { options: { replayWindowSeconds } } });
			await expect(checkActivation(h.context, readSettings(h.context))).rejects.toThrow(/Replay Window/);
		}
		const none = context({ parameters: { events: [] } });
		await expect(checkActivation(none.context, readSettings(none.context))).rejects.toThrow(/Events: choose at least one/);
	});

	it('deliveries are checked with the window kept within bounds even if the setting is not', () => {
		const h = context({ parameters: { options: { replayWindowSeconds: 0 } } });
		expect(readSettings(h.context).windowMs).toBe(60_000);
	});
});

describe('signature tokens', () => {
	const stored = [
		{ id: 'w1', event: 'candidateStageChange', url: HTTPS_URL, signatureToken: 'stage-token' },
		{ id: 'w2', event: 'candidateHired', url: HTTPS_URL, signatureToken: 'hired-token' },
	];

	it('automatic: the token Lever returned for that event; none for an event not chosen', async () => {
		const h = context();
		const settings = readSettings(h.context);
		expect(await signingTokensFor(h.context, settings, 'candidateStageChange', stored)).toEqual(['stage-token']);
		expect(await signingTokensFor(h.context, settings, 'candidateHired', stored)).toEqual([]);
	});

	it("manual: the signing credential's token of that event only", async () => {
		const h = context({
			parameters: { registration: 'manual', events: ['candidateStageChange', 'candidateHired'] },
			signingCredentials: { candidateStageChange: ' stage-token ', candidateHired: '' },
		});
		const settings = readSettings(h.context);
		expect(settings.registration).toBe('manual');
		expect(await signingTokensFor(h.context, settings, 'candidateStageChange', stored)).toEqual(['stage-token']);
		expect(await signingTokensFor(h.context, settings, 'candidateHired', stored)).toEqual([]);
		await expect(checkManualTokens(h.context, settings)).rejects.toThrow(/no signature token for Candidate Hired$/);
	});

	it('manual without a signing credential (a workflow saved with the old Signature Token parameter): activation names the events and the credential', async () => {
		const h = context({ parameters: { registration: 'manual', signatureToken: 'old-parameter' } });
		const settings = readSettings(h.context);
		const error = await checkManualTokens(h.context, settings).catch((e) => e);
		expect(error.message).toMatch(/no signature token for Candidate Stage Change$/);
		expect(error.description).toMatch(/Select a Lever Webhook Signing API credential/);
		expect(await signingTokensFor(h.context, settings, 'candidateStageChange', [])).toEqual([]);
	});

	it('the credential test wants at least one token, each of a plausible shape', () => {
		expect(checkSigningCredential({})).toMatchObject({ status: 'Error' });
		expect(checkSigningCredential({ candidateHired: 'short' })).toMatchObject({ status: 'Error', message: expect.stringContaining('Candidate Hired') });
		expect(checkSigningCredential({ candidateHired: 'x'.repeat(48) })).toMatchObject({ status: 'OK' });
	});
});
