'use strict';
/*
 * Headless Chromium (Debian's `chromium`) driven by playwright-core, against a running n8n editor.
 * ensureChromium() installs the Debian package when it is missing (root only).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const LAUNCH_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** Makes sure /usr/bin/chromium exists; installs it with apt-get when run as root. */
function ensureChromium({ log = (m) => process.stderr.write(`[e2e] ${m}\n`) } = {}) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(`${CHROMIUM} is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium`);
	}
	log('installing Debian chromium (apt-get update && apt-get install -y chromium)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

function loadPlaywright() {
	// eslint-disable-next-line global-require
	return require('playwright-core');
}

/** Launches headless Chromium with a fresh profile; returns { browser, context, close() }. */
async function launch({ viewport = { width: 1440, height: 900 } } = {}) {
	const executablePath = ensureChromium();
	const { chromium } = loadPlaywright();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-lever-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: LAUNCH_ARGS,
		viewport,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	return {
		context,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Logs the context in as the owner through n8n's REST API (cookies land in the browser context). */
async function login(context, baseUrl, { email, password }) {
	const res = await context.request.post(`${baseUrl}/rest/login`, {
		data: { emailOrLdapLoginId: email, password },
	});
	if (!res.ok()) throw new Error(`n8n login failed: HTTP ${res.status()}`);
}

module.exports = { CHROMIUM, LAUNCH_ARGS, ensureChromium, launch, login, loadPlaywright };
