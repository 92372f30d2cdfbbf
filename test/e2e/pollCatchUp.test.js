'use strict';
/*
 * The Lever Poll Trigger catching up a backlog larger than one poll's budget inside a real n8n (2.40.7,
 * Node 24) with the packed package, against the emulator with Lever's rate limit on and 200 ms latency.
 *
 * n8n gives a poll a time budget (`getPollBudgetMs`) only with its durable scheduler, which 2.40.7 runs
 * behind flags: N8N_SCHEDULER_ENABLED and N8N_SCHEDULER_POLL_TRIGGERS_ENABLED. The budget is the poll
 * timeout (N8N_SCHEDULER_POLL_TIMEOUT, here 10 s) less n8n's margin (5 s), and the trigger reads for 60 %
 * of it: about 15 requests, 1,500 records, per poll. 4,000 opportunities changed after activation take
 * three polls or more; four once-a-minute poll times poll every 15 s. Every change must arrive in exactly
 * one execution item, over several executions.
 *
 * The backlog is made after activation: with these flags n8n 2.40.7 also runs its legacy activation poll
 * (no budget) beside the first scheduled poll, each on its own copy of the static data, so a backlog that
 * exists at activation (Backfill Since) is emitted by both. That is n8n running two pollers at once, which
 * no per-node memory can de-duplicate.
 */
const { executionById, harness, listExecutions, restSession, setupInstance, sleep, until: waitUntil } = require('./helpers');

const WF_ID = 'e2eLeverPollCu01';
const POLL_SECONDS = [0, 15, 30, 45];
const CHANGES = 4000;
const SCHEDULER_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TIMEOUT: '10',
};

// n8n 1.x has no poll budget at all (no durable scheduler): a poll reads until it is done.
const HAS_POLL_BUDGET = Number(harness.installer.N8N_VERSION.split('.')[0]) >= 2;

/** The shared wait, with this suite's default. */
const until = (check, what, options = {}) => waitUntil(check, what, { everyMs: 500, ...options });

function pollWorkflow(credential) {
	return {
		id: WF_ID,
		name: 'e2e: Lever Poll Trigger catching up',
		active: false,
		nodes: [
			{
				id: 'c1d2e3f4-0000-4000-8000-0000000000c1',
				name: 'Lever Poll Trigger',
				type: 'n8n-nodes-lever.leverPollTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: POLL_SECONDS.map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })) },
					authentication: 'apiKey',
					event: 'opportunityUpdated',
					options: {},
				},
				credentials: credential,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

(HAS_POLL_BUDGET ? describe : describe.skip)('Lever Poll Trigger catching up in a real n8n', () => {
	let inst;
	let server;
	let session;

	const executions = () => listExecutions(session, WF_ID);
	const items = async (id) => (await executionById(session, id)).output('Lever Poll Trigger') ?? [];

	afterAll(async () => {
		if (server) await server.stop();
		if (inst) await inst.close();
	});

	test(`${CHANGES} changes after activation, more than one poll's budget: each emitted once, over several executions`, async () => {
		inst = await setupInstance({ emulator: { opportunities: CHANGES, rateLimit: { perSecond: 10, burst: 20 }, faults: { latencyMs: 200 } } });
		await harness.importWorkflows(inst.folder, [pollWorkflow(inst.credential)]);
		await harness.publishWorkflow(inst.folder, WF_ID);
		server = await harness.startN8n(inst.folder, { env: SCHEDULER_ENV });
		session = await restSession(server.url);
		// Activation has marked the starting point; then 4,000 opportunities change at once (a bulk edit).
		await until(async () => (await session.call('GET', `/workflows/${WF_ID}`)).staticData?.['node:Lever Poll Trigger']?.lever, 'the activation poll', {
			timeoutMs: 90_000,
			log: server.log,
		});
		await sleep(2000);
		const ids = inst.emu.state.opportunities
			.values()
			.filter((o) => o.confidentiality !== 'confidential')
			.map((o) => o.id);
		inst.emu.mutate({ action: 'touch', ids });
		const expected = new Set(ids.map((id) => `${id}@${inst.emu.state.opportunities.get(id).updatedAt}`));
		expect(expected.size).toBeGreaterThan(3500);

		const done = (list) => list.length && list.every((e) => e.status !== 'running' && e.status !== 'new');
		const emittedSoFar = async () => {
			const list = await executions();
			if (!done(list)) return 0;
			let n = 0;
			for (const e of list) n += (await items(e.id)).length;
			return n;
		};
		await until(async () => (await emittedSoFar()) >= expected.size, `${expected.size} changes emitted`, { timeoutMs: 5 * 60_000, everyMs: 5000, log: server.log });
		// One more poll time, to see that nothing comes twice.
		await sleep(16_000);
		const list = await until(async () => {
			const l = await executions();
			return done(l) ? l : undefined;
		}, 'the executions to finish', { log: server.log });

		const counts = new Map();
		for (const e of list) for (const item of await items(e.id)) counts.set(`${item.id}@${item.updatedAt}`, (counts.get(`${item.id}@${item.updatedAt}`) ?? 0) + 1);
		expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
		expect([...expected].filter((key) => !counts.has(key))).toEqual([]);
		expect([...counts.keys()].filter((key) => !expected.has(key))).toEqual([]);
		// More than one poll's budget: several executions, and n8n's log has the trigger's "behind" warning.
		expect(list.length).toBeGreaterThanOrEqual(3);
		expect(server.log()).toMatch(/Lever Poll Trigger \(Opportunity Updated\): the poll's time budget ran out before it caught up/);
	});
});
