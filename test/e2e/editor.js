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
	return require('playwright-core');
}

/** Launches headless Chromium with a fresh profile; returns { browser, context, close() }. */
async function launch({ viewport = { width: 1440, height: 900 } } = {}) {
	const executablePath = ensureChromium();
	const { chromium, selectors } = loadPlaywright();
	selectors.setTestIdAttribute('data-test-id'); // n8n's editor marks elements with data-test-id
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

/** Width/height and load state of the <img> icons inside a locator. */
async function iconStates(locator) {
	return locator.locator('img').evaluateAll((imgs) =>
		imgs.map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 })),
	);
}

/**
 * Drives the editor of a running n8n (logged in as `owner`) through the three views the README shows and
 * saves them as PNGs in outDir:
 *   nodes-panel.png        nodes panel searched for "Lever" (our nodes with their icons)
 *   lever-actions.png      the Lever node's actions in the nodes panel, from "Opportunity actions" on
 *   lever-operations.png   the Lever node open on Opportunity with its Operation list open
 * Returns what it saw, for the test to assert on.
 */
async function captureEditor({ url, owner, outDir, log = () => {} }) {
	fs.mkdirSync(outDir, { recursive: true });
	const seen = { files: {} };
	const browser = await launch();
	try {
		await login(browser.context, url, owner);
		const page = await browser.context.newPage();
		page.setDefaultTimeout(30000);
		const shot = async (name) => {
			const file = path.join(outDir, name);
			await page.waitForTimeout(600); // let transitions finish
			await page.screenshot({ path: file });
			seen.files[name] = file;
			log(`saved ${file}`);
		};

		await page.goto(`${url}/workflow/new`, { waitUntil: 'networkidle' });
		const creator = page.getByTestId('node-creator');

		// 0. a Manual Trigger first, so that the nodes panel is the regular one ("What happens next?") that
		//    lists actions; on an empty canvas it shows only triggers.
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Manual Trigger');
		await creator.getByTestId('node-creator-item-name').filter({ hasText: /^Manual Trigger$/ }).first().waitFor();
		await page.keyboard.press('Enter');
		await page.getByTestId('canvas-node').first().waitFor();
		await page.waitForTimeout(800);
		if (await page.getByTestId('ndv').isVisible()) {
			await page.keyboard.press('Escape');
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
		}

		// 1. nodes panel, searched for Lever
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Lever');
		const items = creator.getByTestId('item-iterator-item');
		await items.filter({ hasText: 'Lever' }).first().waitFor();
		const leverItems = items.filter({ has: page.getByTestId('node-creator-item-name').filter({ hasText: /^Lever/ }) });
		seen.searchResults = await leverItems.getByTestId('node-creator-item-name').allInnerTexts();
		seen.icons = await iconStates(leverItems);
		await page.waitForFunction(
			() =>
				[...document.querySelectorAll('[data-test-id="node-creator"] img')].every((i) => i.complete),
			null,
			{ timeout: 10000 },
		);
		await shot('nodes-panel.png');

		// 2. the Lever node's actions, scrolled to Opportunity
		await creator.getByTestId('node-creator-item-name').filter({ hasText: /^Lever$/ }).first().click();
		const header = creator.getByText(/^Opportunity actions$/i).first();
		await header.waitFor();
		await page.waitForTimeout(1000); // the panel slides in; scrolling before it settles is lost
		await header.evaluate((el) => el.scrollIntoView({ block: 'start' }));
		seen.actions = await creator.innerText();
		await shot('lever-actions.png');

		// 3. add "Create an opportunity", open the Operation list
		await creator.getByText('Create an opportunity', { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		seen.resource = await ndv.getByTestId('parameter-input-resource').locator('input').inputValue();
		await ndv.getByTestId('parameter-input-operation').click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor();
		seen.operations = (await options.evaluateAll((els) =>
			els.map((e) => (e.querySelector('.option-headline, span') || e).textContent.trim()),
		)).filter(Boolean);
		await shot('lever-operations.png');
		return seen;
	} finally {
		await browser.close();
	}
}

/** Signs in through n8n's sign-in page, as a user does (the README's "open the URL and log in"). */
async function signIn(page, url, { email, password }) {
	await page.goto(`${url}/home/workflows`, { waitUntil: 'networkidle' });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await page.getByTestId('form-submit-button').click();
	await page.getByTestId('workflow-card-name').first().waitFor();
}

/**
 * From the workflow list, opens the workflow named `name`, clicks the main *Execute workflow* button and waits
 * for the run to end (execute: false only opens it). Returns what the canvas shows per node ({ name, type, ran: green
 * check }, keyed by node name) and the button's text. Saves a screenshot to `shotFile`.
 */
async function executeFromList(page, url, { name, shotFile, execute = true, timeoutMs = 5 * 60 * 1000 }) {
	await page.goto(`${url}/home/workflows`, { waitUntil: 'networkidle' });
	await page.getByTestId('workflow-card-name').filter({ hasText: name }).first().click();
	await page.getByTestId('canvas-node').first().waitFor();
	await page.waitForTimeout(800);
	const button = page.getByTestId('execute-workflow-button');
	await button.waitFor();
	if (execute) await button.click();
	// The button is disabled (loading) while the run lasts. "Waiting for trigger event" (a webhook waiting for
	// a call) would never end: stop there and let the caller see it in buttonText.
	await page.waitForFunction(
		() => {
			const b = document.querySelector('[data-test-id="execute-workflow-button"]');
			const text = (b && b.textContent) || '';
			if (/Waiting/i.test(text)) return true;
			return b && !b.disabled && !b.classList.contains('is-loading') && !/Executing/i.test(text);
		},
		null,
		{ timeout: timeoutMs, polling: 500 },
	);
	await page.waitForTimeout(1000);
	const nodes = await page.getByTestId('canvas-node').evaluateAll((els) =>
		els.map((el) => ({
			name: el.getAttribute('data-node-name'),
			type: el.getAttribute('data-node-type'),
			ran: !!el.querySelector('[data-test-id="canvas-node-status-success"]'),
		})),
	);
	const buttonText = (await button.innerText()).replace(/\s+/g, ' ').trim();
	if (shotFile) {
		fs.mkdirSync(path.dirname(shotFile), { recursive: true });
		await page.keyboard.press('Shift+1').catch(() => {}); // zoom to fit
		await page.waitForTimeout(600);
		await page.screenshot({ path: shotFile });
	}
	return { nodes: Object.fromEntries(nodes.filter((n) => n.name).map((n) => [n.name, n])), buttonText, url: page.url() };
}

module.exports = { CHROMIUM, LAUNCH_ARGS, ensureChromium, launch, login, signIn, executeFromList, loadPlaywright, captureEditor };
