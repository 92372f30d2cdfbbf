'use strict';
/*
 * Helpers for the template e2e test (templates.test.js): a small HTTP receiver standing in for the
 * partners' side, loading the shipped templates from workflows/ and rewriting their placeholders
 * (credential id, Config values) for a test instance, and small utilities around webhooks.
 * CommonJS on purpose: the repo's strict n8n ESLint config lints .ts files only.
 */
const fs = require('fs');
const http = require('http');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOWS_DIR = path.join(ROOT, 'workflows');

const TEMPLATE_FILES = Object.freeze({
	offerZen: 'offerzen-to-lever.json',
	theOrg: 'lever-postings-to-the-org.json',
	outhire: 'outhire-lever-sync.json',
	seekOut: 'seekout-connect-enrichment.json',
	sureCloud: 'surecloud-compliance-evidence.json',
});

function loadTemplate(file) {
	return JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));
}

/**
 * Templates with a Manual Trigger ship their Schedule and Webhook triggers switched off, so that the editor's
 * main *Execute workflow* button runs the manual path (n8n 2.x auto-selects, among enabled triggers, a webhook
 * before a schedule before a Manual Trigger). Before publishing, a user switches them on
 * (workflows/README.md, step 4); this does the same to a workflow object, in place, and returns their names.
 */
function enableTriggers(wf) {
	const switched = [];
	for (const node of wf.nodes) {
		if (node.disabled && /(Trigger|\.webhook)$/.test(node.type)) {
			delete node.disabled;
			switched.push(node.name);
		}
	}
	return switched;
}

/**
 * A copy of a template with every Lever credential pointed at `credential` ({ leverAtsApi: { id, name } }),
 * the named Config assignments replaced and its triggers switched on (enableTriggers) as for publishing.
 * Unknown Config keys throw, so a renamed setting fails loudly.
 */
function prepareTemplate(template, { credential, config = {}, configNode = 'Config' } = {}) {
	const wf = JSON.parse(JSON.stringify(template));
	enableTriggers(wf);
	for (const node of wf.nodes) {
		if (node.credentials && node.credentials.leverAtsApi && credential) {
			node.credentials = { ...node.credentials, ...credential };
		}
	}
	const cfgNode = wf.nodes.find((n) => n.name === configNode);
	if (Object.keys(config).length && !cfgNode) throw new Error(`${wf.name}: no "${configNode}" node`);
	for (const [key, value] of Object.entries(config)) {
		const a = cfgNode.parameters.assignments.assignments.find((x) => x.name === key);
		if (!a) throw new Error(`${wf.name}: Config has no "${key}"`);
		a.value = a.type === 'object' || a.type === 'array' ? JSON.stringify(value) : value;
	}
	return wf;
}

/** A copy of a template under another id whose Webhook listens on another path. */
function withWebhookPath(wf, { id, path }) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.id = id;
	copy.name = `${wf.name} (${path})`;
	for (const node of copy.nodes) {
		if (node.type !== 'n8n-nodes-base.webhook') continue;
		node.parameters.path = path;
		node.webhookId = `${node.webhookId.slice(0, -12)}${Buffer.from(id).toString('hex').slice(0, 12)}`;
		node.id = `${node.id.slice(0, -4)}beef`;
	}
	return copy;
}

/**
 * Points a template copy (in place) at another Data Table for its state: Config's `stateTable` and every Data
 * Table node that names that table literally (SeekOut's *Insert new rows*: n8n inserts in bulk only into a
 * table named without an expression). Two copies of a template share a table unless renamed. Returns wf.
 */
function withStateTable(wf, name, { configNode = 'Config' } = {}) {
	const cfg = wf.nodes.find((n) => n.name === configNode);
	const assignment = cfg && cfg.parameters.assignments.assignments.find((a) => a.name === 'stateTable');
	if (!assignment) throw new Error(`${wf.name}: ${configNode} has no "stateTable"`);
	const previous = assignment.value;
	assignment.value = name;
	for (const node of wf.nodes) {
		const table = node.type === 'n8n-nodes-base.dataTable' && node.parameters.dataTableId;
		if (table && table.mode === 'name' && table.value === previous) table.value = name;
	}
	return wf;
}

/**
 * The first day of the month of the account's oldest opportunity, as an ISO string: the Config `batchFrom`
 * a careful admin sets for a template that reads full runs in windows of creation date.
 */
function accountFirstMonth(state) {
	const first = new Date(state.opportunities.values().reduce((min, o) => Math.min(min, o.createdAt), Infinity));
	return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)).toISOString();
}

/**
 * Config values that make each template run against an emulator account (`emu.state`): the seeded active
 * Super Admin as OfferZen's verification admin, an active team member as Outhire's attributed user, the
 * first published posting behind OfferZen position `oz-position-1`, and partner URLs under `partnerUrl`
 * (`/the-org`, `/outhire/jobs`, `/surecloud/evidence`, `GET /hr/background-checks`), SureCloud's and SeekOut's
 * `batchFrom` at the account's first month (accountFirstMonth). Keyed like TEMPLATE_FILES; for prepareTemplate(..., { config }).
 * Also usable by the demo.
 */
