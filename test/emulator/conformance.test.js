'use strict';
/**
 * Conformance of the emulator with shared/lever-api.md: every one of the 106 operations of §3.2
 * (operations.json) answers with its documented status and envelope, and the documented errors appear.
 */
const { startEmulator } = require('./index');
const { api, basic } = require('./helpers');
const { operations } = require('./operations.json');

jest.setTimeout(60000);

let emu;
const fx = {};

async function must(p) {
	const r = await p;
	if (r.status >= 300) throw new Error(`fixture request failed: ${r.status} ${r.text}`);
	return r.body && r.body.data;
}

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 60, seed: 11, rateLimit: false });
	const st = emu.state;
	const stamp = Date.now();
	fx.user = st.users.values().find((u) => u.accessRole === 'super admin' && !u.deactivatedAt).id;
	const posting = st.postings.values().find((p) => p.state === 'published' && p.confidentiality === 'non-confidential' && (p.distributionChannels || []).includes('public'));
	fx.posting = posting.id;
	fx.uniqEmail = `conf-${stamp}@example.org`;
	fx.uniqEmail2 = `apply-${stamp}@example.org`;
	fx.uniqStaffEmail = `staff-${stamp}@northwind.example`;
	fx.uniqCode = `REQ-C-${stamp}`;
	fx.uniqCode2 = `REQ-D-${stamp}`;
	fx.uniqFieldId = `region_${stamp}`;
	fx.nonHiredReason = st.archiveReasons.values().find((r) => r.type === 'non-hired' && r.status === 'active').id;
	fx.archive_reason = fx.nonHiredReason;
	fx.stage = 'lead-new';
	fx.feedbackTemplate = st.feedbackTemplates.values().find((t) => t.id !== 'no-feedback').id;
	const formTpl = st.formTemplates.values()[0];
	fx.formTemplate = formTpl.id;
	fx.formFields = formTpl.fields.map((f) => ({ id: f.id, value: f.type === 'dropdown' ? f.options[0].text : f.type === 'currency' ? 100000 : f.type === 'yes-no' ? 'yes' : 'text' }));
	const pa = { perform_as: fx.user };

	const opp = await must(api(emu, 'POST', '/opportunities', { query: pa, body: { name: 'Fixture Person', emails: [`fixture-${stamp}@example.org`], postings: [fx.posting], origin: 'applied' } }));
	fx.opportunity = opp.id;
	fx.application = opp.applications[0];
	fx.contact = opp.contact;
	const opath = `/opportunities/${opp.id}`;
	fx.note = (await must(api(emu, 'POST', `${opath}/notes`, { query: pa, body: { value: 'first' } }))).id;
	fx.noteToDelete = (await must(api(emu, 'POST', `${opath}/notes`, { query: pa, body: { value: 'second' } }))).id;
	fx.noteId = fx.note;
	const panelBody = { timezone: 'UTC', interviews: [{ interviewers: [{ id: fx.user }], date: 1790000000000, duration: 30 }, { interviewers: [{ id: fx.user }], date: 1790003600000, duration: 30 }] };
	const panel = await must(api(emu, 'POST', `${opath}/panels`, { query: pa, body: panelBody }));
	fx.panel = panel.id;
	fx.interview = panel.interviews[0].id;
	fx.interviewToDelete = panel.interviews[1].id;
	fx.panelToReplace = (await must(api(emu, 'POST', `${opath}/panels`, { query: pa, body: panelBody }))).id;
	fx.panelToDelete = (await must(api(emu, 'POST', `${opath}/panels`, { query: pa, body: panelBody }))).id;
	fx.feedback = (await must(api(emu, 'POST', `${opath}/feedback`, { query: pa, body: { baseTemplateId: fx.feedbackTemplate } }))).id;
	fx.feedbackToDelete = (await must(api(emu, 'POST', `${opath}/feedback`, { query: pa, body: { baseTemplateId: fx.feedbackTemplate } }))).id;
	fx.file = (await must(api(emu, 'POST', `${opath}/files`, { query: pa, multipart: { file: { filename: 'a.txt', content: 'file-a' } } }))).id;
	fx.fileToDelete = (await must(api(emu, 'POST', `${opath}/files`, { query: pa, multipart: { file: { filename: 'b.txt', content: 'file-b' } } }))).id;
	fx.form = (await must(api(emu, 'POST', `${opath}/forms`, { query: pa, body: { baseTemplateId: fx.formTemplate, fields: fx.formFields } }))).id;
	const offer = st.offers.values().find((o) => o.sentDocument || o.signedDocument);
	fx.oppWithOffer = offer._opp;
	fx.offer = offer.id;
	const ref = st.referrals.values()[0];
	fx.oppWithReferral = ref._opp;
	fx.referral = ref.id;
	const resume = st.resumes.values()[0];
	fx.oppWithResume = resume._opp;
	fx.resume = resume.id;
	fx.requisition = st.requisitions.values().find((r) => r.confidentiality === 'non-confidential').id;
	fx.requisitionToDelete = (await must(api(emu, 'POST', '/requisitions', { body: { requisitionCode: `DEL-${stamp}`, name: 'To delete', headcountTotal: 1 } }))).id;
	fx.requisition_field = 'cost_center';
	const field = await must(api(emu, 'POST', '/requisition_fields', { body: { id: `repl_${stamp}`, text: 'R', type: 'dropdown', options: [{ text: 'A' }, { text: 'B' }] } }));
	fx.fieldToReplace = field.id;
	fx.fieldOptionId = field.options[0].id;
	fx.fieldToDelete = (await must(api(emu, 'POST', '/requisition_fields', { body: { id: `del_${stamp}`, text: 'D', type: 'text' } }))).id;
	fx.feedback_template = fx.feedbackTemplate;
	fx.fbTemplateApi = (await must(api(emu, 'POST', '/feedback_templates', { body: { text: 'tmp', fields: [{ type: 'score-system', text: 'Rating' }] } }))).id;
	fx.form_template = fx.formTemplate;
	fx.formTemplateApi = (await must(api(emu, 'POST', '/form_templates', { body: { text: 'tmp', fields: [{ type: 'text', text: 'x' }] } }))).id;
	fx.newUserEmail = `new-${stamp}@northwind.example`;
	fx.newUser = (await must(api(emu, 'POST', '/users', { body: { name: 'Fixture User', email: fx.newUserEmail } }))).id;
	fx.webhook = (await must(api(emu, 'POST', '/webhooks', { body: { url: 'https://example.org/fixture', event: 'candidateHired' } }))).id;
	fx.webhookId = fx.webhook;
	// the op table's DELETE /webhooks/{webhookId} needs its own
	fx.webhookToDelete = (await must(api(emu, 'POST', '/webhooks', { body: { url: 'https://example.org/del', event: 'candidateHired' } }))).id;
});

