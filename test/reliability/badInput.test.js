'use strict';
/**
 * Bad input, table-driven over EVERY operation of the node (issue 8). The cases are derived from the
 * node's own description (`new Lever().description.properties`) and RESOURCES, not hand-listed:
 *
 * - a valid baseline per operation (path IDs, Perform As, required fields, a binary file on the item)
 *   must reach the API; then, one change at a time:
 * - malformed / empty / path-changing IDs in every path field and resource locator, Perform As when the
 *   operation takes it, bad dates in every dateTime field (top level and inside collections), numbers out
 *   of their declared range, malformed emails and URLs, empty required fields, broken JSON, a wrong binary
 *   property name, limits below 1 or fractional: each must fail with a NodeOperationError (or
 *   NodeApiError) that names the field and says what to do, and send NO request;
 * - an oversize limit is accepted but never asks Lever for more than 100 per page;
 * - Lever's error replies (400, 401, 403, 404, 409, 422, 500 with Lever bodies, non-JSON bodies, empty
 *   bodies) to every operation: a NodeApiError with a message and a fix;
 * - nothing crashes: no TypeError/plain Error anywhere in the thrown error's cause chain; and no secret
 *   (API key, its Basic form) shows up in any item, error or log line.
 */
const waits = require('./sleep').compressSleep(1);
const http = require('http');
const { execute, SecretWatch, NodeApiError, NodeOperationError } = require('./helpers');
const { Lever } = require('../../nodes/Lever/Lever.node');
const { RESOURCES } = require('../../nodes/Lever/actions/resources');

jest.setTimeout(120000);

const API_KEY = 'bad-input-api-key-4Fz8';
const UUID = '250d8f03-738a-4bba-a671-8a3d73477145';
const UUID2 = '8d49b010-cc6a-4f40-ace5-e86061c677ed';
const PROPERTIES = new Lever().description.properties;
const NATIVE_ERRORS = [Error, TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

// ---------------------------------------------------------------------------------------------- server
/** Answers every request with `reply` (status, body, contentType); records what it got. */
let server;
let baseUrl;
let reply;
let received = [];
const OK_REPLY = (req) => {
	if (/\/download$/.test(req.url.split('?')[0])) return { status: 200, body: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' };
	return { status: 200, body: JSON.stringify({ data: [{ id: UUID, text: 'x', fields: [], options: [] }], hasNext: false }) };
};

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url });
			const answer = (reply ?? OK_REPLY)(req);
			const body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body ?? '');
			res.writeHead(answer.status, body.length ? { 'content-type': answer.contentType ?? 'application/json' } : {});
			res.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
});

afterAll(async () => {
	server.closeAllConnections?.();
	await new Promise((resolve) => server.close(resolve));
});

const watch = new SecretWatch().add('API key', API_KEY);

// ------------------------------------------------------------------------------------ description walk
function shownFor(property, resource, operation) {
	const show = property.displayOptions?.show ?? {};
	return (show.resource ?? []).includes(resource) && (show.operation ?? []).includes(operation);
}

/** Whether a parameter is shown with these values of the other parameters (n8n ignores hidden ones). */
function visibleWith(property, parameters) {
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	for (const [key, values] of Object.entries(show)) {
		if (key === 'resource' || key === 'operation' || key.startsWith('@')) continue;
		if (!values.includes(parameters[key])) return false;
	}
	for (const [key, values] of Object.entries(hide)) {
		if (values.includes(parameters[key])) return false;
	}
	return true;
}

/** The operation's top-level parameters, first definition of each name. */
function parametersOf(resource, operation) {
	const byName = new Map();
	for (const property of PROPERTIES) {
		if (shownFor(property, resource, operation) && !byName.has(property.name)) byName.set(property.name, property);
	}
	return [...byName.values()];
}

/** Fields inside a collection or fixedCollection: [{ path: [...], property, parent }]. */
function nestedFields(property) {
	const out = [];
	if (property.type === 'collection') {
		for (const option of property.options ?? []) out.push({ path: [property.name, option.name], property: option, parent: property });
	} else if (property.type === 'fixedCollection') {
		for (const group of property.options ?? []) {
			for (const value of group.values ?? []) out.push({ path: [property.name, group.name, value.name], property: value, parent: property, group });
		}
	}
	return out;
}

