'use strict';
/*
 * Harness for running a real n8n (pinned in scripts/install-n8n.js) with this package installed the way a
 * user installs it: `npm pack`, then `npm install <tgz>` inside `$N8N_USER_FOLDER/.n8n/nodes`.
 *
 * Used by the e2e tests (test/e2e/*.test.js), scripts/demo.js and the editor screenshots.
 * CommonJS on purpose: the repo's strict n8n ESLint config lints .ts files only.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');

const installer = require('../../scripts/install-n8n');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

/** Fixed so that imported credentials stay readable across restarts of the same user folder. */
const ENCRYPTION_KEY = 'n8n-nodes-lever-e2e-encryption-key-not-a-secret';

const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'Lever-demo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
});

// --------------------------------------------------------------------------------------------------------
// processes

/**
 * Runs a command to completion. Resolves { code, signal, stdout, stderr }; rejects only when it cannot
 * start, or (check: true) when it exits non-zero.
 */
function run(cmd, args, { cwd = ROOT, env = process.env, check = true, timeoutMs = 0, onLine } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		const lineSplitter = (stream) => {
			let buf = '';
			return (chunk) => {
				const s = chunk.toString();
				if (stream === 'out') stdout += s;
				else stderr += s;
				if (!onLine) return;
				buf += s;
				const lines = buf.split(/\r?\n/);
				buf = lines.pop();
				for (const l of lines) onLine(l, stream);
			};
		};
		child.stdout.on('data', lineSplitter('out'));
		child.stderr.on('data', lineSplitter('err'));
		let timer;
		if (timeoutMs) {
			timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		}
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const res = { code, signal, stdout, stderr };
			if (check && code !== 0) {
				const err = new Error(
					`${path.basename(cmd)} ${args.join(' ')} failed (${signal || `exit ${code}`})\n` +
						`--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`,
				);
				Object.assign(err, res);
				reject(err);
			} else resolve(res);
		});
	});
}

function npmEnv() {
	const env = { ...process.env };
	// `npm run` exports the repo's config (ignore-scripts, nodedir...) as npm_config_*; start clean.
	for (const k of Object.keys(env)) if (/^npm_(config|package|lifecycle)_/i.test(k)) delete env[k];
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

// --------------------------------------------------------------------------------------------------------
// install / build / pack

/** Installs n8n + Node 24 into the cache when missing (prints progress to stderr). Returns the paths. */
async function ensureN8n({ quiet = false } = {}) {
	return installer.install({ quiet });
}

/** Runs `npm run build` in the repo (with the machine's Node, like `npm test`). */
async function buildPackage({ log = () => {} } = {}) {
	log('building the package (npm run build)');
	await run('npm', ['run', 'build'], { cwd: ROOT, env: npmEnv() });
}

/**
 * Packs the package into a fresh temp dir and returns the tarball path. Builds first unless build: false
 * (then dist/ must exist already).
 */
async function packPackage({ build = true, log = () => {} } = {}) {
	if (build) await buildPackage({ log });
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-lever-pack-'));
	log('packing the package (npm pack)');
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dest], {
		cwd: ROOT,
		env: npmEnv(),
	});
	const info = JSON.parse(stdout.slice(stdout.indexOf('[')));
	const tgz = path.join(dest, info[0].filename);
	if (!fs.existsSync(tgz)) throw new Error(`npm pack did not produce ${tgz}`);
	return tgz;
}

// --------------------------------------------------------------------------------------------------------
// user folders

/**
 * Creates a throwaway n8n user folder and installs the packed package into `<folder>/.n8n/nodes`, exactly
 * as n8n's community-package installer lays it out. The folder is under the OS temp dir, never inside the
 * repo: there Node's module lookup would walk up into the repo's node_modules and find its dev copy of
 * n8n-workflow instead of n8n's own.
 */
async function createUserFolder({ tarball, prefix = 'n8n-nodes-lever-e2e-', log = () => {} } = {}) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n',
	);
	if (tarball) {
		log(`installing ${path.basename(tarball)} into ${nodesDir}`);
		// --legacy-peer-deps: the package's peer dependency on n8n-workflow must come from n8n, not be
		// installed next to it (n8n does the same when it installs community packages).
		await run(
			'npm',
			['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--omit=dev'],
			{ cwd: nodesDir, env: npmEnv() },
		);
		const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
		if (!fs.existsSync(installed)) throw new Error(`package not installed at ${installed}`);
	}
	return folder;
}

function removeUserFolder(folder) {
	if (folder && folder.startsWith(os.tmpdir())) fs.rmSync(folder, { recursive: true, force: true });
}

// --------------------------------------------------------------------------------------------------------
// n8n CLI

