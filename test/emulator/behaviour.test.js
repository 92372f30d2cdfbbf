'use strict';
/** State changes through the API behave as the reference describes (§3.3–§3.17, §8). */
const { startEmulator } = require('./index');
const { api } = require('./helpers');

jest.setTimeout(60000);

let emu;
let st;
let admin;
let posting;
const pa = () => ({ perform_as: admin });
beforeAll(async () => {
	emu = await startEmulator({ opportunities: 80, seed: 21, rateLimit: false });
	st = emu.state;
	admin = st.users.values().find((u) => u.accessRole === 'super admin').id;
	posting = st.postings.values().find((p) => p.state === 'published' && p.confidentiality === 'non-confidential');
});
afterAll(() => emu.close());

describe('POST /opportunities', () => {
	test('sourced + posting: lead-new, sourcedBy, posting tags, one application, creator follows', async () => {
		const r = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'Ada Example', emails: ['ada.example@example.org'], origin: 'sourced', tags: ['Mine'], postings: [posting.id] } });
		expect(r.status).toBe(201);
		expect(r.body.deduped).toBe(false);
		const o = r.body.data;
		expect(o.stage).toBe('lead-new');
		expect(o.stageChanges).toEqual([{ toStageId: 'lead-new', toStageIndex: 0, userId: admin, updatedAt: o.createdAt }]);
		expect(o.sourcedBy).toBe(admin);
		expect(o.owner).toBe(admin);
		expect(o.followers).toContain(admin);
		const c = posting.categories;
		expect(o.tags).toEqual(expect.arrayContaining(['Mine', posting.text, c.department, c.team, c.location, c.commitment]));
		expect(o.applications).toHaveLength(1);
		const app = st.applications.get(o.applications[0]);
		expect(app.posting).toBe(posting.id);
		expect(o.emails).toEqual(['ada.example@example.org']);
		expect(typeof o.createdAt).toBe('number');
	});

	test('without a stage even an applied origin starts in New Lead (Lever docs); the same email dedupes into the contact, merging data', async () => {
		const r = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'Other Name', emails: ['ADA.example@example.org', 'ada2@example.org'], phones: [{ value: '+1 555 0100', type: 'mobile' }], origin: 'applied' } });
		expect(r.status).toBe(201);
		expect(r.body.deduped).toBe(true);
		expect(r.body.data.stage).toBe('lead-new');
		expect(r.body.data.name).toBe('Ada Example'); // existing contact data wins
		expect(r.body.data.emails).toEqual(['ada.example@example.org', 'ada2@example.org']);
		const byEmail = await api(emu, 'GET', '/opportunities', { query: { email: 'ada2@example.org' } });
		expect(byEmail.body.data).toHaveLength(2);
		// exactly once in state
		expect(st.opportunities.values().filter((o) => o.contact === r.body.data.contact)).toHaveLength(2);
	});

	test('contact attaches to an existing person; unknown stage 404; bad email 400; future createdAt 400', async () => {
		const existing = st.opportunities.values()[0];
		const r = await api(emu, 'POST', '/opportunities', { query: pa(), body: { contact: existing.contact } });
		expect(r.body.deduped).toBe(true);
		expect(r.body.data.contact).toBe(existing.contact);
		expect((await api(emu, 'POST', '/opportunities', { query: pa(), body: { stage: 'nope' } })).status).toBe(404);
		expect((await api(emu, 'POST', '/opportunities', { query: pa(), body: { emails: ['not-an-email'] } })).status).toBe(400);
		expect((await api(emu, 'POST', '/opportunities', { query: pa(), body: { createdAt: Date.now() + 86400000 } })).status).toBe(400);
	});

	test('archived without a reason is ignored on create (Lever docs): the opportunity is created active', async () => {
		const r = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'No Reason', archived: { archivedAt: 1 } } });
		expect(r.status).toBe(201);
		expect(r.body.data.archived).toBeNull();
	});

	test('opportunityLocation: not set without a posting, "unspecified" for a multi-location posting, else the posting\'s', async () => {
		const none = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'No Posting', opportunityLocation: 'Paris' } });
		expect(none.body.data.opportunityLocation).toBeNull();
		const single = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'One Place', postings: [posting.id] } });
		expect(single.body.data.opportunityLocation).toBe(posting.categories.location);
		const categories = posting.categories;
		posting.categories = { ...categories, allLocations: [categories.location, 'Remote'] };
		try {
			const multi = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'Two Places', postings: [posting.id] } });
			expect(multi.body.data.opportunityLocation).toBe('unspecified');
			const chosen = await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'Chose', postings: [posting.id], opportunityLocation: 'Remote' } });
			expect(chosen.body.data.opportunityLocation).toBe('Remote');
		} finally {
			posting.categories = categories;
		}
	});

	test('multipart: emails[], archived[reason], resumeFile and files are stored and downloadable', async () => {
		const reason = st.archiveReasons.values().find((x) => x.type === 'non-hired').id;
		const pdf = '%PDF-1.4 my resume';
		const r = await api(emu, 'POST', '/opportunities', {
			query: pa(),
			multipart: {
				name: 'Multi Part',
				'emails[]': ['multi@example.org', 'multi2@example.org'],
				'tags[]': 'From form',
				'archived[reason]': reason,
				resumeFile: { filename: 'cv.pdf', content: pdf, type: 'application/pdf' },
				files: [{ filename: 'a.txt', content: 'AAA', type: 'text/plain' }, { filename: 'b.png', content: 'PNGDATA', type: 'image/png' }],
			},
		});
		expect(r.status).toBe(201);
		const o = r.body.data;
		expect(o.emails).toEqual(['multi@example.org', 'multi2@example.org']);
		expect(o.tags).toEqual(['From form']);
		expect(o.archived.reason).toBe(reason);
		const resumes = await api(emu, 'GET', `/opportunities/${o.id}/resumes`);
		expect(resumes.body.data).toHaveLength(1);
		const dl = await api(emu, 'GET', `/opportunities/${o.id}/resumes/${resumes.body.data[0].id}/download`);
		expect(dl.text).toBe(pdf);
		expect(dl.headers.get('content-type')).toBe('application/pdf');
		const files = await api(emu, 'GET', `/opportunities/${o.id}/files`);
		expect(files.body.data.map((f) => f.name).sort()).toEqual(['a.txt', 'b.png']);
		const png = files.body.data.find((f) => f.name === 'b.png');
		const fd = await api(emu, 'GET', `/opportunities/${o.id}/files/${png.id}/download`);
		expect(fd.text).toBe('PNGDATA');
		expect(fd.headers.get('content-type')).toBe('image/png');
		const actions = await api(emu, 'GET', `/opportunities/${o.id}/file_actions`);
		expect(actions.body.data.map((a) => a.type).sort()).toEqual(['file-added', 'file-added', 'resume-imported']);
	});
});