const isIdField = (p) => /Id$|^id$/.test(p.name) || / ID$/.test(p.displayName ?? '') || p.type === 'resourceLocator';
const isEmailField = (p) => p.type === 'string' && /email/i.test(`${p.name} ${p.displayName}`) && !/domain|template|notif|send/i.test(p.name);
const isUrlField = (p) =>
	p.type === 'string' && (/url$|^url|links?$/i.test(p.name) || /^e\.g\. https?:\/\//.test(p.placeholder ?? '')) && !/path|file/i.test(p.name);
const isBinaryInput = (p) => p.name === 'binaryPropertyName' && /input/i.test(p.displayName);

/** A value the node should accept for a field, derived from its type and name. */
function validValue(property) {
	const { type, name } = property;
	if (type === 'resourceLocator') return { __rl: true, mode: 'id', value: /stage/i.test(name) ? 'lead-new' : UUID };
	if (type === 'string') {
		// Free-text companions of pickers (Tags / Tags Text): something to add.
		if (/Text$/.test(name) && !property.required) return 'sample';
		if (!property.required) return property.default;
		if (name === 'binaryPropertyName') return 'data';
		if (isEmailField(property)) return 'jane@example.com';
		if (isUrlField(property)) return /links/.test(name) ? 'https://example.com/jane' : 'https://example.com/hook';
		if (isIdField(property)) return /requisitionField/.test(name) ? 'cost_center' : UUID2;
		if (/^path$/.test(name)) return '/opportunities';
		if (/headcount/i.test(name)) return '2';
		if (/optionIds/.test(name)) return UUID2;
		return 'Sample value';
	}
	if (type === 'options') {
		if (property.default !== '' && property.default !== undefined) return property.default;
		if (property.options?.length) return property.options[0].value;
		if (/requisitionField/.test(name)) return 'cost_center';
		return /stage/i.test(name) ? 'lead-new' : UUID2;
	}
	if (type === 'multiOptions') return property.required ? (property.options?.length ? [property.options[0].value] : [UUID2]) : property.default;
	if (type === 'dateTime') return property.required ? '2026-01-15T09:00:00Z' : property.default;
	if (type === 'number') return property.default ?? property.typeOptions?.minValue ?? 1;
	if (type === 'json') return property.required ? (/fields/i.test(name) ? '[{"text":"Question","type":"text"}]' : '{}') : property.default;
	// An update with nothing to change is refused before any request: fill the first update field.
	if (type === 'collection' && /^update/i.test(name) && property.options?.length) {
		const first = property.options[0];
		return { [first.name]: validValue({ ...first, required: true }) };
	}
	if (type === 'resourceMapper') return { mappingMode: 'defineBelow', value: {}, matchingColumns: [], schema: [] };
	if (type === 'fixedCollection') {
		if (!property.required) return property.default;
		// One entry per group, each field at its valid value.
		const value = {};
		for (const group of property.options ?? []) {
			const entry = {};
			for (const field of group.values ?? []) entry[field.name] = validValue({ ...field, required: true });
			value[group.name] = property.typeOptions?.multipleValues ? [entry] : entry;
		}
		return value;
	}
	return property.default;
}

/** Hand-set values where the description alone cannot say what Lever accepts. Keep this short. */
const BASELINE_OVERRIDES = {
	'feedbackTemplate.create': { fields: '[{"text":"Rating","type":"score-system"}]' },
	'feedbackTemplate.update': { fields: '[{"text":"Rating","type":"score-system"}]' },
};

function baseline(resource, operation) {
	const parameters = { resource: resource.value, operation: operation.value };
	for (const property of parametersOf(resource.value, operation.value)) parameters[property.name] = validValue(property);
	if ('returnAll' in parameters) parameters.returnAll = false;
	if ('limit' in parameters) parameters.limit = 5;
	Object.assign(parameters, BASELINE_OVERRIDES[`${resource.value}.${operation.value}`] ?? {});
	return parameters;
}

const ITEM = { json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), fileName: 'cv.pdf', mimeType: 'application/pdf', fileSize: '5' } } };

async function run(parameters) {
	received = [];
	const result = await execute({ parameters, items: [ITEM], credentials: { environment: 'custom', customBaseUrl: baseUrl, apiKey: API_KEY } });
	result.received = received.length;
	return result;
}