function emulatorConfig(state, { partnerUrl }) {
	const users = state.users.values();
	const active = users.filter((u) => !u.deactivatedAt);
	const admin = active.find((u) => u.accessRole === 'super admin');
	const attributed = active.find((u) => u.accessRole === 'team member') || admin;
	const published = state.postings.values().filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential');
	if (!admin || !published.length) throw new Error('the emulator account has no active Super Admin or no published posting');
	return {
		offerZen: { verificationAdminUserId: admin.id, positionToPosting: { 'oz-position-1': published[0].id } },
		theOrg: { theOrgEndpointUrl: `${partnerUrl}/the-org` },
		outhire: { outhireJobsUrl: `${partnerUrl}/outhire/jobs`, attributedUserId: attributed.id },
		seekOut: { batchFrom: accountFirstMonth(state) },
		sureCloud: { evidenceUrl: `${partnerUrl}/surecloud/evidence`, backgroundChecksUrl: `${partnerUrl}/hr/background-checks`, batchFrom: accountFirstMonth(state) },
	};
}

/**
 * An HTTP server standing in for a partner: records every request (method, url, path, headers, raw body,
 * parsed JSON) and answers from `routes` ({ 'GET /path': (req, body) => ({ status, headers, body }) }),
 * else 200 {"ok":true}.
 */
async function startReceiver(routes = {}) {
	const received = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const url = new URL(req.url, 'http://receiver');
			let json;
			if (/json/.test(req.headers['content-type'] || '')) {
				try {
					json = JSON.parse(raw.toString('utf8'));
				} catch {
					json = undefined;
				}
			}
			const entry = { method: req.method, url: req.url, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, raw, json, at: Date.now() };
			received.push(entry);
			const handler = routes[`${req.method} ${url.pathname}`];
			const answer = handler ? handler(entry) : { status: 200, body: { ok: true } };
			const body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
			res.writeHead(answer.status || 200, {
				'content-type': Buffer.isBuffer(answer.body) || typeof answer.body === 'string' ? 'application/octet-stream' : 'application/json',
				...(answer.headers || {}),
				'content-length': body.length,
			});
			res.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		received,
		/** Requests to one path (and method, default POST). */
		to(pathname, method = 'POST') {
			return received.filter((r) => r.path === pathname && r.method === method);
		},
		clear() {
			received.length = 0;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** Splits a multipart/form-data body into { name: { filename?, contentType?, value (string), data (Buffer) } }. */
function parseMultipart(entry) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(entry.headers['content-type'] || '');
	if (!m) throw new Error(`not multipart: ${entry.headers['content-type']}`);
	const boundary = Buffer.from(`--${m[1] || m[2]}`);
	const parts = {};
	let pos = entry.raw.indexOf(boundary);
	while (pos !== -1) {
		const start = pos + boundary.length;
		if (entry.raw.slice(start, start + 2).toString() === '--') break;
		const next = entry.raw.indexOf(boundary, start);
		if (next === -1) break;
		const part = entry.raw.slice(start + 2, next - 2); // skip CRLF after boundary and before the next one
		const headEnd = part.indexOf('\r\n\r\n');
		const head = part.slice(0, headEnd).toString('utf8');
		const data = part.slice(headEnd + 4);
		const name = /name="([^"]*)"/i.exec(head)?.[1];
		const filename = /filename="([^"]*)"/i.exec(head)?.[1];
		const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
		if (name) parts[name] = { filename, contentType, data, value: data.toString('utf8') };
		pos = next;
	}
	return parts;
}

/** POSTs JSON to an n8n production webhook; resolves { status, body (parsed when JSON), text }. */
async function postJson(url, body, { headers = {} } = {}) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	const text = await res.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, body: parsed, text };
}

/**
 * Waits until n8n has registered a production webhook: a CORS preflight for `method` fails (404 or 500)
 * until the workflow's webhook is registered (n8n activates published workflows shortly after it reports ready).
 */