describe('stage, archive, hire, tags, sources, links', () => {
	let opp;
	beforeAll(async () => {
		opp = (await api(emu, 'POST', '/opportunities', { query: pa(), body: { name: 'Flow', emails: ['flow@example.org'], postings: [posting.id], origin: 'applied' } })).body.data;
	});

	test('stage change appends stageChanges and bumps lastAdvancedAt/updatedAt', async () => {
		const r = await api(emu, 'PUT', `/opportunities/${opp.id}/stage`, { query: pa(), body: { stage: 'offer' } });
		expect(r.status).toBe(200);
		expect(r.body.data.stage).toBe('offer');
		expect(r.body.data.stageChanges).toHaveLength(2);
		expect(r.body.data.stageChanges[1]).toMatchObject({ toStageId: 'offer', toStageIndex: 8, userId: admin });
		expect(r.body.data.lastAdvancedAt).toBeGreaterThan(opp.lastAdvancedAt);
		expect(r.body.data.updatedAt).toBeGreaterThan(opp.updatedAt);
		expect((await api(emu, 'PUT', `/opportunities/${opp.id}/stage`, { body: {} })).status).toBe(400);
	});

	test('archive, change reason, unarchive with null; hire against a requisition', async () => {
		const reasons = st.archiveReasons.values();
		const [r1, r2] = reasons.filter((x) => x.type === 'non-hired');
		let r = await api(emu, 'PUT', `/opportunities/${opp.id}/archived`, { body: { reason: r1.id } });
		expect(r.body.data.archived).toEqual({ reason: r1.id, archivedAt: expect.any(Number) });
		r = await api(emu, 'PUT', `/opportunities/${opp.id}/archived`, { body: { reason: r2.id } });
		expect(r.body.data.archived.reason).toBe(r2.id);
		r = await api(emu, 'PUT', `/opportunities/${opp.id}/archived`, { body: { reason: null } });
		expect(r.body.data.archived).toBeNull();
		expect((await api(emu, 'PUT', `/opportunities/${opp.id}/archived`, { body: {} })).status).toBe(400);
		const req = (await api(emu, 'POST', '/requisitions', { body: { requisitionCode: 'HIRE-1', name: 'Hire', headcountTotal: 3, postingIds: [posting.id] } })).body.data;
		const hired = reasons.find((x) => x.type === 'hired');
		r = await api(emu, 'PUT', `/opportunities/${opp.id}/archived`, { body: { reason: hired.id, requisitionId: req.id } });
		expect(r.status).toBe(200);
		expect(st.requisitions.get(req.id).headcountHired).toBe(1);
		expect(st.applications.get(opp.applications[0]).requisitionForHire.id).toBe(req.id);
		const closed = (await api(emu, 'POST', '/requisitions', { body: { requisitionCode: 'HIRE-2', name: 'Closed', headcountTotal: 1, status: 'closed' } })).body.data;
		expect((await api(emu, 'PUT', `/opportunities/${opp.id}/archived`, { body: { reason: hired.id, requisitionId: closed.id } })).status).toBe(400);
	});

	test('tags, sources and links add/remove (links act on the contact)', async () => {
		let r = await api(emu, 'POST', `/opportunities/${opp.id}/addTags`, { body: { tags: ['x', 'y'] } });
		expect(r.body.data.tags).toEqual(expect.arrayContaining(['x', 'y']));
		r = await api(emu, 'POST', `/opportunities/${opp.id}/removeTags`, { body: { tags: ['x'] } });
		expect(r.body.data.tags).not.toContain('x');
		r = await api(emu, 'POST', `/opportunities/${opp.id}/addSources`, { body: { sources: ['Meetup'] } });
		expect(r.body.data.sources).toContain('Meetup');
		const tags = await api(emu, 'GET', '/sources', { query: { limit: '100' } });
		expect(tags.body.data.find((t) => t.text === 'Meetup').count).toBe(1);
		r = await api(emu, 'POST', `/opportunities/${opp.id}/addLinks`, { body: { links: ['https://example.org/me'] } });
		expect(r.body.data.links).toContain('https://example.org/me');
		r = await api(emu, 'POST', `/opportunities/${opp.id}/removeLinks`, { body: { links: ['https://example.org/me'] } });
		expect(r.body.data.links).not.toContain('https://example.org/me');
		expect((await api(emu, 'POST', `/opportunities/${opp.id}/addTags`, { body: { tags: 'single' } })).status).toBe(200);
		expect((await api(emu, 'POST', `/opportunities/${opp.id}/addTags`, { body: {} })).status).toBe(400);
	});
});