// ------------------------------------------------------------------------------------------- checks
/** Any native Error (not an n8n error class) anywhere in the chain = an unhandled crash. */
function crashIn(error) {
	for (let layer = error, depth = 0; layer && depth < 6; layer = layer.cause, depth++) {
		if (layer instanceof Error && NATIVE_ERRORS.includes(layer.constructor)) return `${layer.constructor.name}: ${layer.message}`;
	}
	return undefined;
}

function textOf(error) {
	return `${error?.message ?? ''} ${error?.description ?? ''}`.toLowerCase();
}

/** Names the field: its display name (with or without " ID" / " Name or ID"), or its internal name. */
function namesField(error, ...labels) {
	const text = textOf(error);
	return labels.some((label) => {
		if (!label) return false;
		const bare = String(label).replace(/ (Name or ID|ID|IDs)$/i, '').toLowerCase();
		return text.includes(String(label).toLowerCase()) || (bare.length > 2 && text.includes(bare));
	});
}

const OPERATIONS = RESOURCES.flatMap((resource) => resource.operations.map((operation) => ({ resource, operation, key: `${resource.value}.${operation.value}` })));
const problems = [];
const tally = { operations: OPERATIONS.length, invalidCases: 0, replyCases: 0 };

/** Records a problem (all are reported together, so one run shows every failing operation). */
function check(condition, message) {
	if (!condition) problems.push(message);
	return condition;
}

function checkRejected(label, result, ...fieldLabels) {
	tally.invalidCases++;
	const { error } = result;
	if (!check(error, `${label}: no error (output ${JSON.stringify(result.output).slice(0, 120)})`)) return;
	check(!crashIn(error), `${label}: crashed with ${crashIn(error)}`);
	check(error instanceof NodeOperationError || error instanceof NodeApiError, `${label}: ${error.constructor.name} is not an n8n error`);
	check(result.received === 0, `${label}: sent ${result.received} request(s) for invalid input`);
	check(namesField(error, ...fieldLabels), `${label}: error does not name the field (${fieldLabels.filter(Boolean).join(' / ')}): "${error.message}"`);
	check(String(error.description ?? '').trim().length > 5, `${label}: no fix in the description ("${error.message}")`);
	const leaks = watch.scanRun(label, result);
	check(leaks.length === 0, `${label}: leaked ${leaks.join(', ')}`);
}

function report() {
	if (process.env.RELIABILITY_PROBLEMS) require('fs').writeFileSync(process.env.RELIABILITY_PROBLEMS, problems.join('\n'));
	return problems.length ? `\n${problems.length} problem(s):\n${problems.join('\n')}` : '';
}

