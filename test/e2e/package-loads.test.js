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
		inst = await setupInstance({ emulator: { opportunities: 50 } });
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
});
