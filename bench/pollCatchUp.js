'use strict';
/*
 * node bench/pollCatchUp.js [--changes 20000] [--budget-seconds 10]
 *
 * Poll catch-up: the compiled Lever Poll Trigger (dist/, run `npm run build` first) catches up a backlog
 * of changed opportunities (Opportunity Updated, Backfill Since a day ago) against the emulator with
 * Lever's rate limit on (10 requests/s, burst 20) and 50 ms latency. Polls run back to back through a
 * minimal poll context on n8n's own HTTP client, each with the given n8n poll budget (the trigger reads for
 * 60 % of it), until a poll finishes within its budget. Reports records/s while catching up (changes
 * emitted / time spent inside polls) as a ratio of Lever's ceiling of 1,000 records/s, the polls needed
 * against the polls Lever's rate allows, and whether every change came exactly once.
 */
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'nodes', 'Lever');
const CEILING_RECORDS_PER_S = 1000;

function loadTrigger() {
	try {
		return require(path.join(DIST, 'LeverPollTrigger.node.js')).LeverPollTrigger;
	} catch (err) {
		throw new Error(`cannot load the compiled trigger from ${DIST}: run \`npm run build\` first (${err.message})`);
	}
}

/** A minimal IPollFunctions on n8n's HTTP client (full responses included, for Lever's Date header). */
function pollContext({ parameters, staticData, baseUrl, apiKey, client, budgetMs, NodeApiError, warnings }) {
	const node = {
		id: 'bench-poll',
		name: 'Lever Poll Trigger',
		type: 'n8n-nodes-lever.leverPollTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: 'apiKey', ...parameters },
		credentials: { leverAtsApi: { id: 'bench-cred', name: 'bench' } },
	};
	let requests = 0;
	const ctx = {
		getNode: () => node,
		getNodeParameter: (name, fallback) => {
			const value = Object.prototype.hasOwnProperty.call(parameters, name) ? parameters[name] : fallback;
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			return value;
		},
		getCredentials: async () => ({ environment: 'custom', customBaseUrl: baseUrl, apiKey }),
		getWorkflowStaticData: () => staticData,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getPollBudgetMs: () => budgetMs,
		getTimezone: () => 'UTC',
		logger: { debug() {}, info() {}, warn: (message) => warnings.push(message), error() {} },
		helpers: {
			async httpRequestWithAuthentication(_type, requestOptions) {
				requests++;
				try {
					return await client.request({ ...requestOptions, headers: { ...requestOptions.headers }, auth: { username: apiKey, password: '' } });
				} catch (error) {
					throw new NodeApiError(node, error);
				}
			},
		},
	};
	return { ctx, requests: () => requests };
}

async function runPollCatchUp({ changes = 20000, budgetSeconds = 10, latencyMs = 50, log = () => {} } = {}) {
	const LeverPollTrigger = loadTrigger();
	const { OutboundHttp } = require('@n8n/backend-network');
	const { Container } = require('@n8n/di');
	const { NodeApiError } = require('n8n-workflow');
	const { startEmulator } = require(path.join(ROOT, 'test', 'emulator'));

	const client = Container.get(OutboundHttp).requests();
	const apiKey = 'test-key';
	const emu = await startEmulator({ port: 0, seed: 7, opportunities: changes, lazyChildren: true, faults: { latencyMs } });
	try {
		// A day of changes, ending two minutes ago; every listed (non-confidential) opportunity changed once.
		const now = Date.now();
		const since = now - 86_400_000;
		const opportunities = emu.state.opportunities.values();
		opportunities.forEach((o, i) => {
			o.updatedAt = since + Math.floor((i * (86_400_000 - 120_000)) / opportunities.length);
		});
		const expected = new Set(opportunities.filter((o) => o.confidentiality !== 'confidential').map((o) => `${o.id}@${o.updatedAt}`));
		const parameters = { event: 'opportunityUpdated', options: { backfillSince: new Date(since).toISOString() } };
		const staticData = {};
		const trigger = new LeverPollTrigger();
		const budgetMs = budgetSeconds * 1000;
		const counts = new Map();
		let polls = 0;
		let requests = 0;
		let pollMs = 0;
		for (;;) {
			const warnings = [];
			const { ctx, requests: made } = pollContext({ parameters, staticData, baseUrl: emu.apiUrl, apiKey, client, budgetMs, NodeApiError, warnings });
			const started = Date.now();
			const result = await trigger.poll.call(ctx);
			pollMs += Date.now() - started;
			polls++;
			requests += made();
			for (const item of result ? result[0] : []) {
				const key = `${item.json.id}@${item.json.updatedAt}`;
				counts.set(key, (counts.get(key) ?? 0) + 1);
			}
			log(`poll catch-up: poll ${polls}: ${result ? result[0].length : 0} changes, ${made()} requests${warnings.length ? ' (budget ran out)' : ''}`);
			if (warnings.length === 0 || polls >= 100) break;
		}
		const emitted = [...counts.values()].reduce((a, b) => a + b, 0);
		const duplicates = [...counts.values()].filter((n) => n > 1).length;
		const missing = [...expected].filter((key) => !counts.has(key)).length;
		const unexpected = [...counts.keys()].filter((key) => !expected.has(key)).length;
		const recordsPerSecond = emitted / (pollMs / 1000);
		const readSecondsPerPoll = budgetSeconds * 0.6;
		const figures = {
			changes: expected.size,
			emitted,
			duplicates,
			missing,
			unexpected,
			exact: duplicates === 0 && missing === 0 && unexpected === 0,
			polls,
			pollsTheRateAllows: Math.ceil(expected.size / (CEILING_RECORDS_PER_S * readSecondsPerPoll)),
			requests,
			status429: emu.requests().status429 ?? 0,
			secondsInPolls: Number((pollMs / 1000).toFixed(1)),
			recordsPerSecond: Math.round(recordsPerSecond),
			ceilingRatio: Number((recordsPerSecond / CEILING_RECORDS_PER_S).toFixed(3)),
			pollBudgetSeconds: budgetSeconds,
			readLatencyMs: latencyMs,
		};
		log(
			`poll catch-up: ${figures.emitted} of ${figures.changes} changes in ${figures.polls} polls (rate allows ${figures.pollsTheRateAllows}), ` +
				`${figures.recordsPerSecond} records/s = ${figures.ceilingRatio} of ceiling, exact ${figures.exact}`,
		);
		return figures;
	} finally {
		await emu.close();
	}
}

module.exports = { runPollCatchUp };

if (require.main === module) {
	require('./cli').runFromCommandLine((arg, log) => runPollCatchUp({ changes: arg('--changes', 20000), budgetSeconds: arg('--budget-seconds', 10), log }));
}