// -------------------------------------------------------------------------------------------- tests
describe('bad input, every operation', () => {
	const runnable = [];
	const baselineProblems = [];

	beforeAll(async () => {
		reply = undefined;
		for (const { resource, operation, key } of OPERATIONS) {
			const result = await run(baseline(resource, operation));
			if (result.error) {
				baselineProblems.push(`${key}: baseline rejected: ${result.error.message} / ${result.error.description ?? ''}`);
			} else if (result.received === 0) {
				baselineProblems.push(`${key}: baseline sent no request`);
			} else runnable.push({ resource, operation, key });
		}
		tally.runnable = runnable.length;
	});

	test('every operation accepts its derived valid baseline and sends a request', () => {
		expect(baselineProblems.join('\n')).toBe('');
		expect(runnable).toHaveLength(OPERATIONS.length);
	});

	test('malformed and empty IDs, Perform As, dates, numbers, emails, URLs, JSON, required fields, binary fields, limits: named, fixed, no request', async () => {
		problems.length = 0;
		reply = undefined;
		for (const { resource, operation, key } of runnable) {
			const base = baseline(resource, operation);
			const params = parametersOf(resource.value, operation.value);
			const attempt = async (label, change, ...labels) => checkRejected(`${key} ${label}`, await run({ ...base, ...change }), ...labels);

			for (const property of params) {
				const { name, displayName, type } = property;
				if (['resource', 'operation', 'authentication'].includes(name)) continue;
				if (!visibleWith(property, base)) continue;
				// IDs: path fields, resource locators, Perform As.
				if (isIdField(property) && (property.required || name === 'performAs')) {
					const bad = (value) => (type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value);
					if (property.required) await attempt(`${name}=""`, { [name]: bad('') }, displayName, name);
					await attempt(`${name}="not an id"`, { [name]: bad('not an id!') }, displayName, name);
					await attempt(`${name}="../../users"`, { [name]: bad('../../users') }, displayName, name);
				} else if (type === 'string' && property.required && !isBinaryInput(property)) {
					await attempt(`${name}=""`, { [name]: '' }, displayName, name);
					await attempt(`${name}="  "`, { [name]: '   ' }, displayName, name);
				}
				if (isEmailField(property)) await attempt(`${name}=not-an-email`, { [name]: 'not-an-email' }, displayName, name);
				if (isUrlField(property)) await attempt(`${name}=not a url`, { [name]: 'not a url' }, displayName, name);
				if (type === 'dateTime') await attempt(`${name}=not-a-date`, { [name]: 'not-a-date' }, displayName, name);
				if (type === 'json') await attempt(`${name}={broken`, { [name]: '{broken' }, displayName, name);
				if (isBinaryInput(property)) {
					await attempt(`${name}=missingField`, { [name]: 'missingField' }, displayName, 'missingField');
					await attempt(`${name}=""`, { [name]: '' }, displayName, name);
				}
				if (type === 'number' && name !== 'limit') {
					const { minValue, maxValue } = property.typeOptions ?? {};
					if (minValue !== undefined) await attempt(`${name}=${minValue - 1}`, { [name]: minValue - 1 }, displayName, name);
					if (maxValue !== undefined) await attempt(`${name}=${maxValue + 1}`, { [name]: maxValue + 1 }, displayName, name);
				}
				if (name === 'limit') {
					for (const limit of [0, -3, 2.5]) await attempt(`limit=${limit}`, { limit }, 'Limit');
				}
				// Fields inside collections: dates, numbers, emails, URLs.
				for (const nested of nestedFields(property)) {
					const inner = nested.property;
					const put = (value) => {
						if (nested.path.length === 2) return { [name]: { [inner.name]: value } };
						const entry = { ...(validValue({ ...property, required: true })?.[nested.group.name]?.[0] ?? {}), [inner.name]: value };
						return { [name]: { [nested.group.name]: property.typeOptions?.multipleValues ? [entry] : entry } };
					};
					const labels = [inner.displayName, inner.name];
					if (inner.type === 'dateTime') await attempt(`${nested.path.join('.')}=not-a-date`, put('not-a-date'), ...labels);
					if (isEmailField(inner)) await attempt(`${nested.path.join('.')}=not-an-email`, put('not-an-email'), ...labels);
					if (isUrlField(inner)) await attempt(`${nested.path.join('.')}=not a url`, put('not a url'), ...labels);
					if (inner.type === 'number') {
						const { minValue, maxValue } = inner.typeOptions ?? {};
						if (minValue !== undefined) await attempt(`${nested.path.join('.')}=${minValue - 1}`, put(minValue - 1), ...labels);
						if (maxValue !== undefined) await attempt(`${nested.path.join('.')}=${maxValue + 1}`, put(maxValue + 1), ...labels);
					}
				}
			}
		}
		expect(report()).toBe('');
		expect(tally.invalidCases).toBeGreaterThan(300);
	});

	test('an oversize limit is accepted, and no page asks Lever for more than 100', async () => {
		problems.length = 0;
		reply = (req) => {
			if (!/limit=/.test(req.url)) return OK_REPLY(req);
			const limit = Number(new URL(req.url, 'http://x').searchParams.get('limit'));
			return { status: 200, body: JSON.stringify({ data: Array.from({ length: Math.min(limit, 100) }, (_, i) => ({ id: `${UUID.slice(0, -4)}${String(i).padStart(4, '0')}` })), hasNext: false }) };
		};
		let lists = 0;
		for (const { resource, operation, key } of runnable) {
			if (!operation.list) continue;
			lists++;
			received = [];
			const result = await run({ ...baseline(resource, operation), limit: 1_000_000 });
			const urls = received.map((request) => request.url);
			check(!result.error, `${key}: limit 1000000 failed: ${result.error?.message}`);
			check(!crashIn(result.error), `${key}: crashed`);
			for (const url of urls) {
				const limit = new URL(url, 'http://x').searchParams.get('limit');
				check(limit === null || Number(limit) <= 100, `${key}: asked for limit=${limit}`);
			}
		}
		reply = undefined;
		tally.listOperations = lists;
		expect(report()).toBe('');
	});

	const LEVER_REPLIES = [
		{ label: '400 BadRequestError', status: 400, body: JSON.stringify({ code: 'BadRequestError', message: 'Email address is not valid at /email' }), expect: /email|rejected/i },
		{ label: '401 UnauthorizedError', status: 401, body: JSON.stringify({ code: 'UnauthorizedError', message: 'Invalid API key' }), expect: /credential/i },
		{ label: '403 Forbidden', status: 403, body: JSON.stringify({ code: 'Forbidden', message: 'This API key is not permitted to access this route' }), expect: /permission|scope|allow/i },
		{ label: '404 ResourceNotFound', status: 404, body: JSON.stringify({ code: 'ResourceNotFound', message: 'Opportunity was not found' }), expect: /check/i },
		{ label: '409 Conflict', status: 409, body: JSON.stringify({ code: 'Conflict', message: 'The record was changed by someone else' }), expect: /./ },
		{ label: '422 Unprocessable', status: 422, body: JSON.stringify({ code: 'UnprocessableEntity', message: 'File could not be processed' }), expect: /./ },
		{ label: '500 InternalServerError', status: 500, body: JSON.stringify({ code: 'InternalServerError', message: 'An unexpected error occurred' }), expect: /retry/i },
		{ label: '500 HTML body', status: 500, body: '<html><body>Internal error</body></html>', contentType: 'text/html', expect: /retry/i },
		{ label: '400 plain-text body', status: 400, body: 'Bad request: something', contentType: 'text/plain', expect: /./ },
		{ label: '404 empty body', status: 404, body: '', expect: /check/i },
		{ label: '500 empty body', status: 500, body: '', expect: /retry/i },
		{ label: '401 empty body', status: 401, body: '', expect: /credential/i },
		// A reply that echoes the credential back must not carry it into the error.
		{
			label: '401 echoing the key',
			status: 401,
			body: JSON.stringify({ code: 'UnauthorizedError', message: `Invalid API key ${API_KEY}; header was Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}` }),
			expect: /credential/i,
		},
		{ label: '400 text echoing the key', status: 400, body: `bad request for key ${API_KEY}`, contentType: 'text/plain', expect: /./ },
	];

	test('Lever error replies (400-500, Lever bodies, non-JSON, empty) give NodeApiErrors with a cause and a fix', async () => {
		problems.length = 0;
		for (const { resource, operation, key } of runnable) {
			// Two attempts are enough to go through the retry path on 5xx; six would only take longer.
			const base = { ...baseline(resource, operation), requestOptions: { maxAttempts: 2 } };
			for (const leverReply of LEVER_REPLIES) {
				tally.replyCases++;
				reply = () => leverReply;
				const result = await run(base);
				const label = `${key} <- ${leverReply.label}`;
				const { error } = result;
				if (!check(error, `${label}: no error`)) continue;
				check(!crashIn(error), `${label}: crashed with ${crashIn(error)}`);
				check(error instanceof NodeApiError || error instanceof NodeOperationError, `${label}: ${error.constructor.name}`);
				check(String(error.message ?? '').trim().length > 3, `${label}: empty message`);
				check(String(error.description ?? '').trim().length > 10, `${label}: no description: "${error.message}"`);
				check(leverReply.expect.test(textOf(error)), `${label}: "${error.message} / ${error.description}" does not match ${leverReply.expect}`);
				check(!/\[object /.test(textOf(error)), `${label}: "[object ...]" in the error`);
				if (leverReply.status < 500 && leverReply.status !== 429) check(result.received === 1, `${label}: ${result.received} requests (a ${leverReply.status} is not retried)`);
				const leaks = watch.scanRun(label, result);
				check(leaks.length === 0, `${label}: leaked ${leaks.join(', ')}`);
			}
		}
		reply = undefined;
		expect(report()).toBe('');
		expect(waits.length).toBeGreaterThan(0);
	});

	afterAll(() => {
		if (process.env.RELIABILITY_FIGURES) console.log(`reliability/badInput figures: ${JSON.stringify(tally)}`);
	});
});
