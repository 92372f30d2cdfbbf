'use strict';
/*
 * n8n's queue mode on loopback, started and stopped by the project: Redis and PostgreSQL (Debian's packages,
 * installed with apt-get when missing; PostgreSQL runs as its own user, it refuses root), then n8n 2.40.7
 * (the e2e harness's shared install) as main + workers + a webhook processor, each with its own user
 * folder holding the packed package. Every piece logs its start with its port; stop() tears everything
 * down. Whatever ends the owner process first (a signal, SIGKILL, a crash, jest exiting after a timeout),
 * the stack's reaper removes what is left (cleanup.js), and the next start removes what a dead owner left.
 */
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const harness = require('../e2e/n8n');
const { sleep } = require('../e2e/helpers');
const { Registry, reapStale } = require('./cleanup');

const DB = Object.freeze({ name: 'n8n', user: 'n8n', password: 'n8n-queue-test-password' });

function sh(cmd, args, { check = true, env, input } = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env, input });
	if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || '').slice(-2000)}`);
	return r;
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/** Installs redis-server / postgresql with apt-get when they are missing (needs root). */
function ensurePackages(log) {
	const missing = [];
	if (!has('redis-server')) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (!missing.length) return;
	if (process.getuid && process.getuid() !== 0) throw new Error(`${missing.join(' and ')} missing: install them (apt-get install ${missing.join(' ')}) or run as root`);
	log(`installing ${missing.join(', ')} with apt-get`);
	sh('apt-get', ['update', '-qq']);
	sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	// apt does not start services in containers; some images do, so stop what it may have started
	sh('sh', ['-c', 'service redis-server stop; service postgresql stop'], { check: false });
}

function ensurePostgresUser() {
	if (sh('id', ['-u', 'postgres'], { check: false }).status === 0) return;
	sh('adduser', ['--system', '--group', '--home', '/var/lib/postgresql', 'postgres']);
}

/** Waits until a TCP port accepts connections. */
async function waitForPort(port, what, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const ok = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (ok) return;
		if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within ${timeoutMs / 1000}s`);
		await sleep(200);
	}
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

/**
 * The registries of this process's running stacks. In a plain node process (the bench, a script) these
 * handlers remove them at once; under jest they never run (a test file's `process` is a sandbox copy) and
 * the reaper does it.
 */
const open = new Set();
process.on('exit', () => {
	for (const registry of open) registry.reapNow();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		for (const registry of open) registry.reapNow();
		open.clear();
		process.kill(process.pid, signal);
	});
}

/**
 * Starts the stack. Options: tarball (the packed package), workers (2), concurrency per worker (10),
 * env (extra env for every n8n process), log (line logger).
 */
