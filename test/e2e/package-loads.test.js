'use strict';
/*
 * The packed package installs into a real n8n (2.40.7 on Node 24) as a community package, n8n loads its
 * node and credential types under their real names, and a workflow with the Lever node runs against the
 * emulator through `n8n execute`.
 */
const { harness, setupInstance, manualWorkflow } = require('./helpers');

describe('the package loads in n8n', () => {
	let inst;

	beforeAll(async () => {
		inst = await setupInstance({
			emulator: { opportunities: 50, oauthClients: [{ clientId: 'e2e-client', clientSecret: 'e2e-secret' }] },
		});
	});

	afterAll(async () => {
		if (inst) await inst.close();
	});

	test('n8n runs Lever → Users → Get Many against the emulator', async () => {
		const wf = manualWorkflow({
			id: 'e2eLoadsUsers001',
			name: 'e2e: list users',
			node: {
				name: 'Lever',
				type: `${harness.PACKAGE_NAME}.lever`,
				parameters: { resource: 'user', operation: 'getMany', returnAll: false, limit: 5 },
				credentials: inst.credential,
			},
		});
		await harness.importWorkflow(inst.folder, wf);
		const run = await harness.execute(inst.folder, wf.id);
		const output = `${run.stdout}\n${run.stderr}`;

		expect(output).not.toMatch(/Unrecognized node type/i);
		expect(output).not.toMatch(/Unrecognized credential type/i);
		if (!run.ok) {
			throw new Error(`n8n execute failed (exit ${run.code}):\n${output.slice(-6000)}`);
		}
		expect(run.result.status).toBe('success');

		const items = harness.nodeOutput(run.result, 'Lever');
		expect(items).toHaveLength(5);
		const emuUsers = new Map(Array.from(inst.emu.state.users.values(), (u) => [u.id, u]));
		for (const item of items) {
			expect(emuUsers.has(item.id)).toBe(true);
			expect(item.email).toBe(emuUsers.get(item.id).email);
		}
		// The request really reached the emulator, with the API key.
		expect(new Set(items.map((i) => i.id)).size).toBe(5);
	});

	test('the OAuth2 credential works in n8n, and an expired token is refreshed', async () => {
		const scopes = ['offline_access', 'users:read:admin'];
		const token = inst.emu.mintToken(scopes, 3600, 'e2e-client');
		expect(token.refresh_token).toBeTruthy();
		await harness.importCredentials(inst.folder, [
			{
				id: 'e2eLeverOAuth2A1',
				name: 'Lever emulator (OAuth2)',
				type: 'leverAtsOAuth2Api',
				data: {
					environment: 'custom',
					customBaseUrl: inst.emu.apiUrl,
					customAuthUrl: `${inst.emu.url}/oauth/authorize`,
					customTokenUrl: `${inst.emu.url}/oauth/token`,
					scopes,
					clientId: 'e2e-client',
					clientSecret: 'e2e-secret',
					oauthTokenData: token,
				},
			},
		]);
		const wf = manualWorkflow({
			id: 'e2eLoadsOAuth001',
			name: 'e2e: list users with OAuth2',
			node: {
				name: 'Lever',
				type: `${harness.PACKAGE_NAME}.lever`,
				parameters: { authentication: 'oAuth2', resource: 'user', operation: 'getMany', returnAll: false, limit: 3 },
				credentials: { leverAtsOAuth2Api: { id: 'e2eLeverOAuth2A1', name: 'Lever emulator (OAuth2)' } },
			},
		});
		await harness.importWorkflow(inst.folder, wf);

		const first = await harness.execute(inst.folder, wf.id);
		if (!first.ok) throw new Error(`n8n execute failed (exit ${first.code}):\n${(first.stdout + first.stderr).slice(-6000)}`);
		expect(harness.nodeOutput(first.result, 'Lever')).toHaveLength(3);

		// Lever access tokens live one hour: expire it, n8n must refresh it with the refresh token and retry.
		expect(inst.emu.expireTokens()).toBeGreaterThan(0);
		const tokenCalls = () => inst.emu.requests(10000).recent.filter((r) => r.path.startsWith('/oauth/token')).length;
		const unauthorized = () => inst.emu.requests().byStatus['401'] || 0;
		const before = tokenCalls();
		const before401 = unauthorized();
		const second = await harness.execute(inst.folder, wf.id);
		if (!second.ok) throw new Error(`n8n execute failed (exit ${second.code}):\n${(second.stdout + second.stderr).slice(-6000)}`);
		expect(harness.nodeOutput(second.result, 'Lever')).toHaveLength(3);
		// The expired token was rejected once (401), then n8n called the token endpoint and retried.
		expect(unauthorized()).toBeGreaterThan(before401);
		expect(tokenCalls()).toBeGreaterThan(before);
		// No token or secret in n8n's output.
		const out = second.stdout + second.stderr;
		expect(out).not.toContain(token.access_token);
		expect(out).not.toContain(token.refresh_token);
		expect(out).not.toContain('e2e-secret');
	});
});
