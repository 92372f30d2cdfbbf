'use strict';
/*
 * Helpers for the benchmarks (bench/run.js): `n8n execute` with the n8n process's memory sampled, run
 * figures out of the printed run JSON, workflow builders, machine facts.
 *
 * Uses the e2e harness (test/e2e/n8n.js) for the install, the user folder and n8n's environment; only the
 * process handling is our own, because the harness does not expose the child's pid.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const harness = require('../test/e2e/n8n');

// --------------------------------------------------------------------------------------------------------
// memory of a running process

/** VmHWM (peak RSS) and VmRSS of a pid in bytes, from /proc; undefined when the process is gone. */
function procMemory(pid) {
	let text;
	try {
		text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const kb = (key) => {
		const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
		return m ? Number(m[1]) * 1024 : undefined;
	};
	return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
}

/** The pids of a process and all its descendants (n8n 2.x runs Code nodes in a task-runner child), from /proc. */
function processTree(pid) {
	const children = new Map();
	let entries;
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return [pid];
	}
	for (const name of entries) {
		if (!/^\d+$/.test(name)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
		} catch {
			continue;
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		if (!children.has(ppid)) children.set(ppid, []);
		children.get(ppid).push(Number(name));
	}
	const tree = [];
	const queue = [pid];
	while (queue.length) {
		const p = queue.shift();
		tree.push(p);
		queue.push(...(children.get(p) ?? []));
	}
	return tree;
}

/** Sum of VmRSS over a process tree in bytes (0 when the process is gone). */
function treeRss(pid) {
	let sum = 0;
	for (const p of processTree(pid)) sum += procMemory(p)?.rss ?? 0;
	return sum;
}

/**
 * Samples a process's memory every `sampleMs` until stop(): VmRSS and VmHWM of the process itself and, with
 * `tree`, the sum of VmRSS over it and its descendants (n8n's task runner). stop() returns
 * { peakRssBytes (the process: max of VmHWM and the sampled VmRSS), rssSeries, peakTreeRssBytes, treeRssSeries }
 * (series are [time ms, bytes] pairs; the tree figures only with `tree`). VmHWM is the peak since the process
 * started: for a process that lived before (n8n start), `resetPeak` resets it first (writing 5 to
 * /proc/<pid>/clear_refs); where that is not allowed, only the samples count.
 */
function startSampler(pid, { sampleMs = 50, tree = false, resetPeak = false } = {}) {
	let useHwm = true;
	if (resetPeak) {
		try {
			fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		} catch {
			useHwm = false;
		}
	}
	let peakHwm = 0;
	let peakRss = 0;
	let peakTree = 0;
	const series = [];
	const treeSeries = [];
	const sample = () => {
		const m = procMemory(pid);
		if (!m) return;
		series.push([Date.now(), m.rss]);
		if (useHwm && m.hwm > peakHwm) peakHwm = m.hwm;
		if (m.rss > peakRss) peakRss = m.rss;
		if (tree) {
			const sum = treeRss(pid);
			treeSeries.push([Date.now(), sum]);
			if (sum > peakTree) peakTree = sum;
		}
	};
	const timer = setInterval(sample, sampleMs);
	sample();
	return {
		sample,
		stop() {
			clearInterval(timer);
			return {
				peakRssBytes: Math.max(peakHwm, peakRss),
				rssSeries: series,
				peakTreeRssBytes: tree ? Math.max(peakTree, peakHwm) : undefined,
				treeRssSeries: tree ? treeSeries : undefined,
			};
		},
	};
}

/** Whether `file` holds `marker` within its first `limit` bytes (n8n prints its success line before the run JSON). */
function fileHeadIncludes(file, marker, limit = 1024 * 1024) {
	const fd = fs.openSync(file, 'r');
	try {
		const buf = Buffer.alloc(Math.min(limit, fs.fstatSync(fd).size));
		fs.readSync(fd, buf, 0, buf.length, 0);
		return buf.toString('utf8').includes(marker);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * `n8n execute --id <id>` on a user folder, like harness.execute, but spawned here so that the n8n
 * process's peak RSS can be read from /proc while it runs (VmHWM is only readable while the process
 * lives, so it is polled). Resolves { code, ok, result, stdout, stderr, wallMs, peakRssBytes, rssSamples }.
 */
async function executeSampled(folder, id, { env = {}, sampleMs = 50, timeoutMs = 20 * 60 * 1000, tree = false, parseUpToBytes = Infinity } = {}) {
	const p = harness.installer.paths();
	const childEnv = harness.n8nEnv(folder, { N8N_RUNNERS_BROKER_PORT: String(await harness.freePort()), ...env });
	// stdout goes to a file, not a pipe: n8n prints the whole run (tens of MB for a full sync) and exits
	// right after, and through a pipe the tail of that document was sometimes lost.
	const outFile = path.join(folder, `execute-${id}-${Date.now()}.out`);
	const outFd = fs.openSync(outFile, 'w');
	const t0 = Date.now();
	const child = spawn(p.nodeBin, [p.n8nBin, 'execute', `--id=${id}`], {
		cwd: folder,
		env: childEnv,
		stdio: ['ignore', outFd, 'pipe'],
	});
	fs.closeSync(outFd);
	const err = [];
	child.stderr.on('data', (d) => err.push(d));
	const sampler = startSampler(child.pid, { sampleMs, tree });
	const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	// The last reading before the process is reaped: 'exit' fires before the zombie is collected only
	// sometimes, so the poll is the main source; this catches the final value when it can.
	child.on('exit', sampler.sample);
	const { code, signal } = await new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c, s) => resolve({ code: c, signal: s }));
	});
	const memory = sampler.stop();
	clearTimeout(killer);
	// A run of a whole account prints hundreds of MB: past parseUpToBytes it is not read back (a string that
	// size may not even fit V8's limit); success then comes from the exit code and n8n's success line.
	const stdoutBytes = fs.statSync(outFile).size;
	const parse = stdoutBytes <= parseUpToBytes;
	const stdout = parse ? fs.readFileSync(outFile, 'utf8') : '';
	const printedSuccess = parse ? undefined : fileHeadIncludes(outFile, 'Execution was successful');
	fs.rmSync(outFile, { force: true });
	const stderr = Buffer.concat(err).toString('utf8');
	const result = parse ? harness.parseTrailingJson(stdout) : undefined;
	const ok = parse ? code === 0 && result !== undefined && !result?.data?.resultData?.error : code === 0 && printedSuccess;
	return {
		code,
		signal,
		ok,
		result,
		stdout,
		stderr,
		wallMs: Date.now() - t0,
		...memory,
		rssSamples: memory.rssSeries.length,
		stdoutBytes,
		parsed: parse,
	};
}