afterAll(async () => {
	if (emu) await emu.close();
});

function resolve(v) {
	if (typeof v === 'string' && v.startsWith('$')) {
		const k = v.slice(1);
		if (!(k in fx)) throw new Error(`unknown fixture ${v}`);
		return fx[k];
	}
	if (Array.isArray(v)) return v.map(resolve);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
	return v;
}

function pathFor(op) {
	const params = { ...(op.params || {}) };
	if (op.n === 106) params.webhookId = '$webhookToDelete';
	return op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(resolve(params[name] !== undefined ? params[name] : `$${name}`)));
}

function checkShape(op, r) {
	const b = r.body;
	switch (op.shape) {
		case 'object':
			expect(b && typeof b.data).toBe('object');
			expect(Array.isArray(b.data)).toBe(false);
			break;
		case 'created-opportunity':
			expect(typeof b.deduped).toBe('boolean');
			expect(typeof b.data.id).toBe('string');
			break;
		case 'list':
		case 'list-no-paging':
			expect(Array.isArray(b.data)).toBe(true);
			expect(typeof b.hasNext).toBe('boolean');
			if (b.hasNext) expect(typeof b.next).toBe('string');
			else expect(b.next).toBeUndefined();
			if (op.shape === 'list-no-paging') expect(b.hasNext).toBe(false);
			break;
		case 'data-array':
			expect(Array.isArray(b.data)).toBe(true);
			expect(b.hasNext).toBeUndefined();
			break;
		case 'disposition':
			expect(Array.isArray(b.data.stages)).toBe(true);
			expect(Array.isArray(b.data.archiveReasons)).toBe(true);
			break;
		case 'unwrapped':
			expect(b.data).toBeUndefined();
			expect(typeof b.posting.id).toBe('string');
			expect(Array.isArray(b.users)).toBe(true);
			expect(Array.isArray(b.roles)).toBe(true);
			break;
		case 'empty':
			expect(r.raw.length).toBe(0);
			break;
		case 'bytes':
			expect(r.raw.length).toBeGreaterThan(0);
			expect(r.headers.get('content-type')).not.toMatch(/json/);
			break;
		default:
			throw new Error(`unknown shape ${op.shape}`);
	}
}