describe('sub-resources', () => {
	test('only API-created notes can be changed; threaded comments; score 1-4', async () => {
		const seeded = st.notes.values().find((n) => st.opportunities.get(n._opp).confidentiality === 'non-confidential');
		expect((await api(emu, 'PUT', `/opportunities/${seeded._opp}/notes/${seeded.id}`, { body: { values: [{ value: 'x' }] } })).status).toBe(403);
		expect((await api(emu, 'DELETE', `/opportunities/${seeded._opp}/notes/${seeded.id}`)).status).toBe(403);
		const n = (await api(emu, 'POST', `/opportunities/${seeded._opp}/notes`, { body: { value: 'hello', score: 4 } })).body.data;
		expect(n.noteId).toBe(n.id);
		expect(n.user).toBeNull(); // no perform_as → no creator
		const c = await api(emu, 'POST', `/opportunities/${seeded._opp}/notes`, { query: { note_id: n.id, perform_as: admin }, body: { value: 'reply' } });
		expect(c.body.data.fields).toHaveLength(2);
		expect((await api(emu, 'POST', `/opportunities/${seeded._opp}/notes`, { body: { value: 'x', score: 5 } })).status).toBe(400);
		expect((await api(emu, 'POST', `/opportunities/${seeded._opp}/notes`, { body: {} })).status).toBe(400);
	});

	test('feedback is validated against its template; deleted feedback stays readable with deletedAt', async () => {
		const o = st.opportunities.values().find((x) => x.confidentiality === 'non-confidential');
		const tpl = st.feedbackTemplates.values().find((t) => t.text === 'Technical interview');
		const score = tpl.fields.find((f) => f.type === 'score-system');
		const multi = tpl.fields.find((f) => f.type === 'multiple-select');
		const ok = await api(emu, 'POST', `/opportunities/${o.id}/feedback`, { query: pa(), body: { baseTemplateId: tpl.id, fieldValues: [{ id: score.id, value: '3 - Hire' }, { id: multi.id, value: ['Go'] }] } });
		expect(ok.status).toBe(201);
		expect(ok.body.data.fields.find((f) => f.id === score.id).value).toBe('3 - Hire');
		expect((await api(emu, 'POST', `/opportunities/${o.id}/feedback`, { query: pa(), body: { baseTemplateId: tpl.id, fieldValues: [{ id: score.id, value: '5 - Amazing' }] } })).status).toBe(400);
		expect((await api(emu, 'POST', `/opportunities/${o.id}/feedback`, { query: pa(), body: { baseTemplateId: tpl.id, fieldValues: [{ id: 'nope', value: 'x' }] } })).status).toBe(400);
		expect((await api(emu, 'POST', `/opportunities/${o.id}/feedback`, { query: pa(), body: { baseTemplateId: 'nope' } })).status).toBe(404);
		expect((await api(emu, 'POST', `/opportunities/${o.id}/feedback`, { query: pa(), body: { baseTemplateId: tpl.id, panel: 'x' } })).status).toBe(400);
		expect((await api(emu, 'DELETE', `/opportunities/${o.id}/feedback/${ok.body.data.id}`, { query: pa() })).status).toBe(204);
		const after = await api(emu, 'GET', `/opportunities/${o.id}/feedback/${ok.body.data.id}`);
		expect(after.body.data.deletedAt).toEqual(expect.any(Number));
	});

	test('seeded (not externally managed) panels are read-only', async () => {
		const p = st.panels.values().find((x) => !x.externallyManaged && st.opportunities.get(x._opp).confidentiality === 'non-confidential');
		const iv = st.interviews.values().find((x) => x.panel === p.id);
		expect((await api(emu, 'DELETE', `/opportunities/${p._opp}/panels/${p.id}`, { query: pa() })).status).toBe(403);
		expect((await api(emu, 'PUT', `/opportunities/${p._opp}/interviews/${iv.id}`, { query: pa(), body: { interviewers: [{ id: admin }], date: 1, duration: 10 } })).status).toBe(403);
		expect((await api(emu, 'POST', `/opportunities/${p._opp}/interviews`, { query: pa(), body: { panel: p.id, interviewers: [{ id: admin }], date: 1, duration: 10 } })).status).toBe(403);
	});

	test('panel create defaults and replacement keep interview ids', async () => {
		const o = st.opportunities.values().find((x) => x.confidentiality === 'non-confidential' && x.applications.length);
		const r = await api(emu, 'POST', `/opportunities/${o.id}/panels`, { query: pa(), body: { timezone: 'UTC', interviews: [{ interviewers: [{ id: admin }], date: 1790000000000, duration: 30 }] } });
		const p = r.body.data;
		expect(p).toMatchObject({ feedbackReminder: 'daily', externallyManaged: true, externalUrl: null });
		expect(p.interviews[0].interviewers[0]).toMatchObject({ id: admin, feedbackTemplate: 'no-feedback', responseStatus: 'needsAction' });
		const keep = p.interviews[0].id;
		const u = await api(emu, 'PUT', `/opportunities/${o.id}/panels/${p.id}`, { query: pa(), body: { timezone: 'UTC', interviews: [{ id: keep, interviewers: [{ id: admin }], date: 1790000000000, duration: 90 }, { interviewers: [{ id: admin }], date: 1790009000000, duration: 30 }] } });
		expect(u.body.data.interviews.map((i) => i.id)).toContain(keep);
		expect(u.body.data.interviews).toHaveLength(2);
		expect((await api(emu, 'POST', `/opportunities/${o.id}/panels`, { query: pa(), body: { timezone: 'UTC', interviews: [] } })).status).toBe(400);
		expect((await api(emu, 'POST', `/opportunities/${o.id}/panels`, { query: pa(), body: { interviews: [{ interviewers: [{ id: admin }], date: 1, duration: 1 }] } })).status).toBe(400);
	});
});

