'use strict';
/*
 * Issue 14 inside a real n8n: writes that are not safe to repeat run in item order (30 Note > Create items
 * whose second fails leave exactly one note in Lever, and the error says so); a date-time without offset
 * is read in the workflow's time zone, whatever the server's TZ and n8n's default zone; and an OAuth
 * refresh token that Lever no longer honours (90 days unused) ends in "reconnect the credential".
 */
const { harness, setupInstance } = require('./helpers');

const MISSING_OPPORTUNITY = '00000000-0000-4000-8000-000000000000';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Manual Trigger → Code (the input items) → the Lever node. */
function workflow({ id, name, code, lever, timezone }) {
	const node = (suffix, rest) => ({ id: `c0ffee00-0000-4000-8000-00000000000${suffix}`, ...rest });
	return {
		id,
		name,
		active: false,
		nodes: [
			node(1, { name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
			node(2, { name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: code } }),
			node(3, { name: 'Lever', type: `${harness.PACKAGE_NAME}.lever`, typeVersion: 1, position: [440, 0], ...lever }),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Lever', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', ...(timezone ? { timezone } : {}) },
		pinData: {},
	};
}

describe('correct by default, in n8n', () => {
	let inst;
	let shiftMs = 0;

	beforeAll(async () => {
		inst = await setupInstance({
			emulator: {
				opportunities: 3,
				oauthClients: [{ clientId: 'e2e-client', clientSecret: 'e2e-secret' }],
				// The emulator's clock, moved forward to age the refresh token.
				now: () => Date.now() + shiftMs,
			},
		});
	});

	afterAll(async () => {
		if (inst) await inst.close();
	});

	test('30 Note > Create items whose second fails: one note, in the workflow time zone, and an error that says so', async () => {
		const opportunityId = Array.from(inst.emu.state.opportunities.values())[0].id;
		const userId = Array.from(inst.emu.state.users.values()).find((user) => !user.deactivatedAt).id;
		const wf = workflow({
			id: 'e2eOrderedNotes1',
			name: 'e2e: ordered notes',
			timezone: 'America/New_York',
			code: `return Array.from({ length: 30 }, (_, i) => ({ json: { i, opp: i === 1 ? '${MISSING_OPPORTUNITY}' : '${opportunityId}' } }));`,
			lever: {
				parameters: {
					resource: 'note',
					operation: 'create',
					opportunityId: { __rl: true, mode: 'id', value: '={{ $json.opp }}' },
					performAs: { __rl: true, mode: 'id', value: userId },
					value: '=e2e ordered note {{ $json.i }}',
					// What n8n's date picker stores: no offset. Meant as 10:00 in New York.
					additionalFields: { createdAt: '2026-03-02T10:00:00' },
				},
				credentials: inst.credential,
			},
		});
		await harness.importWorkflow(inst.folder, wf);
		// The server in a third zone, n8n's default zone in a fourth: only the workflow's zone may count.
		const run = await harness.execute(inst.folder, wf.id, { env: { TZ: 'Asia/Kolkata', GENERIC_TIMEZONE: 'Europe/Berlin' } });
		const error = run.result?.data?.resultData?.error;
		if (!error) throw new Error(`expected the run to fail at item 1:\n${(run.stdout + run.stderr).slice(-4000)}`);
		expect(error.description).toMatch(/Item 1 failed\. Before it, item 0 was written to Lever .*; items 2 to 29 were not sent\./);

		const written = inst.emu.state.notes
			.children(opportunityId)
			.flatMap((note) => note.fields)
			.filter((field) => String(field.value).startsWith('e2e ordered note'));
		expect(written.map((field) => field.value)).toEqual(['e2e ordered note 0']);
		expect(written[0].createdAt).toBe(Date.UTC(2026, 2, 2, 15, 0, 0));
	});

	test('a refresh token Lever no longer honours ends in "reconnect the credential"', async () => {
		const scopes = ['offline_access', 'users:read:admin'];
		const token = inst.emu.mintToken(scopes, 3600, 'e2e-client');
		await harness.importCredentials(inst.folder, [
			{
				id: 'e2eLeverOAuth2X1',
				name: 'Lever emulator (OAuth2, aging)',
				type: 'leverAtsOAuth2Api',
				data: {
					environment: 'custom',
					customBaseUrl: inst.emu.apiUrl,
					customAuthUrl: `${inst.emu.url}/oauth/authorize`,
					customTokenUrl: `${inst.emu.url}/oauth/token`,
					scopePreset: 'readOnly',
					clientId: 'e2e-client',
					clientSecret: 'e2e-secret',
					oauthTokenData: token,
				},
			},
		]);
		const wf = workflow({
			id: 'e2eExpiredRefre1',
			name: 'e2e: expired refresh token',
			code: 'return [{ json: {} }];',
			lever: {
				parameters: { authentication: 'oAuth2', resource: 'user', operation: 'getMany', returnAll: false, limit: 1 },
				credentials: { leverAtsOAuth2Api: { id: 'e2eLeverOAuth2X1', name: 'Lever emulator (OAuth2, aging)' } },
			},
		});
		await harness.importWorkflow(inst.folder, wf);
		// 91 days later: the access token is long expired and the refresh token unused for over 90 days.
		shiftMs = 91 * DAY_MS;
		try {
			const run = await harness.execute(inst.folder, wf.id);
			const error = run.result?.data?.resultData?.error;
			if (!error) throw new Error(`expected the run to fail:\n${(run.stdout + run.stderr).slice(-4000)}`);
			expect(error.message).toBe('Lever refused to refresh the OAuth token: reconnect the credential');
			expect(error.description).toMatch(/one year, or after 90 days without use/);
			const out = run.stdout + run.stderr;
			expect(out).not.toContain(token.access_token);
			expect(out).not.toContain(token.refresh_token);
		} finally {
			shiftMs = 0;
		}
	});
});