async function waitForWebhook(url, { timeoutMs = 60000, method = 'POST' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, { method: 'OPTIONS', headers: { origin: 'http://localhost', 'access-control-request-method': method } }).catch(
			() => undefined,
		);
		if (res && res.ok) return;
		if (Date.now() > deadline) throw new Error(`webhook ${url} not registered within ${timeoutMs / 1000}s`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** Simple CSV parser (RFC 4180 quoting) → array of objects keyed by the header row; a leading BOM is dropped. */
function parseCsv(csv) {
	const text = csv.replace(/^\uFEFF/, '');
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
	return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * Lever requests the emulator answered since `mark` (a request sequence number from requestMark), counted per
 * endpoint template (`GET /opportunities/{opportunity}/resumes`); 429 answers (rate limit, retried by the node)
 * are left out, so the counts are what the workflow asked for. The emulator must keep enough of its log
 * (`requestLogSize`): a mark older than the kept log throws instead of undercounting.
 */
function leverRequestsSince(emu, mark) {
	const recent = emu.emulator.log.recent;
	if (recent.length && recent[0].seq > mark + 1) throw new Error(`request log starts at ${recent[0].seq}, after mark ${mark}: raise requestLogSize`);
	const counts = {};
	let total = 0;
	for (const r of recent) {
		if (r.seq <= mark || r.status === 429) continue;
		const key = `${r.method} ${r.template || r.path}`;
		counts[key] = (counts[key] || 0) + 1;
		total++;
	}
	return { total, counts, to: (pattern) => Object.entries(counts).filter(([k]) => pattern.test(k)).reduce((n, [, c]) => n + c, 0) };
}

/** The emulator's current request sequence number, for leverRequestsSince. */
const requestMark = (emu) => emu.emulator.reqSeq;

/** A Lever API call straight to the emulator (the test's own changes between template runs). */
async function leverApi(emu, method, path, body) {
	const res = await fetch(`${emu.apiUrl}${path}`, {
		method,
		headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = await res.json().catch(() => undefined);
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

/** Between two runs of a postings template: one posting created (its title ends in `label`), one renamed, one
 * closed, one deleted (moved to Lever's deleted list). */
async function changePostings(emu, fx, label) {
	const [edited, closed, deleted] = fx.published;
	const editedTitle = `${edited.text} (renamed)`;
	const created = await leverApi(emu, 'POST', `/postings?perform_as=${fx.admin.id}`, {
		text: `Staff Platform Engineer (${label})`,
		state: 'published',
		distributionChannels: ['public', 'internal'],
		categories: { department: 'Engineering', team: 'Platform', location: 'Cape Town' },
	});
	await leverApi(emu, 'POST', `/postings/${edited.id}?perform_as=${fx.admin.id}`, { text: editedTitle });
	await leverApi(emu, 'POST', `/postings/${closed.id}?perform_as=${fx.admin.id}`, { state: 'closed' });
	const gone = emu.state.postings.remove(deleted.id);
	emu.state.deletedPostings.insert({ ...gone, deletedAt: Date.now() });
	return { created, edited, editedTitle, closed, deleted };
}

/** The emulator keeps a contact's links in `_links` (internal field). */
const linksOf = (contact) => contact._links || contact.links || [];

/**
 * SeekOut enrichment probe on the seeded account: an archived person (matched by email), one with a LinkedIn
 * profile, one whose resume names a current employer (name + company, name not shared), and the four profiles
 * sent for them plus a stranger. Only seeded, non-confidential opportunities: the index holds those.
 */
function seekOutProbe(st) {
	const contactOf = (o) => st.contacts.get(o.contact);
	const visible = st.opportunities.values().filter((o) => o.confidentiality !== 'confidential' && !o._apiCreated);
	const withLinkedIn = visible.find((o) => linksOf(contactOf(o)).some((l) => /linkedin\.com\/in\//.test(l)));
	const archived = visible.find((o) => o.archived && o.id !== withLinkedIn.id);
	const withCompany = visible.find((o) => {
		if (o.id === withLinkedIn.id || o.id === archived.id) return false;
		const others = visible.filter((x) => x.contact !== o.contact && contactOf(x).name === contactOf(o).name);
		return !others.length && st.resumes.children(o.id).some((r) => r.parsedData.positions.some((p) => !p.end));
	});
	const company = st.resumes.children(withCompany.id)[0].parsedData.positions.find((p) => !p.end).org;
	const linkedIn = linksOf(contactOf(withLinkedIn)).find((l) => /linkedin\.com\/in\//.test(l));
	const profiles = [
		{ profileId: 'p-email', name: 'Someone Else', emails: [contactOf(archived).emails[0].toUpperCase()] },
		{ profileId: 'p-linkedin', name: contactOf(withLinkedIn).name, linkedinUrl: `${linkedIn.replace('https://www.', 'http://')}/?trk=seekout` },
		{ profileId: 'p-name', name: contactOf(withCompany).name.toUpperCase(), company: `${company} Inc.` },
		{ profileId: 'p-none', name: contactOf(withCompany).name, company: 'Totally Different Company', linkedinUrl: 'https://www.linkedin.com/in/nobody-here' },
	];
	return { visible, contactOf, withLinkedIn, archived, withCompany, profiles };
}

module.exports = {
	TEMPLATE_FILES,
	WORKFLOWS_DIR,
	loadTemplate,
	enableTriggers,
	prepareTemplate,
	withStateTable,
	withWebhookPath,
	emulatorConfig,
	accountFirstMonth,
	startReceiver,
	parseMultipart,
	postJson,
	waitForWebhook,
	parseCsv,
	leverRequestsSince,
	requestMark,
	leverApi,
	changePostings,
	linksOf,
	seekOutProbe,
};
