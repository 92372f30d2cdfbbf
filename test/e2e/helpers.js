'use strict';
/* Shared setup for e2e tests: a fresh n8n user folder with the packed package, plus the Lever emulator. */
const path = require('path');
const fs = require('fs');
const harness = require('./n8n');

const API_CREDENTIAL = Object.freeze({ id: 'e2eLeverApiKey01', name: 'Lever emulator (API key)', type: 'leverAtsApi' });

function tarball() {
	const tgz = process.env.E2E_TARBALL;
	if (!tgz || !fs.existsSync(tgz)) {
		throw new Error('E2E_TARBALL is not set: run the suite with `npm run test:e2e` (jest.e2e.config.js)');
	}
	return tgz;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value (returned); on timeout throws naming `what`, with n8n's log tail. */
async function until(check, what, { timeoutMs = 30000, everyMs = 250, log } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${log ? `\n--- n8n log ---\n${log().slice(-5000)}` : ''}`);
		await sleep(everyMs);
	}
}

function loadEmulator() {
	return require(path.join(harness.ROOT, 'test', 'emulator'));
}

/**
 * A fresh user folder with the package installed, an emulator, and the API-key credential imported.
 * Returns { folder, emu, credential, close() }.
 */
async function setupInstance({ emulator = {}, keep = process.env.E2E_KEEP === '1' } = {}) {
	const { startEmulator } = loadEmulator();
	const emu = await startEmulator({ port: 0, opportunities: 50, rateLimit: false, ...emulator });
	let folder;
	try {
		folder = await harness.createUserFolder({ tarball: tarball() });
		await harness.importCredentials(folder, [
			{ ...API_CREDENTIAL, data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' } },
		]);
	} catch (err) {
		await emu.close();
		throw err;
	}
	return {
		folder,
		emu,
		credential: { leverAtsApi: { id: API_CREDENTIAL.id, name: API_CREDENTIAL.name } },
		async close() {
			await emu.close();
			if (keep) process.stderr.write(`[e2e] kept user folder ${folder}\n`);
			else harness.removeUserFolder(folder);
		},
	};
}

/** A minimal workflow: Manual Trigger → one node. */
function manualWorkflow({ id, name, node }) {
	const trigger = {
		id: 'b0c1d2e3-0000-4000-8000-000000000001',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const n = { id: 'b0c1d2e3-0000-4000-8000-000000000002', position: [240, 0], typeVersion: 1, ...node };
	return {
		id,
		name,
		active: false,
		nodes: [trigger, n],
		connections: { [trigger.name]: { main: [[{ node: n.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

module.exports = { harness, setupInstance, manualWorkflow, tarball, loadEmulator, API_CREDENTIAL, sleep, until };