let bcrypt;
/** bcrypt from n8n's own dependency tree (bcryptjs is pure JS), so the package needs no extra dependency. */
function bcryptHash(password) {
	if (!bcrypt) {
		const p = installer.paths();
		const candidates = [
			path.join(p.n8nModules, 'bcryptjs'),
			path.join(p.n8nModules, 'n8n', 'node_modules', 'bcryptjs'),
		];
		const dir = candidates.find((c) => fs.existsSync(path.join(c, 'package.json')));
		if (!dir) throw new Error(`bcryptjs not found in ${p.n8nModules}; is n8n installed?`);
		bcrypt = require(dir);
	}
	return bcrypt.hashSync(password, 10);
}

let ownerHash;
function ownerEnv() {
	if (!ownerHash) ownerHash = bcryptHash(OWNER.password);
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerHash,
	};
}

/** Environment for any n8n process on a given user folder. */
function n8nEnv(folder, extra = {}) {
	const p = installer.paths();
	const env = npmEnv();
	// Nothing of the caller's n8n/Node setup leaks in; jest sets NODE_ENV=test, which changes how n8n
	// loads its own modules and makes it exit silently.
	for (const k of Object.keys(env)) {
		if (/^(N8N_|DB_|WEBHOOK_URL$|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|JEST_)/.test(k)) delete env[k];
	}
	return {
		...env,
		PATH: `${p.nodeBinDir}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// No calls to api.n8n.io (vetted-package list, banners): CI machines may be offline.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		NO_COLOR: '1',
		...installer.VERSIONS[installer.N8N_VERSION].env,
		...ownerEnv(),
		...extra,
	};
}

/**
 * Runs `n8n <args>` with Node 24 on the given user folder. Every n8n command starts a task broker; give
 * each its own free port so that parallel n8n processes (a demo next to the tests) don't collide on 5679.
 */
async function n8n(folder, args, { env = {}, check = true, timeoutMs = 5 * 60 * 1000 } = {}) {
	const p = installer.paths();
	return run(p.nodeBin, [p.n8nBin, ...args], {
		cwd: folder,
		env: n8nEnv(folder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env }),
		check,
		timeoutMs,
	});
}

function writeJson(folder, name, value) {
	const dir = path.join(folder, 'e2e-input');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

/**
 * Imports credentials (decrypted form: [{ id, name, type, data }]). The input file is deleted afterwards;
 * n8n's output is not echoed (the harness never prints credential data).
 */
async function importCredentials(folder, creds) {
	const list = Array.isArray(creds) ? creds : [creds];
	const file = writeJson(folder, `credentials-${Date.now()}.json`, list);
	try {
		await n8n(folder, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Imports one workflow object (gives it an id if it has none). Returns the id. */
async function importWorkflow(folder, wf) {
	const workflow = { ...wf };
	if (!workflow.id) workflow.id = randomId();
	if (workflow.active === undefined) workflow.active = false;
	const file = writeJson(folder, `workflow-${workflow.id}.json`, workflow);
	await n8n(folder, ['import:workflow', `--input=${file}`]);
	return workflow.id;
}

/**
 * Imports several workflows with one n8n boot (`import:workflow --separate`). Workflows without an id get a
 * random one. Returns the ids in order.
 */
async function importWorkflows(folder, workflows) {
	const dir = path.join(folder, 'e2e-input', `workflows-${Date.now()}`);
	fs.mkdirSync(dir, { recursive: true });
	const ids = workflows.map((wf, i) => {
		const workflow = { ...wf, id: wf.id || randomId() };
		if (workflow.active === undefined) workflow.active = false;
		fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}-${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		return workflow.id;
	});
	if (ids.length) await n8n(folder, ['import:workflow', '--separate', `--input=${dir}`]);
	return ids;
}

/** Publishes (activates) an imported workflow so its triggers/webhooks are live on the next `n8n start`. */
async function publishWorkflow(folder, id) {
	await n8n(folder, installer.VERSIONS[installer.N8N_VERSION].publishArgs(id));
}

/** n8n workflow ids are 16 alphanumerics. */
function randomId() {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let s = '';
	for (let i = 0; i < 16; i++) s += abc[Math.floor(Math.random() * abc.length)];
	return s;
}

/**
 * Finds the JSON document that `n8n execute` prints after its preamble lines ("Execution was successful:",
 * log lines); on failure n8n logs the run JSON and then more lines, so the document is cut at the first
 * top-level closing bracket that makes it parse.
 */
function parseTrailingJson(text) {
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const t = lines[i];
		if (!(t.startsWith('{') || t.startsWith('['))) continue;
		for (let j = i; j < lines.length; j++) {
			const e = lines[j].trimEnd();
			if (!(e.endsWith('}') || e.endsWith(']'))) continue;
			if (j > i && /^\s/.test(lines[j])) continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				// not a complete document yet
			}
		}
	}
	return undefined;
}

/**
 * `n8n execute --id <id>`. Resolves { code, ok, result, stdout, stderr } where result is the parsed run
 * (IRun: { data: { resultData: { runData, error?, lastNodeExecuted } }, status, ... }).
 */
async function execute(folder, id, { rawOutput = false, env } = {}) {
	const args = ['execute', `--id=${id}`];
	if (rawOutput) args.push('--rawOutput');
	const res = await n8n(folder, args, { check: false, env });
	const result = parseTrailingJson(res.stdout);
	const ok = res.code === 0 && result !== undefined && (rawOutput || !result?.data?.resultData?.error);
	return { ...res, ok, result };
}

/** The output items (json only) of a node in an execute() result. */
function nodeOutput(result, nodeName, { output = 0, run: runIndex = 0 } = {}) {
	const runs = result?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	const main = runs[runIndex]?.data?.main;
	return (main?.[output] || []).map((item) => item.json);
}

// --------------------------------------------------------------------------------------------------------
// n8n start

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = require('net').createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Starts `n8n start` on the folder (its own process group) and waits for /healthz/readiness.
 * Returns { url, port, owner, pid, log(), stop() }.
 */
async function startN8n(folder, { port = 0, env = {}, timeoutMs = 3 * 60 * 1000, onLine, host = '127.0.0.1' } = {}) {
	if (!port) port = await freePort();
	const p = installer.paths();
	// Listening on all interfaces (demo --host 0.0.0.0) still gets a URL a browser on this machine can open.
	const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
	const logFile = path.join(folder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const child = spawn(p.nodeBin, [p.n8nBin, 'start'], {
		cwd: folder,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: n8nEnv(folder, {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: host,
			N8N_HOST: new URL(url).hostname,
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${url}/`,
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...env,
		}),
	});
	let exited = null;
	let buf = '';
	const onData = (chunk) => {
		fs.writeSync(out, chunk);
		if (!onLine) return;
		buf += chunk.toString();
		const lines = buf.split(/\r?\n/);
		buf = lines.pop();
		for (const l of lines) onLine(l);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('exit', (code, signal) => {
		exited = { code, signal };
	});

	const log = () => fs.readFileSync(logFile, 'utf8');
	const stop = async () => {
		if (exited) return;
		const gone = new Promise((r) => child.once('exit', r));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const t = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}, 15000);
		await gone;
		clearTimeout(t);
		try {
			fs.closeSync(out);
		} catch {
			/* closed */
		}
	};

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) {
			throw new Error(`n8n start exited early (${JSON.stringify(exited)}):\n${log().slice(-6000)}`);
		}
		// n8n 1.x reports ready a few seconds before its REST API is mounted (GET /rest/login: 404, then 401)
		const r = await httpGet(`${url}/healthz/readiness`);
		if (r.status === 200 && (await httpGet(`${url}/rest/login`)).status !== 404) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not become ready on ${url} within ${timeoutMs / 1000}s:\n${log().slice(-6000)}`);
		}
		await new Promise((res) => setTimeout(res, 500));
	}
	try {
		await ensureOwner(url);
	} catch (err) {
		await stop();
		throw err;
	}
	return { url, port, owner: OWNER, pid: child.pid, child, log, logFile, stop };
}

/**
 * n8n 2.x takes the owner from N8N_INSTANCE_OWNER_* (ownerEnv); n8n 1.x ignores those and shows its setup
 * page instead: set the same owner up through the REST API, as that page would.
 */
async function ensureOwner(url) {
	// 1.x mounts its REST routes one after another after reporting ready: wait for the settings as JSON
	let settings;
	for (const deadline = Date.now() + 60000; !settings; ) {
		const res = await fetch(`${url}/rest/settings`);
		if (/json/.test(res.headers.get('content-type') || '')) settings = await res.json();
		else if (Date.now() > deadline) throw new Error(`${url}/rest/settings answers HTTP ${res.status} without JSON`);
		else await new Promise((r) => setTimeout(r, 500));
	}
	if (!settings?.data?.userManagement?.showSetupOnFirstLoad) return;
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: OWNER.email, firstName: OWNER.firstName, lastName: OWNER.lastName, password: OWNER.password }),
	});
	if (res.status !== 200) throw new Error(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
}

/** Logs in with the owner through n8n's internal REST API; returns the auth cookie header value. */
async function login(baseUrl, { email = OWNER.email, password = OWNER.password } = {}) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
	});
	if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
	const cookies = res.headers.getSetCookie ? res.headers.getSetCookie() : [res.headers.get('set-cookie')];
	return cookies
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

module.exports = {
	ROOT,
	PACKAGE_NAME,
	OWNER,
	ENCRYPTION_KEY,
	installer,
	run,
	npmEnv,
	ensureN8n,
	buildPackage,
	packPackage,
	createUserFolder,
	removeUserFolder,
	n8nEnv,
	n8n,
	bcryptHash,
	importCredentials,
	importWorkflow,
	importWorkflows,
	publishWorkflow,
	execute,
	nodeOutput,
	parseTrailingJson,
	startN8n,
	login,
	freePort,
	httpGet,
	randomId,
};
