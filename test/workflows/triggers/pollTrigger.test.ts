/**
 * The Lever Poll Trigger of a saved workflow (Event left at its default, so the JSON does not store it),
 * polled by n8n-core's own poll context against the emulator: active polls keep their cursor in the
 * workflow's static data as n8n does, and a manual run ("Fetch Test Event") goes through WorkflowExecute.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { activePoller, asWorkflow, executeWorkflow } from '../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../helpers/runNode';
import fixture from './pollTrigger.workflow.json';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const workflow = asWorkflow(fixture);
let emu: Emulator;

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 10, rateLimit: false });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => emu.reset());

it('active: the first poll marks the start in the node\'s static data, the next emits the opportunities created since, once', async () => {
	const poller = activePoller(workflow, { leverAtsApi: apiKeyCredentials(emu.apiUrl) }, 'Lever Poll Trigger');

	expect(await poller.poll()).toBeNull();
	const state = (poller.staticData['node:Lever Poll Trigger'] as IDataObject | undefined)?.lever as IDataObject | undefined;
	// Lever's clock less the Overlap of 5 s the JSON sets (the default is 10 s).
	expect(Math.abs(Number(state?.cursor) - (Date.now() - 5_000))).toBeLessThan(2000);

	const { ids } = emu.mutate({ action: 'create', count: 3 });
	const emitted = await poller.poll();
	expect(emitted).toHaveLength(1);
	expect(emitted![0].map((item) => item.json.id).sort()).toEqual([...ids].sort());
	expect(await poller.poll()).toBeNull();
});

it('manual: "Fetch Test Event" runs the trigger through WorkflowExecute and returns the newest opportunities', async () => {
	const { ids } = emu.mutate({ action: 'create', count: 6 });

	const run = await executeWorkflow(workflow, { leverAtsApi: apiKeyCredentials(emu.apiUrl) });

	expect(run.error('Lever Poll Trigger')).toBeUndefined();
	expect(run.parameters('Lever Poll Trigger')).toMatchObject({ event: 'opportunityCreated' });
	const sample = run.output('Lever Poll Trigger').map((item) => item.json.id);
	expect(sample).toHaveLength(5);
	expect(ids).toEqual(expect.arrayContaining(sample));
});