async function call(op, extra = {}) {
	const query = { ...(op.query || {}) };
	if (op.pa) query.perform_as = fx.user;
	const o = { query, ...extra };
	if (op.body !== undefined) o.body = resolve(op.body);
	if (op.multipart) o.multipart = op.multipart;
	return api(emu, op.method, pathFor(op), o);
}

describe('operations table', () => {
	test('has the 106 operations with the documented method split', () => {
		expect(operations).toHaveLength(106);
		const by = {};
		for (const op of operations) by[op.method] = (by[op.method] || 0) + 1;
		expect(by).toEqual({ GET: 55, POST: 26, PUT: 14, DELETE: 11 });
	});

	test('the emulator router covers exactly these operations', () => {
		const table = require('./lib/table');
		const mine = new Set(table.ROUTES.map((r) => r.key));
		const ref = new Set(operations.map((o) => `${o.method} ${o.path}`));
		expect([...ref].filter((k) => !mine.has(k))).toEqual([]);
		expect([...mine].filter((k) => !ref.has(k))).toEqual([]);
	});
});

describe('every operation answers with its documented status and envelope', () => {
	for (const op of operations) {
		test(`#${op.n} ${op.method} ${op.path}`, async () => {
			const r = await call(op);
			const statuses = Array.isArray(op.status) ? op.status : [op.status];
			if (!statuses.includes(r.status)) throw new Error(`${op.method} ${op.path} → ${r.status} ${r.text}`);
			checkShape(op, r);
		});
	}
});

describe('perform_as rules (§2.5)', () => {
	const required = operations.filter((o) => o.pa === 'R');
	test.each(required.map((o) => [o.n, o.method, o.path]))('#%s %s %s without perform_as → 400', async (n) => {
		const op = operations.find((o) => o.n === n);
		const r = await api(emu, op.method, pathFor(op), { body: op.body ? resolve(op.body) : undefined });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ code: 'BadRequestError', message: 'Missing required parameter: perform_as' });
	});

	test('an unknown perform_as user → 400', async () => {
		const r = await api(emu, 'POST', '/opportunities', { query: { perform_as: '00000000-0000-4000-8000-000000000000' }, body: { name: 'x' } });
		expect(r.status).toBe(400);
		expect(r.body.code).toBe('BadRequestError');
	});

	test('optional perform_as: stage change works without it', async () => {
		const r = await api(emu, 'PUT', `/opportunities/${fx.opportunity}/stage`, { body: { stage: 'lead-new' } });
		expect(r.status).toBe(200);
	});
});