describe('account resources', () => {
	test('postings: create validation, partial update via POST, internal has no distribution channels', async () => {
		const base = { text: 'Role', categories: { department: 'Engineering', team: 'Backend' } };
		const ok = await api(emu, 'POST', '/postings', { query: pa(), body: { ...base, state: 'internal', content: { descriptionHtml: '<div><b>Hi</b></div>', lists: [{ text: 'You', content: '<li>x</li>' }], closingPostingHtml: '<p>bye</p>' } } });
		expect(ok.status).toBe(201);
		expect(ok.body.data.distributionChannels).toBeNull();
		expect(ok.body.data.content.closingHtml).toBe('<p>bye</p>');
		expect(ok.body.data.user).toBe(admin);
		expect((await api(emu, 'POST', '/postings', { query: pa(), body: { text: 'x', categories: { team: 'Backend' } } })).status).toBe(400);
		expect((await api(emu, 'POST', '/postings', { query: pa(), body: { text: 'x', salaryRange: { min: 1, max: 2 } } })).status).toBe(400);
		expect((await api(emu, 'POST', '/postings', { query: pa(), body: { text: 'x', content: { descriptionHtml: '<script>x</script>' } } })).status).toBe(400);
		expect((await api(emu, 'POST', '/postings', { query: pa(), body: { text: 'x', confidentiality: 'confidential' } })).status).toBe(400);
		expect((await api(emu, 'POST', '/postings', { query: pa(), body: {} })).status).toBe(400);
		const id = ok.body.data.id;
		const up = await api(emu, 'POST', `/postings/${id}`, { query: pa(), body: { state: 'published', workplaceType: 'remote' } });
		expect(up.body.data).toMatchObject({ text: 'Role', state: 'published', workplaceType: 'remote', distributionChannels: ['public', 'internal'] });
		expect((await api(emu, 'POST', `/postings/${id}`, { query: pa(), body: { workplaceType: 'unspecified' } })).status).toBe(400);
	});

	test('apply: published/internal only, dedupe by email; the key\'s limit only, 2 per second when switched on', async () => {
		const draft = st.postings.values().find((p) => p.state === 'draft');
		const body = (email) => ({ personalInformation: [{ name: 'fullName', value: 'Appl Icant' }, { name: 'email', value: email }] });
		expect((await api(emu, 'POST', `/postings/${draft.id}/apply`, { body: body('a1@example.org') })).status).toBe(400);
		emu.configure({ rateLimit: { perSecond: 1000, burst: 1000 } }); // rateLimit:false also switches the apply limit off
		const up = await api(emu, 'POST', '/uploads', { multipart: { file: { filename: 'r.pdf', content: '%PDF-1.4 x' } } });
		expect(up.body.data.uri).toContain('/uploads/');
		const withResume = { ...body('a2@example.org') };
		withResume.personalInformation = [...withResume.personalInformation, { name: 'resume', value: up.body.data.uri }];
		const r1 = await api(emu, 'POST', `/postings/${posting.id}/apply`, { body: withResume });
		expect(r1.status).toBe(201);
		expect(r1.body.data.applicationId).toEqual(expect.any(String));
		const app = st.applications.get(r1.body.data.applicationId);
		const opp = st.opportunities.get(app.opportunityId);
		expect(opp.origin).toBe('applied');
		expect(opp.stage).toBe('applicant-new');
		expect(st.resumes.children(opp.id)).toHaveLength(1);
		const burst = async (prefix) => {
			const results = [];
			for (let i = 0; i < 4; i++) results.push((await api(emu, 'POST', `/postings/${posting.id}/apply`, { body: body(`${prefix}${i}@example.org`) })).status);
			return results;
		};
		// Lever documents 2/s for the public Postings API apply only: the Data API's apply has the key's limit.
		expect(await burst('plain')).toEqual([201, 201, 201, 201]);
		emu.configure({ applyRateLimit: true, rateLimit: { perSecond: 1000, burst: 1000 } });
		expect(await burst('limited')).toContain(429);
		emu.configure({ rateLimit: false, applyRateLimit: false });
	});

	test('users: unique email, allowed domain, replace, deactivate/reactivate', async () => {
		const r = await api(emu, 'POST', '/users', { body: { name: 'Neu', email: 'neu@northwind.example' } });
		expect(r.status).toBe(201);
		expect(r.body.data.accessRole).toBe('interviewer');
		const dup = await api(emu, 'POST', '/users', { body: { name: 'Neu', email: 'NEU@northwind.example' } });
		expect(dup.body).toEqual({ code: 'BadRequestError', message: 'A user already exists with that email address. at /email' });
		const dom = await api(emu, 'POST', '/users', { body: { name: 'X', email: 'x@gmail.example' } });
		expect(dom.body.message).toMatch(/^Email domain must be one of: .* at \/email$/);
		const put = await api(emu, 'PUT', `/users/${r.body.data.id}`, { body: { name: 'Neu2', email: 'neu@northwind.example', accessRole: 'admin' } });
		expect(put.body.data).toMatchObject({ name: 'Neu2', accessRole: 'admin', jobTitle: null });
		const d = await api(emu, 'POST', `/users/${r.body.data.id}/deactivate`);
		expect(d.body.data.deactivatedAt).toEqual(expect.any(Number));
		const a = await api(emu, 'POST', `/users/${r.body.data.id}/reactivate`);
		expect(a.body.data.deactivatedAt).toBeNull();
	});

	test('requisitions, requisition fields and templates validate their bodies', async () => {
		expect((await api(emu, 'POST', '/requisitions', { body: { name: 'x', headcountTotal: 1 } })).status).toBe(400);
		expect((await api(emu, 'POST', '/requisitions', { body: { requisitionCode: 'Q1', name: 'x', headcountTotal: 0 } })).status).toBe(400);
		expect((await api(emu, 'POST', '/requisitions', { body: { requisitionCode: 'Q1', name: 'x', headcountTotal: 1, customFields: { nope: 1 } } })).status).toBe(400);
		const ok = await api(emu, 'POST', '/requisitions', { body: { requisitionCode: 'Q1', name: 'x', headcountTotal: 'unlimited', customFields: { budget: 1000 } } });
		expect(ok.body.data).toMatchObject({ headcountTotal: 'unlimited', headcountInfinite: true, status: 'open' });
		expect((await api(emu, 'POST', '/requisitions', { body: { requisitionCode: 'Q1', name: 'y', headcountTotal: 1 } })).status).toBe(400);
		expect((await api(emu, 'PUT', `/requisitions/${ok.body.data.id}`, { body: { requisitionCode: 'Q1', name: 'x', headcountTotal: 1, status: 'draft' } })).status).toBe(400);
		expect((await api(emu, 'POST', '/requisition_fields', { body: { id: 'Bad Id', text: 'x', type: 'text' } })).status).toBe(400);
		expect((await api(emu, 'POST', '/requisition_fields/budget/options', { body: { values: [{ text: 'x' }] } })).status).toBe(400);
		expect((await api(emu, 'POST', '/feedback_templates', { body: { text: 'x', fields: [{ type: 'text', text: 'a' }] } })).status).toBe(400);
		expect((await api(emu, 'DELETE', '/feedback_templates/no-feedback')).status).toBe(403);
		const seededForm = st.formTemplates.values()[0];
		expect((await api(emu, 'DELETE', `/form_templates/${seededForm.id}`)).status).toBe(403);
		const list = await api(emu, 'GET', '/feedback_templates');
		expect(list.body.data.map((t) => t.id)).toContain('no-feedback');
	});

	test('contact update changes every opportunity of the person', async () => {
		const [cid, opps] = [...st.oppsByContact.entries()].find(([, l]) => l.length > 1 && l.every((o) => o.confidentiality === 'non-confidential'));
		const r = await api(emu, 'PUT', `/contacts/${cid}`, { body: { name: 'Renamed Person', emails: ['renamed@example.org'], location: 'Porto' } });
		expect(r.body.data).toMatchObject({ name: 'Renamed Person', emails: ['renamed@example.org'], location: { name: 'Porto' } });
		for (const o of opps) expect((await api(emu, 'GET', `/opportunities/${o.id}`)).body.data.name).toBe('Renamed Person');
		expect((await api(emu, 'GET', '/opportunities', { query: { email: 'renamed@example.org' } })).body.data).toHaveLength(opps.length);
	});

	test('quirks: /postings/{id}/users unwrapped, disposition_stages object, EEO lists', async () => {
		const u = await api(emu, 'GET', `/postings/${posting.id}/users`);
		expect(Object.keys(u.body).sort()).toEqual(['posting', 'roles', 'users']);
		expect(u.body.roles.map((r) => r.id)).toEqual(['owner', 'admin', 'team', 'limited']);
		const d = await api(emu, 'GET', '/disposition_stages');
		expect(d.body.data.stages[0]).toEqual({ id: 'lead-new', text: 'New lead', pipeline: 'lead', rank: expect.any(Number), hasInterview: false });
		const anon = await api(emu, 'GET', '/eeo/responses');
		expect(Array.isArray(anon.body.data)).toBe(true);
		if (anon.body.data.length) expect(anon.body.data[0].contact).toBeUndefined();
		const pii = await api(emu, 'GET', '/eeo/responses/pii', { query: { expand: 'contact' } });
		if (pii.body.data.length) expect(typeof pii.body.data[0].contact).toBe('object');
	});
});