async function startStack({ tarball, workers = 2, concurrency = 10, env = {}, log = (m) => process.stderr.write(`[queue] ${m}\n`) } = {}) {
	const t0 = Date.now();
	reapStale(log);
	const keep = process.env.QUEUE_KEEP === '1';
	const stack = { pieces: [], n8n: {}, log, concurrency };
	const registry = new Registry();
	open.add(registry);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-lever-queue-'));
	fs.chmodSync(root, 0o755);
	if (!keep) registry.addDir(root);
	stack.root = root;
	stack.registryFile = registry.file;
	stack.reaperPid = registry.startReaper();

	stack.stop = async () => {
		for (const piece of [...stack.pieces].reverse()) {
			try {
				await piece.stop();
			} catch (error) {
				log(`stopping ${piece.name} failed: ${error.message}`);
			}
		}
		stack.pieces = [];
		if (!keep) fs.rmSync(root, { recursive: true, force: true });
		else log(`kept ${root}`);
		// whatever a failed stop left (a stopped piece is already out of the registry)
		registry.reapNow();
		open.delete(registry);
	};

	/** A piece with its process group (leader pid, a word of its command line) in the registry. */
	const track = (piece, group) => {
		stack.pieces.push(piece);
		if (group) registry.addGroup(piece.name, group.pid, group.match);
		const stop = piece.stop;
		piece.stop = async () => {
			await stop();
			if (group) registry.removeGroup(group.pid);
		};
		return piece;
	};

	try {
		ensurePackages(log);

		// ------------------------------------------------------------------------------------------- Redis
		const redisPort = await harness.freePort();
		const redisDir = path.join(root, 'redis');
		fs.mkdirSync(redisDir);
		const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], {
			detached: true,
			stdio: ['ignore', fs.openSync(path.join(root, 'redis.log'), 'a'), fs.openSync(path.join(root, 'redis.log'), 'a')],
		});
		track({
			name: 'redis',
			stop: async () => {
				const gone = new Promise((r) => (redis.exitCode !== null ? r() : redis.once('exit', r)));
				killGroup(redis.pid, 'SIGTERM');
				await Promise.race([gone, sleep(5000)]);
				killGroup(redis.pid, 'SIGKILL');
				log(`redis stopped (port ${redisPort})`);
			},
		}, { pid: redis.pid, match: 'redis-server' });
		await waitForPort(redisPort, 'redis');
		stack.redisPort = redisPort;
		log(`redis started on 127.0.0.1:${redisPort} (pid ${redis.pid})`);

		// -------------------------------------------------------------------------------------- PostgreSQL
		ensurePostgresUser();
		const bin = postgresBin();
		const pgPort = await harness.freePort();
		const pgData = path.join(root, 'pgdata');
		const pgSock = path.join(root, 'pgsock');
		const pgLog = path.join(root, 'postgres.log');
		const asPostgres = (cmd, args, opts) => sh('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], opts);
		sh('install', ['-d', '-o', 'postgres', '-g', 'postgres', pgData, pgSock]);
		sh('install', ['-o', 'postgres', '-g', 'postgres', '/dev/null', pgLog]);
		asPostgres('initdb', ['-D', pgData, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
		registry.setPostgres(bin, pgData);
		asPostgres('pg_ctl', ['-D', pgData, '-l', pgLog, '-w', '-o', `-p ${pgPort} -k ${pgSock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`, 'start']);
		track({
			name: 'postgres',
			stop: async () => {
				asPostgres('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop'], { check: false });
				registry.setPostgres(null);
				log(`postgres stopped (port ${pgPort})`);
			},
		});
		const psql = (sql) => asPostgres('psql', ['-h', pgSock, '-p', String(pgPort), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
		psql(`CREATE USER ${DB.user} WITH PASSWORD '${DB.password}'`);
		psql(`CREATE DATABASE ${DB.name} OWNER ${DB.user}`);
		stack.pgPort = pgPort;
		stack.pgData = pgData;
		stack.psql = (sql) =>
			asPostgres('psql', ['-h', pgSock, '-p', String(pgPort), '-U', 'postgres', '-d', DB.name, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql]).stdout.trim();
		log(`postgres started on 127.0.0.1:${pgPort} (data ${pgData})`);

		// ----------------------------------------------------------------------------------------- n8n env
		stack.env = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: DB.name,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_LEVEL: 'info',
			// a stop does not wait long for running executions (the tests stop what they no longer need)
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...env,
		};

		// One install of the package, copied into every process's own user folder (as on separate hosts).
		const first = await harness.createUserFolder({ tarball, prefix: 'n8n-lever-queue-main-' });
		if (!keep) registry.addDir(first);
		stack.folders = { main: first };
		const copy = (name) => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-lever-queue-${name}-`));
			if (!keep) registry.addDir(folder);
			fs.cpSync(path.join(first, '.n8n'), path.join(folder, '.n8n'), { recursive: true });
			return folder;
		};
		for (let i = 1; i <= workers; i++) stack.folders[`worker${i}`] = copy(`worker${i}`);
		stack.folders.webhook = copy('webhook');
		track({
			name: 'user folders',
			stop: async () => {
				for (const folder of Object.values(stack.folders)) {
					if (keep) log(`kept ${folder}`);
					else harness.removeUserFolder(folder);
				}
			},
		});

		/** `n8n <args>` (import, publish) on the main folder against the stack's database. */
		stack.cli = async (args) => await harness.n8n(first, args, { env: stack.env });
		const inputDir = path.join(root, 'input');
		fs.mkdirSync(inputDir);
		/** Imports credentials (decrypted form); the input file is removed afterwards. */
		stack.importCredentials = async (creds) => {
			const file = path.join(inputDir, `credentials-${Date.now()}.json`);
			fs.writeFileSync(file, JSON.stringify(creds));
			try {
				await stack.cli(['import:credentials', `--input=${file}`]);
			} finally {
				fs.rmSync(file, { force: true });
			}
		};
		/** Imports workflows with one n8n boot. */
		stack.importWorkflows = async (workflows) => {
			const dir = path.join(inputDir, `workflows-${Date.now()}`);
			fs.mkdirSync(dir);
			workflows.forEach((wf, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify({ active: false, ...wf })));
			await stack.cli(['import:workflow', '--separate', `--input=${dir}`]);
		};
		stack.publish = async (id) => await stack.cli(['publish:workflow', `--id=${id}`]);

		stack.ports = { main: await harness.freePort(), webhook: await harness.freePort() };
		stack.mainUrl = `http://127.0.0.1:${stack.ports.main}`;
		stack.webhookUrl = `http://127.0.0.1:${stack.ports.webhook}`;
		log(`stack base ready in ${Math.round((Date.now() - t0) / 1000)}s`);
	} catch (error) {
		await stack.stop();
		throw error;
	}

	/** Starts one n8n process (kind: main, workerN, webhook) and waits for its readiness endpoint. */
	stack.startProcess = async (kind) => {
		const t = Date.now();
		const p = harness.installer.paths();
		const folder = stack.folders[kind];
		const isWorker = kind.startsWith('worker');
		const port = isWorker ? await harness.freePort() : stack.ports[kind];
		const common = {
			...stack.env,
			N8N_RUNNERS_BROKER_PORT: String(await harness.freePort()),
			WEBHOOK_URL: `${stack.webhookUrl}/`,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
		};
		let args;
		let env;
		if (kind === 'main') {
			args = ['start'];
			env = { ...common, N8N_PORT: String(port), N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', N8N_EDITOR_BASE_URL: `${stack.mainUrl}/`, N8N_HOST: '127.0.0.1', N8N_PROTOCOL: 'http' };
		} else if (kind === 'webhook') {
			args = ['webhook'];
			env = { ...common, N8N_PORT: String(port) };
		} else {
			args = ['worker', `--concurrency=${stack.concurrency}`];
			env = { ...common, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' };
		}
		const logFile = path.join(root, `${kind}.log`);
		fs.appendFileSync(logFile, `\n===== start ${new Date().toISOString()} =====\n`);
		const out = fs.openSync(logFile, 'a');
		const child = spawn(p.nodeBin, [p.n8nBin, ...args], { cwd: folder, detached: true, stdio: ['ignore', out, out], env: harness.n8nEnv(folder, env) });
		fs.closeSync(out);
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
		});
		const piece = track({
			name: kind,
			pid: child.pid,
			port,
			stop: async () => {
				if (exited) return;
				const gone = new Promise((r) => child.once('exit', r));
				killGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 20000);
				await gone;
				clearTimeout(timer);
				stack.pieces = stack.pieces.filter((x) => x !== piece);
				log(`${kind} stopped (port ${port})`);
			},
			/** SIGKILL, as a crash would: no shutdown, nothing handed back to the queue. */
			crash: async () => {
				const gone = new Promise((r) => (exited ? r() : child.once('exit', r)));
				killGroup(child.pid, 'SIGKILL');
				await gone;
				stack.pieces = stack.pieces.filter((x) => x !== piece);
				registry.removeGroup(child.pid);
				log(`${kind} killed (SIGKILL, port ${port})`);
			},
			log: () => fs.readFileSync(logFile, 'utf8'),
		}, { pid: child.pid, match: p.n8nBin });
		stack.n8n[kind] = piece;
		const url = `http://127.0.0.1:${port}/healthz/readiness`;
		const deadline = Date.now() + 4 * 60 * 1000;
		for (;;) {
			if (exited) throw new Error(`n8n ${kind} exited early (${JSON.stringify(exited)}):\n${piece.log().slice(-5000)}`);
			if ((await harness.httpGet(url)).status === 200) break;
			if (Date.now() > deadline) throw new Error(`n8n ${kind} not ready on ${port}:\n${piece.log().slice(-5000)}`);
			await sleep(500);
		}
		log(`n8n ${kind} started on 127.0.0.1:${port} (pid ${child.pid}, ${Math.round((Date.now() - t) / 1000)}s)`);
		return piece;
	};

	stack.workerNames = Array.from({ length: workers }, (_, i) => `worker${i + 1}`);
	/** main, the workers, then the webhook processor, one after another (2 cores). */
	stack.startAll = async () => {
		for (const kind of ['main', ...stack.workerNames, 'webhook']) await stack.startProcess(kind);
	};
	stack.stopN8n = async () => {
		await Promise.all(['webhook', ...stack.workerNames, 'main'].map(async (kind) => stack.n8n[kind]?.stop()));
	};
	/** Which process logged "Worker started execution <id>". */
	stack.workerOf = (executionId) =>
		stack.workerNames.find((kind) => fs.existsSync(path.join(root, `${kind}.log`)) && new RegExp(`Worker started execution ${executionId}\\b`).test(fs.readFileSync(path.join(root, `${kind}.log`), 'utf8')));
	return stack;
}

module.exports = { startStack };