describe('documented errors', () => {
	test('401 without credentials, with an unknown key, with a bogus bearer, with another scheme', async () => {
		for (const auth of [null, basic('nope'), 'Bearer abc', 'Digest foo']) {
			const r = await api(emu, 'GET', '/users', { auth });
			expect(r.status).toBe(401);
			expect(typeof r.body.code).toBe('string');
			expect(typeof r.body.message).toBe('string');
		}
	});

	test('400 for limit outside 1..100 and non-numeric limit', async () => {
		for (const limit of ['0', '101', 'abc', '-1']) {
			const r = await api(emu, 'GET', '/opportunities', { query: { limit } });
			expect(r.status).toBe(400);
			expect(r.body.code).toBe('BadRequestError');
		}
		expect((await api(emu, 'GET', '/opportunities', { query: { limit: '100' } })).status).toBe(200);
		expect((await api(emu, 'GET', '/opportunities', { query: { limit: '1' } })).status).toBe(200);
	});

	test('400 "<x> is not expandable" for unknown, comma-joined and bracket expand', async () => {
		let r = await api(emu, 'GET', '/opportunities', { query: { expand: 'posting' } });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ code: 'BadRequestError', message: 'posting is not expandable' });
		r = await api(emu, 'GET', '/opportunities', { query: { expand: 'owner,stage' } });
		expect(r.status).toBe(400);
		expect(r.body.message).toBe('owner,stage is not expandable');
		r = await api(emu, 'GET', '/opportunities', { query: { 'expand[]': 'owner' } });
		expect(r.status).toBe(400);
		expect(r.body.message).toMatch(/is not expandable$/);
		r = await api(emu, 'GET', '/opportunities', { query: { 'expand[0]': 'owner' } });
		expect(r.body.message).toBe('owner is not expandable');
		for (const key of ['tag[]', 'tag[0]', 'stage_id[1]']) {
			r = await api(emu, 'GET', '/opportunities', { query: { [key]: 'x' } });
			expect(r.status).toBe(400);
		}
	});

	test('400 "Email address is not valid" for a non-email filter', async () => {
		const r = await api(emu, 'GET', '/opportunities', { query: { email: 'Jane Doe' } });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ code: 'BadRequestError', message: 'Email address is not valid' });
	});

	test('400 "Invalid offset token" for a garbled offset', async () => {
		for (const offset of ['garbage', '%5Bnot-json', '[2,1,"x"]', '0.1414895548650.abc']) {
			const r = await api(emu, 'GET', '/opportunities', { query: { offset } });
			expect(r.status).toBe(400);
			expect(r.body.message).toMatch(/^Invalid offset token/);
		}
	});

	test('400 pagination is not supported for resumes and files', async () => {
		for (const sub of ['resumes', 'files']) {
			const r = await api(emu, 'GET', `/opportunities/${fx.oppWithResume}/${sub}`, { query: { limit: '10' } });
			expect(r.status).toBe(400);
			expect(r.body.message).toBe('pagination is not supported for this endpoint');
		}
	});

	test('400 for more than one posting on create', async () => {
		const second = emu.state.postings.values().filter((p) => p.state === 'published' && p.confidentiality === 'non-confidential')[1];
		const r = await api(emu, 'POST', '/opportunities', { query: { perform_as: fx.user }, body: { name: 'Two', postings: [fx.posting, second.id] } });
		expect(r.status).toBe(400);
	});

	test('404 ResourceNotFound for unknown objects and routes', async () => {
		let r = await api(emu, 'GET', '/opportunities/00000000-0000-4000-8000-000000000000');
		expect(r.status).toBe(404);
		expect(r.body.code).toBe('ResourceNotFound');
		r = await api(emu, 'GET', '/stages/nope');
		expect(r.status).toBe(404);
		expect(r.body.message).toBe('Stage was not found');
		r = await api(emu, 'GET', '/no/such/route');
		expect(r.status).toBe(404);
		r = await api(emu, 'PUT', `/opportunities/${fx.opportunity}/stage`, { body: { stage: 'nope' } });
		expect(r.status).toBe(404);
		expect(r.body).toEqual({ code: 'ResourceNotFound', message: 'Stage was not found' });
	});

	test('a missing requisition field: 404 NotFoundError with the wording recorded from Lever', async () => {
		const missing = { code: 'NotFoundError', message: "That requisition field doesn't exist on your account" };
		for (const [method, path, body] of [
			['GET', '/requisition_fields/no_such_field'],
			['PUT', '/requisition_fields/no_such_field', { id: 'no_such_field', text: 'X', type: 'text' }],
			['DELETE', '/requisition_fields/no_such_field'],
			['POST', '/requisition_fields/no_such_field/options', { values: [{ text: 'x' }] }],
		]) {
			const r = await api(emu, method, path, body ? { body } : {});
			expect([method, path, r.status, r.body]).toEqual([method, path, 404, missing]);
		}
	});

	test('upload: the id is a UUID then -<filename>, the uri ends with it (Lever\'s documented example)', async () => {
		const r = await api(emu, 'POST', '/uploads', { multipart: { file: { filename: 'resume.pdf', content: '%PDF-1.4 x' } } });
		expect(r.body.data).toEqual({
			expiresAt: expect.any(Number),
			filename: 'resume.pdf',
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-resume\.pdf$/),
			uri: `${emu.apiUrl}/uploads/${r.body.data.id}`,
			size: 10,
		});
	});

	test('deletes return 204 with an empty body', async () => {
		const w = await api(emu, 'POST', '/webhooks', { body: { url: 'https://example.org/x', event: 'contactCreated' } });
		const r = await api(emu, 'DELETE', `/webhooks/${w.body.data.id}`);
		expect(r.status).toBe(204);
		expect(r.raw.length).toBe(0);
	});
});

