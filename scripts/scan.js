#!/usr/bin/env node
'use strict';
/*
 * n8n's community package scan, before publishing (`npm run scan`).
 *
 * The published scanner (`npx @n8n/scan-community-package <name>`) only takes a package already on npm: it
 * checks the npm provenance attestation, downloads the attested GitHub source and the published tarball,
 * then lints both with `analyzePackage`. The provenance check and both downloads need the registry and
 * GitHub, so here the two lint legs run offline on what would be published:
 *
 *   1. source leg:  analyzePackage(<repo>, SOURCE_FILE_PATTERNS)          (the scanner's own patterns)
 *   2. tarball leg: analyzePackage(<unpacked npm pack>, ['**\/*.js', 'package.json'])
 *
 * with the scanner's own config (its pinned @n8n/eslint-plugin-community-nodes, eslint-plugin-n8n-nodes-base
 * rulesets, no-console, inline eslint-disable comments ignored). Then checks that stand in for what the
 * scanner does online or only on its master branch (GuardDog rules over every tarball file): the tarball
 * holds only the built node (dist/credentials, dist/nodes, dist/icons, package.json, README, LICENSE), no
 * install lifecycle scripts, and no shipped file reads environment variables, spawns processes, evaluates
 * code or touches the file system.
 *
 * Builds first (npm run build) unless --no-build is given. Exit code 0 = zero findings, 1 = findings.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..');
const SCANNER = path.join(ROOT, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');

/** What may be in the tarball; everything else (screenshots, tests, docs copied into dist/) is a finding. */
const ALLOWED_TARBALL_FILES = [
	/^package\.json$/,
	/^README\.md$/i,
	/^LICEN[CS]E(\.md)?$/i,
	/^dist\/(credentials|nodes)\/.+\.(js|d\.ts|js\.map|json|svg|png)$/,
	/^dist\/icons\/[^/]+\.(svg|png)$/,
	// the checked templates (gulp templates), for users to import
	/^dist\/workflows\/[^/]+\.json$/,
	// tsc copies package.json (tsconfig "include") into dist/: the same manifest, harmless.
	/^dist\/package\.json$/,
];
const FORBIDDEN_LIFECYCLE_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare'];
/** Patterns in shipped JavaScript that n8n's verification guidelines and GuardDog threat rules reject. */
const FORBIDDEN_CODE = [
	{ pattern: /\bprocess\s*\.\s*env\b/, why: 'reads environment variables' },
	{ pattern: /require\(\s*["'](node:)?(child_process|fs|fs\/promises|vm|worker_threads)["']\s*\)/, why: 'loads a Node built-in that runs code or touches the file system' },
	{ pattern: /\beval\s*\(/, why: 'evaluates code' },
	{ pattern: /\bnew\s+Function\s*\(/, why: 'evaluates code' },
];

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

function listFiles(dir, base = dir) {
	const files = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) files.push(...listFiles(full, base));
		else files.push(path.relative(base, full).split(path.sep).join('/'));
	}
	return files;
}

function offlineChecks(packageDir) {
	const findings = [];
	const files = listFiles(packageDir);
	for (const file of files) {
		if (!ALLOWED_TARBALL_FILES.some((pattern) => pattern.test(file))) {
			findings.push(`${file}: not part of the built node; keep it out of the package ("files" in package.json)`);
		}
		if (file.endsWith('.js')) {
			const text = fs.readFileSync(path.join(packageDir, file), 'utf8');
			for (const { pattern, why } of FORBIDDEN_CODE) {
				if (pattern.test(text)) findings.push(`${file}: ${why} (${pattern})`);
			}
		}
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	for (const script of FORBIDDEN_LIFECYCLE_SCRIPTS) {
		if (manifest.scripts?.[script]) findings.push(`package.json: lifecycle script "${script}" runs on install`);
	}
	if (Object.keys(manifest.dependencies ?? {}).length) {
		findings.push(`package.json: runtime dependencies (${Object.keys(manifest.dependencies).join(', ')}); verified nodes have none`);
	}
	for (const entry of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
		if (!files.includes(entry)) findings.push(`package.json: n8n entry ${entry} is not in the tarball`);
	}
	return { findings, fileCount: files.length };
}

async function main() {
	const started = Date.now();
	const build = !process.argv.includes('--no-build');
	if (build) {
		process.stdout.write('Building (npm run build: n8n-node build, gulp templates)...\n');
		run('npm', ['run', 'build']);
	}
	const scanner = await import(pathToFileURL(SCANNER).href);
	const { analyzePackage, SOURCE_FILE_PATTERNS } = scanner;
	if (typeof analyzePackage !== 'function' || !Array.isArray(SOURCE_FILE_PATTERNS)) {
		throw new Error(`${SCANNER} no longer exports analyzePackage and SOURCE_FILE_PATTERNS; update scripts/scan.js`);
	}

	const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'lever-scan-'));
	let failed = false;
	try {
		const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', temp]));
		const tarball = path.join(temp, packed[0].filename);
		const packageDir = path.join(temp, 'package');
		fs.mkdirSync(packageDir);
		run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

		const legs = [
			{ name: `source (${SOURCE_FILE_PATTERNS.join(', ')})`, dir: ROOT, patterns: SOURCE_FILE_PATTERNS },
			{ name: `tarball ${packed[0].filename} (**/*.js, package.json)`, dir: packageDir, patterns: ['**/*.js', 'package.json'] },
		];
		for (const leg of legs) {
			const result = await analyzePackage(leg.dir, leg.patterns);
			if (result.passed) {
				process.stdout.write(`PASS scanner, ${leg.name}${result.message ? `: ${result.message}` : ''}\n`);
			} else {
				failed = true;
				process.stdout.write(`FAIL scanner, ${leg.name}: ${result.message}\n${result.details ?? ''}\n`);
			}
		}

		const { findings, fileCount } = offlineChecks(packageDir);
		if (findings.length) {
			failed = true;
			process.stdout.write(`FAIL offline checks of the tarball (${fileCount} files):\n${findings.map((f) => `  ${f}`).join('\n')}\n`);
		} else {
			process.stdout.write(`PASS offline checks of the tarball (${fileCount} files: contents, lifecycle scripts, dependencies, forbidden code)\n`);
		}
	} finally {
		fs.rmSync(temp, { recursive: true, force: true });
	}
	process.stdout.write(
		'Not checked here (needs the published package): npm provenance attestation and the download of the attested GitHub source.\n' +
			`${failed ? 'Scan FAILED' : 'Scan passed: zero findings'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
	);
	process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
