'use strict';
/* Shared setup for e2e tests: a fresh n8n user folder with the packed package, plus the Lever emulator. */
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
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

/** A workflow of one Lever Trigger (Register Automatically) listening to `events`. */
function leverTriggerWorkflow({ id, name, nodeId, webhookId, events, credentials }) {
	return singleNodeWorkflow(id, name, {
		id: nodeId,
		name: 'Lever Trigger',
		type: 'n8n-nodes-lever.leverTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: { authentication: 'apiKey', registration: 'automatic', events, options: {} },
		credentials,
	});
}

/** A workflow of one Lever Poll Trigger (Opportunity Created) polling at each of the cron expressions. */
function leverPollTriggerWorkflow({ id, name, nodeId, crons, credentials }) {
	return singleNodeWorkflow(id, name, {
		id: nodeId,
		name: 'Lever Poll Trigger',
		type: 'n8n-nodes-lever.leverPollTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			pollTimes: { item: crons.map((cronExpression) => ({ mode: 'custom', cronExpression })) },
			authentication: 'apiKey',
			event: 'opportunityCreated',
			options: {},
		},
		credentials,
	});
}

function singleNodeWorkflow(id, name, node) {
	return { id, name, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** Lever's webhook signature: HMAC-SHA256 of token + triggeredAt under the webhook's signature token. */
function signDelivery(signatureToken, token, triggeredAt) {
	return crypto.createHmac('sha256', signatureToken).update(`${token}${triggeredAt}`).digest('hex');
}

let flatted;
/** n8n stores run data with `flatted`; use n8n's own copy so the package needs no extra dependency. */
function parseRunData(text) {
	if (!flatted) flatted = require(path.join(harness.installer.paths().n8nModules, 'flatted'));
	return flatted.parse(text);
}

/** At most `maxBytes` of a response body as text; undefined when it is longer (the rest is not read). */
async function readCapped(res, maxBytes) {
	const chunks = [];
	let size = 0;
	const reader = res.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return Buffer.concat(chunks).toString('utf8');
		size += value.length;
		if (size > maxBytes) {
			await reader.cancel();
			return undefined;
		}
		chunks.push(value);
	}
}

/**
 * One call to n8n's internal REST API with restSession's auth cookie: status, body (parsed when JSON) and
 * text. With `maxBytes`, a longer answer is not read (an execution of a whole account can be hundreds of
 * MB): it resolves { status, tooLarge: true } instead.
 */
async function restCall(baseUrl, cookie, method, route, body, { maxBytes, rest = true } = {}) {
	const res = await fetch(`${baseUrl}${rest ? '/rest' : ''}${route}`, {
		method,
		headers: { cookie, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = maxBytes === undefined ? await res.text() : await readCapped(res, maxBytes);
	if (text === undefined) return { status: res.status, tooLarge: true };
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, body: json, text };
}

/**
 * n8n's internal REST API as the signed-in owner, for tests and benchmarks that drive an `n8n start`
 * instance the way the editor does; the one place that holds the auth cookie. `call` returns the answer's
 * `data` and throws on HTTP errors (with n8n's message); `request` resolves the answer as restCall does
 * (no throw; `maxBytes` caps what is read; `rest: false` for a route outside /rest that wants the cookie too,
 * such as /types/nodes.json).
 * Returns { url, call(method, route, body), request(method, route, body, { maxBytes, rest }), login() }
 * (`login` again after a restart of n8n).
 */
async function restSession(baseUrl) {
	let cookie = await harness.login(baseUrl);
	const request = (method, route, body, options) => restCall(baseUrl, cookie, method, route, body, options);
	return {
		url: baseUrl,
		async login() {
			cookie = await harness.login(baseUrl);
		},
		request,
		async call(method, route, body) {
			const res = await request(method, route, body);
			if (res.status >= 400) throw new Error(`${method} /rest${route}: HTTP ${res.status} ${res.text.slice(0, 800)}`);
			return res.body?.data;
		},
	};
}

const FINISHED = (e) => e && !['new', 'running', 'waiting'].includes(e.status);

/**
 * One stored execution with its run data decoded: { ...execution, run, output(nodeName) → [json] }
 * (the first output of the node's first run; undefined when the node did not run).
 */
async function executionById(session, id) {
	const e = await session.call('GET', `/executions/${id}`);
	const run = e && e.data ? parseRunData(e.data) : undefined;
	const output = (node, { output: index = 0 } = {}) => {
		const runs = run?.resultData?.runData?.[node];
		return runs ? (runs[0]?.data?.main?.[index] ?? []).map((i) => i.json) : undefined;
	};
	return { ...e, run, output };
}

/**
 * The executions of one workflow as n8n lists them (newest first, finished or not, without run data). n8n
 * answers at most 100; `lastId`: only those with a lower id (the list has no filter by id).
 */
async function listExecutions(session, workflowId, { limit = 100, lastId } = {}) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const range = lastId === undefined ? '' : `&lastId=${lastId}`;
	return (await session.call('GET', `/executions?filter=${filter}&limit=${limit}${range}`)).results;
}

/**
 * Runs a workflow from one of its triggers as the editor's *Execute workflow* button does (`POST
 * /rest/workflows/<id>/run` with `triggerToStartFrom`; n8n 1.x also wants the workflow itself in the body, 2.x
 * reads it from the database and ignores it) and waits until the execution has finished. Resolves the
 * execution as executionById gives it (mode `manual`; `status` success or error).
 */
async function runFromTrigger(session, workflowId, triggerName, { timeoutMs = 120000, log } = {}) {
	const workflowData = await session.call('GET', `/workflows/${workflowId}`);
	const started = await session.call('POST', `/workflows/${workflowId}/run`, { workflowData, triggerToStartFrom: { name: triggerName } });
	const id = started?.executionId;
	if (!id) throw new Error(`POST /rest/workflows/${workflowId}/run started no execution: ${JSON.stringify(started)}`);
	await until(async () => FINISHED(await session.call('GET', `/executions/${id}`)), `execution ${id} of ${workflowId} to finish`, { timeoutMs, log });
	return executionById(session, id);
}

/**
 * Every row of the n8n Data Table named `name` (n8n 2.x), read page by page through the editor's REST API, or
 * undefined when there is no table of that name. Rows carry n8n's own `id`, `createdAt`, `updatedAt` beside
 * the table's columns.
 */
async function dataTableRows(session, name) {
	const filter = encodeURIComponent(JSON.stringify({ name }));
	const tables = (await session.call('GET', `/data-tables-global?filter=${filter}&take=50`))?.data ?? [];
	const table = tables.find((t) => t.name === name);
	if (!table) return undefined;
	const rows = [];
	for (let skip = 0; ; ) {
		const page = await session.call('GET', `/projects/${table.projectId}/data-tables/${table.id}/rows?skip=${skip}&take=250`);
		rows.push(...page.data);
		skip += page.data.length;
		if (!page.data.length || skip >= page.count) return rows;
	}
}

module.exports = {
	harness,
	setupInstance,
	manualWorkflow,
	leverTriggerWorkflow,
	leverPollTriggerWorkflow,
	signDelivery,
	parseRunData,
	restSession,
	runFromTrigger,
	executionById,
	listExecutions,
	dataTableRows,
	tarball,
	loadEmulator,
	API_CREDENTIAL,
	sleep,
	until,
};