/** Highest sampled RSS within [from, to] (ms since the epoch); 0 when no sample fell in it. */
function peakRssBetween(series, from, to) {
	let peak = 0;
	for (const [t, rss] of series) if (t >= from && t <= to && rss > peak) peak = rss;
	return peak;
}

// --------------------------------------------------------------------------------------------------------
// run figures

/** The first run of a node: { executionTime, startTime, status, error, items } (items = json only). */
function nodeRun(result, nodeName) {
	const run = result?.data?.resultData?.runData?.[nodeName]?.[0];
	if (!run) return undefined;
	return {
		executionTime: run.executionTime,
		startTime: run.startTime,
		status: run.executionStatus,
		error: run.error ? { message: run.error.message, description: run.error.description, httpCode: run.error.httpCode } : undefined,
		items: (run.data?.main?.[0] ?? []).map((item) => item.json),
	};
}

/** Lost and duplicated ids of a listing against the expected set. */
function checkIds(ids, expected) {
	const seen = new Set();
	let duplicated = 0;
	for (const id of ids) {
		if (seen.has(id)) duplicated++;
		else seen.add(id);
	}
	let lost = 0;
	let unexpected = 0;
	for (const id of expected) if (!seen.has(id)) lost++;
	const expectedSet = expected instanceof Set ? expected : new Set(expected);
	for (const id of seen) if (!expectedSet.has(id)) unexpected++;
	return { received: ids.length, unique: seen.size, expected: expectedSet.size, lost, duplicated, unexpected };
}

/** What the emulator's request log says about one run (the log is reset before each run). */
function requestFigures(log) {
	return {
		total: log.total,
		byStatus: log.byStatus,
		counts: log.counts,
		status429: log.status429,
		rateLimited429: log.rateLimited - (log.faults?.['429'] ?? 0),
		injected: log.faults,
	};
}

const round = (value, digits = 2) => (value === undefined || value === null || Number.isNaN(value) ? null : Number(value.toFixed(digits)));
const mb = (bytes) => round(bytes / 1024 / 1024, 1);

// --------------------------------------------------------------------------------------------------------
// workflows

const TRIGGER = Object.freeze({
	id: 'b3c10000-0000-4000-8000-000000000001',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

/** Manual Trigger → node → node ... in a line. */
function chainWorkflow({ id, name, nodes }) {
	const all = [TRIGGER, ...nodes.map((n, i) => ({ id: `b3c10000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, position: [240 * (i + 1), 0], typeVersion: 1, ...n }))];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** The installed version of a core node type, e.g. n8n-nodes-base.httpRequest → 4.x (its default version). */
function installedNodeVersion(nodeFile, fallback) {
	try {
		const p = harness.installer.paths();
		const text = fs.readFileSync(path.join(p.n8nModules, 'n8n-nodes-base', 'dist', 'nodes', nodeFile), 'utf8');
		const m = /defaultVersion:\s*([\d.]+)/.exec(text);
		return m ? Number(m[1]) : fallback;
	} catch {
		return fallback;
	}
}

// --------------------------------------------------------------------------------------------------------
// machine

function machine() {
	const p = harness.installer.paths();
	const cpus = os.cpus();
	let node24 = null;
	try {
		node24 = execFileSync(p.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		/* not installed */
	}
	let n8nVersion = null;
	try {
		n8nVersion = JSON.parse(fs.readFileSync(path.join(p.n8nModules, 'n8n', 'package.json'), 'utf8')).version;
	} catch {
		/* not installed */
	}
	return {
		cpuCount: cpus.length,
		cpuModel: cpus[0]?.model ?? 'unknown',
		memoryBytes: os.totalmem(),
		memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
		loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		benchNode: process.version,
		n8nNode: node24,
		n8nVersion,
	};
}

module.exports = {
	harness,
	procMemory,
	processTree,
	treeRss,
	startSampler,
	executeSampled,
	peakRssBetween,
	nodeRun,
	checkIds,
	requestFigures,
	chainWorkflow,
	installedNodeVersion,
	machine,
	round,
	mb,
};
