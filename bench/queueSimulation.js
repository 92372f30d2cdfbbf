#!/usr/bin/env node
'use strict';
/*
 * node bench/queueSimulation.js [--write]
 *
 * The queue-mode simulation behind bench/results.json `queueSimulation`: N n8n processes (2-5) on one Lever
 * key, in virtual time, with the shipped TokenBucket (nodes/Lever/transport/rateLimiter.ts) in each process
 * and Lever as a bucket of 10 requests/s, burst 20 (test/helpers/rateLimitSimulation.ts). Not a real run:
 * `npm run bench -- --only=queue` is the real one (2 workers). Prints the figures; --write replaces
 * `queueSimulation` in results.json (keeping its `previous` figures), then `npm run bench -- --render`.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

// Loads the TypeScript sources as they are (no build): transpiled on require.
const ROOT = path.join(__dirname, '..');
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};
const { simulate } = require(path.join(ROOT, 'test/helpers/rateLimitSimulation.ts'));

const CASES = {
	sync1000: { callersPerProcess: 1, requestsPerCaller: 1000, latencyMs: 80 },
	sync100: { callersPerProcess: 1, requestsPerCaller: 100, latencyMs: 80 },
	bulk: { callersPerProcess: 20, requestsPerCaller: 25, latencyMs: 150 },
	// a quick bench run's size: 20 pages per process at 50 ms
	sync20: { callersPerProcess: 1, requestsPerCaller: 20, latencyMs: 50 },
	// the processes start 3 s (syncs) or 5 s (bulk) apart instead of together
	sync100Staggered: { callersPerProcess: 1, requestsPerCaller: 100, latencyMs: 80, staggerMs: 3000 },
	bulkStaggered: { callersPerProcess: 20, requestsPerCaller: 25, latencyMs: 150, staggerMs: 5000 },
};
const PROCESSES = [2, 3, 4, 5];
const SEED = 12345;
const SEEDS = Array.from({ length: 16 }, (_, i) => (i === 0 ? SEED : i));
const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const perProcesses = (fn) => Object.fromEntries(PROCESSES.map((processes) => [processes, fn(processes)]));

function figures() {
	const out = {
		what: 'N processes on one key in virtual time (test/helpers/rateLimitSimulation.ts, the shipped TokenBucket; Lever 10/s burst 20); not a real run',
		command: 'node bench/queueSimulation.js --write',
		measuredAt: new Date().toISOString().slice(0, 10),
		seeds: `figures of seed ${SEED}; "mean16" = mean over 16 seeds (other jitter), "minRatio16" = the lowest ceiling ratio among them`,
	};
	for (const [name, options] of Object.entries(CASES)) {
		const runs = perProcesses((processes) => SEEDS.map((seed) => simulate({ processes, ...options, seed })));
		const first = (processes) => runs[processes][0];
		out[name] = {
			options: Object.entries(options)
				.map(([key, value]) => `${key} ${value}`)
				.join(', '),
			rate429: perProcesses((p) => round(first(p).share429, 4)),
			ceilingRatio: perProcesses((p) => round(first(p).ceilingRatio, 3)),
			startUp429: perProcesses((p) => first(p).refusedAt.filter((at) => at < 5).length),
			mean16rate429: perProcesses((p) => round(mean(runs[p].map((r) => r.share429)), 4)),
			mean16ceilingRatio: perProcesses((p) => round(mean(runs[p].map((r) => r.ceilingRatio)), 3)),
			minRatio16: perProcesses((p) => round(Math.min(...runs[p].map((r) => r.ceilingRatio)), 3)),
			failed: PROCESSES.reduce((sum, p) => sum + runs[p].reduce((s, r) => s + r.failed, 0), 0),
		};
	}
	const alone = simulate({ processes: 2, callersPerProcess: 1, requestsPerCaller: 0, requestsByProcess: [60, 400], latencyMs: 80 });
	const solo = simulate({ processes: 1, callersPerProcess: 1, requestsPerCaller: 200, latencyMs: 50 });
	out.leftAlone = { options: '2 processes, 60 and 400 pages, 80 ms: the second runs alone after the first ends', ceilingRatio: round(alone.ceilingRatio, 3) };
	out.oneProcess = { options: '1 process, 200 pages, 50 ms', ceilingRatio: round(solo.ceilingRatio, 3), rate429: solo.share429 };
	// Lever refusing 10% of requests at random (as test/reliability/faults.test.js injects): the limiter reads
	// each 429 as sharing, so a process alone slows down to where its growth balances the cuts
	const spurious = SEEDS.slice(0, 4).map((seed) => simulate({ processes: 1, callersPerProcess: 1, requestsPerCaller: 200, latencyMs: 10, spurious429: 0.1, seed }));
	out.spurious429 = {
		options: '1 process, 200 requests one after another, 10 ms, 10% refused at random (mean of 4 seeds)',
		requestsPerSecond: round(mean(spurious.map((r) => r.completed / r.seconds)), 2),
	};
	return out;
}

if (require.main === module) {
	const result = figures();
	console.log(JSON.stringify(result, null, 2));
	if (process.argv.includes('--write')) {
		const file = path.join(__dirname, 'results.json');
		const results = JSON.parse(fs.readFileSync(file, 'utf8'));
		results.queueSimulation = { ...result, previous: results.queueSimulation?.previous };
		fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
		console.error(`wrote queueSimulation to ${path.relative(process.cwd(), file)}`);
	}
}

module.exports = { figures };