describe('403: allow-list, confidentiality, OAuth scopes', () => {
	let emu2;
	beforeAll(async () => {
		emu2 = await startEmulator({
			opportunities: 40,
			rateLimit: false,
			apiKeys: [
				{ key: 'full', confidential: true },
				{ key: 'limited', allow: ['GET /users', 'GET /opportunities/{opportunity}'] },
			],
		});
	});
	afterAll(() => emu2.close());

	test('a key without an endpoint in its allow-list gets 403 naming the operation', async () => {
		expect((await api(emu2, 'GET', '/users', { auth: basic('limited') })).status).toBe(200);
		const r = await api(emu2, 'GET', '/postings', { auth: basic('limited') });
		expect(r.status).toBe(403);
		expect(r.body.code).toBe('Forbidden');
		expect(r.body.message).toContain('GET /postings');
		const id = emu2.state.opportunities.values().find((o) => o.confidentiality === 'non-confidential').id;
		expect((await api(emu2, 'GET', `/opportunities/${id}`, { auth: basic('limited') })).status).toBe(200);
	});

	test('a non-confidential key asking for confidential data gets 403', async () => {
		const emu3 = await startEmulator({ opportunities: 10, rateLimit: false, apiKeys: [{ key: 'plain' }] });
		try {
			for (const confidentiality of ['all', 'confidential']) {
				const r = await api(emu3, 'GET', '/opportunities', { auth: basic('plain'), query: { confidentiality } });
				expect(r.status).toBe(403);
			}
			expect((await api(emu3, 'GET', '/postings', { auth: basic('plain'), query: { confidentiality: 'non-confidential' } })).status).toBe(200);
		} finally {
			await emu3.close();
		}
	});

	test('bearer tokens: every GET operation needs its scope (403 names it)', async () => {
		const gets = operations.filter((o) => o.method === 'GET');
		const none = emu.mintToken(['offline_access']).access_token;
		for (const op of gets) {
			const ok = emu.mintToken([op.scope]).access_token;
			const good = await api(emu, 'GET', pathFor(op), { auth: `Bearer ${ok}`, query: op.query });
			if (good.status !== 200) throw new Error(`${op.path} with ${op.scope} → ${good.status} ${good.text}`);
			const bad = await api(emu, 'GET', pathFor(op), { auth: `Bearer ${none}`, query: op.query });
			expect(bad.status).toBe(403);
			expect(bad.body.message).toContain(':admin');
		}
	});

	test('write scope implies read; confidential needs confidential:access:admin', async () => {
		const w = emu.mintToken(['opportunities:write:admin']).access_token;
		expect((await api(emu, 'GET', '/opportunities', { auth: `Bearer ${w}` })).status).toBe(200);
		expect((await api(emu, 'GET', '/opportunities', { auth: `Bearer ${w}`, query: { confidentiality: 'all' } })).status).toBe(403);
		const c = emu.mintToken(['opportunities:read:admin', 'confidential:access:admin']).access_token;
		expect((await api(emu, 'GET', '/opportunities', { auth: `Bearer ${c}`, query: { confidentiality: 'all' } })).status).toBe(200);
	});

	test('an expired token → 401', async () => {
		const t = emu.mintToken(['users:read:admin']).access_token;
		expect((await api(emu, 'GET', '/users', { auth: `Bearer ${t}` })).status).toBe(200);
		emu.expireTokens(t);
		expect((await api(emu, 'GET', '/users', { auth: `Bearer ${t}` })).status).toBe(401);
	});
});

describe('429 rate limit', () => {
	test('token bucket: burst of 20 then 429 TooManyRequests without Retry-After; refills', async () => {
		// The emulator's clock is held still, so the count does not depend on how fast this machine is.
		let clock = Date.parse('2026-10-02T00:00:00Z');
		const e = await startEmulator({ opportunities: 5, rateLimit: { perSecond: 10, burst: 20 }, now: () => clock });
		try {
			const rs = [];
			for (let i = 0; i < 30; i++) rs.push(await api(e, 'GET', '/stages'));
			const n429 = rs.filter((r) => r.status === 429);
			expect(rs.slice(0, 20).every((r) => r.status === 200)).toBe(true);
			expect(n429).toHaveLength(10);
			expect(n429[0].body).toEqual({ code: 'TooManyRequests', message: expect.any(String) });
			expect(n429[0].headers.get('retry-after')).toBeNull();
			clock += 350;
			expect((await api(e, 'GET', '/stages')).status).toBe(200);
			// per credential: another key has its own bucket
			e.configure({ retryAfter: 2 });
			let last;
			for (let i = 0; i < 25; i++) last = await api(e, 'GET', '/stages');
			expect(last.status).toBe(429);
			expect(last.headers.get('retry-after')).toBe('2');
			const log = e.requests();
			expect(log.rateLimited).toBeGreaterThan(0);
			expect(log.status429).toBe(log.rateLimited);
			e.configure({ rateLimit: false });
			for (let i = 0; i < 30; i++) expect((await api(e, 'GET', '/stages')).status).toBe(200);
		} finally {
			await e.close();
		}
	});
});
