'use strict';
/** Opportunity sub-resources: feedback, files, interviews, panels, notes, offers, forms, referrals, resumes. */
const { badRequest, notFound, forbidden } = require('./http');
const V = require('./views');
const docs = require('./documents');
const R = require('./routes');

const H = R.helpers;
const { ok, noContent, body, required, num, boolField, enumField, getOpp, child, childHandlers, touch, oppEventBase, paged, single, uuid, arr } = H;

// ------------------------------------------------------------------ feedback
function validateFieldValue(f, value) {
	if (value === null || value === undefined) return null;
	const opts = (f.options || []).map((o) => o.text);
	const bad = () => badRequest(`Invalid value for field ${f.id} (${f.type})`);
	switch (f.type) {
		case 'score-system':
		case 'dropdown':
		case 'multiple-choice':
			if (typeof value !== 'string' || !opts.includes(value)) throw bad();
			return value;
		case 'multiple-select':
			if (!Array.isArray(value) || value.some((v) => !opts.includes(v))) throw bad();
			return value;
		case 'yes-no':
			if (value !== 'yes' && value !== 'no') throw bad();
			return value;
		case 'score':
			if (!Number.isInteger(value) || value < 1 || value > 4) throw bad();
			return value;
		case 'date':
		case 'currency':
			if (typeof value !== 'number') throw bad();
			return value;
		case 'scorecard':
			if (!Array.isArray(value) || value.some((v) => !v || typeof v !== 'object')) throw bad();
			return value;
		default:
			if (typeof value !== 'string') throw bad();
			return value;
	}
}

function applyFieldValues(template, fields, fieldValues) {
	const byId = new Map(fields.map((f) => [f.id, f]));
	for (const fv of arr(fieldValues)) {
		if (!fv || typeof fv !== 'object' || !fv.id) throw badRequest('fieldValues must be an array of {id, value}');
		const f = byId.get(fv.id);
		if (!f) throw badRequest(`Field ${fv.id} is not part of template ${template.id}`);
		f.value = validateFieldValue(f, fv.value);
	}
	return fields;
}

const { list: listFeedback, get: getFeedback } = childHandlers('feedback', 'feedback', 'Feedback', 'feedback');
function createFeedback(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	const tplId = required(b, 'baseTemplateId');
	const tpl = st.feedbackTemplates.get(tplId);
	if (!tpl) throw notFound(`Feedback template ${tplId} was not found`);
	const hasPanel = b.panel !== undefined && b.panel !== null;
	const hasInterview = b.interview !== undefined && b.interview !== null;
	if (hasPanel !== hasInterview) throw badRequest('panel and interview must be given together');
	let interview = null;
	if (hasPanel) {
		const panel = child(ctx, 'panels', o.id, b.panel, 'Panel');
		interview = st.interviews.get(b.interview);
		if (!interview || interview.panel !== panel.id) throw badRequest('interview must belong to panel');
	}
	const fields = applyFieldValues(tpl, tpl.fields.map((f) => ({ ...f, value: null })), b.fieldValues);
	const t = ctx.emu.stamp();
	const createdAt = b.createdAt !== undefined ? num(b.createdAt, 'createdAt') : t;
	const fb = {
		id: uuid(),
		type: 'interview',
		text: tpl.text,
		instructions: tpl.instructions,
		baseTemplateId: tpl.id,
		fields,
		user: ctx.performAs.id,
		panel: hasPanel ? b.panel : null,
		interview: hasInterview ? b.interview : null,
		createdAt,
		updatedAt: t,
		completedAt: b.completedAt !== undefined ? num(b.completedAt, 'completedAt') : t,
		deletedAt: null,
		_opp: o.id,
		_apiCreated: true,
	};
	st.feedback.insert(fb);
	if (interview) interview.feedbackForms.push(fb.id);
	touch(ctx, o);
	return ok(fb, 201);
}
function updateFeedback(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const fb = child(ctx, 'feedback', o.id, ctx.params.feedback, 'Feedback');
	if (fb.deletedAt) throw notFound(`Feedback ${fb.id} was not found`);
	const b = body(ctx);
	const tpl = st.feedbackTemplates.get(fb.baseTemplateId) || { id: fb.baseTemplateId };
	if (b.fieldValues !== undefined) applyFieldValues(tpl, fb.fields, b.fieldValues);
	if (b.completedAt !== undefined) fb.completedAt = num(b.completedAt, 'completedAt');
	fb.updatedAt = ctx.emu.stamp();
	touch(ctx, o);
	// the real API answers with a raw-ish record; we return the form plus those raw keys
	return ok({ ...fb, accountId: ctx.emu.accountId, userId: fb.user, profileId: o.id });
}
function deleteFeedback(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const fb = child(ctx, 'feedback', o.id, ctx.params.feedback, 'Feedback');
	if (fb.deletedAt) throw notFound(`Feedback ${fb.id} was not found`);
	fb.deletedAt = ctx.emu.stamp();
	touch(ctx, o);
	return noContent();
}

// ------------------------------------------------------------------ files
function uploadedFilter(q) {
	const a = q.ms('uploaded_at_start') ?? q.ms('uploadedAtStart');
	const b = q.ms('uploaded_at_end') ?? q.ms('uploadedAtEnd');
	if (a === undefined && b === undefined) return undefined;
	return (t) => (a === undefined || t >= a) && (b === undefined || t <= b);
}
function listFiles(ctx) {
	H.noPagination(ctx.q);
	const o = getOpp(ctx, ctx.params.opportunity);
	const f = uploadedFilter(ctx.q);
	const data = ctx.st.files.children(o.id).filter((r) => !f || f(r.uploadedAt));
	// Lever's documented example of this list is a bare array; other lists (and this one by default) are wrapped.
	if (ctx.emu.config.bareFileList) return { status: 200, body: data };
	return { status: 200, body: { data, hasNext: false } };
}
function getFile(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	return ok(child(ctx, 'files', o.id, ctx.params.file, 'File'));
}
function download(rec, name, title) {
	const { data, contentType } = docs.bytesFor(rec, name, title);
	return { status: 200, raw: data, contentType, headers: { 'content-disposition': `attachment; filename="${String(name).replace(/"/g, '')}"` } };
}
function downloadFile(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const f = child(ctx, 'files', o.id, ctx.params.file, 'File');
	if (f.status === 'error' || f.status === 'unsupported') return { status: 422, body: { code: 'UnprocessableEntity', message: 'File could not be processed' } };
	return download(f, f.name, `File ${f.name} of ${f._owner || o.id}`);
}
function uploadFile(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const file = (ctx.files || []).find((f) => f.field === 'file');
	if (!file) throw badRequest('Missing required file: file');
	const rec = H.newFileFromUpload(ctx, o.id, file, ctx.emu.stamp());
	touch(ctx, o);
	return ok(rec, 200);
}
function deleteFile(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const f = child(ctx, 'files', o.id, ctx.params.file, 'File');
	ctx.st.files.remove(f.id);
	const t = ctx.emu.stamp();
	ctx.st.fileActions.insert({ id: uuid(), opportunityId: o.id, type: 'file-remove', occurredAt: t, createdAt: t, user: { id: ctx.performAs.id }, meta: { fileId: f.id, fileName: f.name } });
	touch(ctx, o);
	return noContent();
}

// ------------------------------------------------------------------ interviews & panels
const REMINDERS = ['once', 'daily', 'frequently', 'none'];

function validateInterviewers(ctx, list, defaultTemplate) {
	if (!Array.isArray(list) || !list.length) throw badRequest('interviewers must be a non-empty array');
	return list.map((x) => {
		const id = typeof x === 'string' ? x : x && x.id;
		const u = ctx.st.users.get(id);
		if (!u) throw badRequest(`interviewers: user ${id} was not found`);
		const tpl = (x && x.feedbackTemplate) || defaultTemplate || 'no-feedback';
		if (!ctx.st.feedbackTemplates.get(tpl)) throw badRequest(`feedbackTemplate ${tpl} was not found`);
		return { id: u.id, name: u.name, email: u.email, feedbackTemplate: tpl, responseStatus: 'needsAction' };
	});
}

function buildInterview(ctx, o, panel, input, defaults, existing) {
	const date = num(input.date, 'date');
	if (date === undefined) throw badRequest('Missing required field: date');
	const duration = num(input.duration, 'duration');
	if (duration === undefined) throw badRequest('Missing required field: duration');
	if (duration < 1) throw badRequest('duration must be at least 1 minute');
	const feedbackTemplate = input.feedbackTemplate || null;
	if (feedbackTemplate && !ctx.st.feedbackTemplates.get(feedbackTemplate)) throw badRequest(`feedbackTemplate ${feedbackTemplate} was not found`);
	const interviewers = validateInterviewers(ctx, input.interviewers, feedbackTemplate);
	const t = ctx.emu.stamp();
	return {
		id: existing ? existing.id : uuid(),
		panel: panel.id,
		subject: input.subject || '',
		note: input.note || '',
		interviewers,
		timezone: panel.timezone,
		createdAt: existing ? existing.createdAt : t,
		date,
		duration,
		location: input.location || null,
		feedbackTemplate,
		feedbackForms: existing ? existing.feedbackForms : [],
		feedbackReminder: enumField(input.feedbackReminder, 'feedbackReminder', REMINDERS, defaults.feedbackReminder),
		user: ctx.performAs.id,
		stage: o.stage,
		canceledAt: null,
		postings: o.applications.map((id) => ctx.st.applications.get(id)).filter(Boolean).map((a) => a.posting),
		gcalEventUrl: null,
		opportunityId: o.id,
		_opp: o.id,
	};
}

function refreshPanelTimes(ctx, panel) {
	const ivs = ctx.st.interviews.children(panel._opp).filter((iv) => iv.panel === panel.id);
	if (!ivs.length) return;
	panel.start = Math.min(...ivs.map((iv) => iv.date));
	panel.end = Math.max(...ivs.map((iv) => iv.date + iv.duration * 60000));
}

function ivEvent(o, iv) {
	return { ...oppEventBase(o), interviewId: iv.id, panelId: iv.panel };
}

function deleteInterviewRecord(ctx, o, iv) {
	ctx.st.interviews.remove(iv.id);
	ctx.emu.emit('interviewDeleted', ivEvent(o, iv), o);
	const rest = ctx.st.interviews.children(o.id).filter((x) => x.panel === iv.panel);
	if (!rest.length) ctx.st.panels.remove(iv.panel);
	else {
		const p = ctx.st.panels.get(iv.panel);
		if (p) refreshPanelTimes(ctx, p);
	}
}

function managedPanel(ctx, o, panelId) {
	const p = ctx.st.panels.get(panelId);
	if (!p || p._opp !== o.id) throw notFound(`Panel ${panelId} was not found`);
	if (!p.externallyManaged) throw forbidden('Only externally managed panels (created through the API) can be changed');
	return p;
}

const { list: listInterviews, get: getInterview } = childHandlers('interviews', 'interview', 'Interview', 'interview');
function createInterview(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	const panel = managedPanel(ctx, o, required(b, 'panel'));
	if (b.interviewers === undefined) throw badRequest('Missing required field: interviewers');
	const iv = buildInterview(ctx, o, panel, b, { feedbackReminder: 'frequently' });
	ctx.st.interviews.insert(iv);
	refreshPanelTimes(ctx, panel);
	touch(ctx, o);
	ctx.emu.emit('interviewCreated', ivEvent(o, iv), o);
	return ok(iv, 201);
}
function updateInterview(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const cur = child(ctx, 'interviews', o.id, ctx.params.interview, 'Interview');
	const panel = managedPanel(ctx, o, cur.panel);
	const b = body(ctx);
	if (b.panel !== undefined && b.panel !== cur.panel) throw badRequest('An interview cannot be moved to another panel');
	if (b.interviewers === undefined) throw badRequest('Missing required field: interviewers');
	const iv = buildInterview(ctx, o, panel, b, { feedbackReminder: 'frequently' }, cur);
	Object.assign(cur, iv);
	refreshPanelTimes(ctx, panel);
	touch(ctx, o);
	ctx.emu.emit('interviewUpdated', ivEvent(o, cur), o);
	return ok(cur);
}
function deleteInterview(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const iv = child(ctx, 'interviews', o.id, ctx.params.interview, 'Interview');
	managedPanel(ctx, o, iv.panel);
	deleteInterviewRecord(ctx, o, iv);
	touch(ctx, o);
	return noContent();
}

function panelInput(ctx, o, b, existing) {
	const timezone = required(b, 'timezone');
	if (!Array.isArray(b.interviews) || !b.interviews.length) throw badRequest('interviews must be a non-empty array');
	let applications;
	if (b.applications !== undefined) {
		if (!Array.isArray(b.applications) || !b.applications.length) throw badRequest('applications must be a non-empty array when given');
		for (const a of b.applications) if (!o.applications.includes(a)) throw badRequest(`Application ${a} does not belong to this opportunity`);
		applications = b.applications.slice();
	} else applications = o.applications.filter((id) => {
		const a = ctx.st.applications.get(id);
		return a && !a.archived;
	});
	return {
		timezone,
		applications,
		feedbackReminder: enumField(b.feedbackReminder, 'feedbackReminder', REMINDERS, 'daily'),
		note: b.note || '',
		externalUrl: b.externalUrl || null,
		existing,
	};
}

const { list: listPanels, get: getPanel } = childHandlers('panels', 'panel', 'Panel', 'panel', (ctx, p) => V.panelView(ctx.st, p));
function createPanel(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	const pi = panelInput(ctx, o, b);
	const t = ctx.emu.stamp();
	const panel = {
		id: uuid(),
		applications: pi.applications,
		canceledAt: null,
		createdAt: t,
		start: null,
		end: null,
		timezone: pi.timezone,
		feedbackReminder: pi.feedbackReminder,
		user: ctx.performAs.id,
		stage: o.stage,
		note: pi.note,
		externallyManaged: true,
		externalUrl: pi.externalUrl,
		_opp: o.id,
	};
	const ivs = b.interviews.map((x) => buildInterview(ctx, o, panel, x || {}, { feedbackReminder: pi.feedbackReminder }));
	st.panels.insert(panel);
	for (const iv of ivs) st.interviews.insert(iv);
	refreshPanelTimes(ctx, panel);
	touch(ctx, o);
	for (const iv of ivs) ctx.emu.emit('interviewCreated', ivEvent(o, iv), o);
	return ok(V.panelView(st, panel), 201);
}
function updatePanel(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const panel = managedPanel(ctx, o, ctx.params.panel);
	const b = body(ctx);
	const pi = panelInput(ctx, o, b);
	Object.assign(panel, { applications: pi.applications, timezone: pi.timezone, feedbackReminder: pi.feedbackReminder, note: pi.note, externalUrl: pi.externalUrl });
	const current = st.interviews.children(o.id).filter((iv) => iv.panel === panel.id);
	const byId = new Map(current.map((iv) => [iv.id, iv]));
	const keep = new Set();
	const events = [];
	const built = b.interviews.map((x) => {
		const existing = x && x.id ? byId.get(x.id) : undefined;
		if (x && x.id && !existing) throw badRequest(`Interview ${x.id} does not belong to this panel`);
		return { existing, iv: buildInterview(ctx, o, panel, x || {}, { feedbackReminder: pi.feedbackReminder }, existing) };
	});
	for (const { existing, iv } of built) {
		if (existing) {
			Object.assign(existing, iv);
			keep.add(existing.id);
			events.push(['interviewUpdated', existing]);
		} else {
			st.interviews.insert(iv);
			keep.add(iv.id);
			events.push(['interviewCreated', iv]);
		}
	}
	for (const iv of current) {
		if (!keep.has(iv.id)) {
			st.interviews.remove(iv.id);
			events.push(['interviewDeleted', iv]);
		}
	}
	refreshPanelTimes(ctx, panel);
	touch(ctx, o);
	for (const [ev, iv] of events) ctx.emu.emit(ev, ivEvent(o, iv), o);
	return ok(V.panelView(st, panel));
}
function deletePanel(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const panel = managedPanel(ctx, o, ctx.params.panel);
	const ivs = st.interviews.children(o.id).filter((iv) => iv.panel === panel.id);
	for (const iv of ivs) st.interviews.remove(iv.id);
	st.panels.remove(panel.id);
	touch(ctx, o);
	for (const iv of ivs) ctx.emu.emit('interviewDeleted', ivEvent(o, iv), o);
	return noContent();
}

// ------------------------------------------------------------------ notes
function noteView(n) {
	return n;
}
const { list: listNotes, get: getNote } = childHandlers('notes', 'note', 'Note', 'note', (_ctx, n) => noteView(n));
function noteScore(v) {
	const s = num(v, 'score');
	if (s === undefined) return null;
	if (!Number.isInteger(s) || s < 1 || s > 4) throw badRequest('score must be an integer from 1 to 4');
	return s;
}
function createNote(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	const value = required(b, 'value');
	if (typeof value !== 'string') throw badRequest('value must be a string');
	const t = ctx.emu.stamp();
	let createdAt = t;
	if (b.createdAt !== undefined) {
		createdAt = num(b.createdAt, 'createdAt');
		if (createdAt > ctx.emu.now()) throw badRequest('createdAt cannot be in the future');
	}
	const userId = ctx.performAs ? ctx.performAs.id : null;
	const comment = { type: 'note', text: 'Comment', value, createdAt, user: userId, score: noteScore(b.score), stage: o.stage };
	const threadId = ctx.q.one('note_id');
	let note;
	if (threadId) {
		note = child(ctx, 'notes', o.id, threadId, 'Note');
		note.fields.push(comment);
	} else {
		note = {
			id: uuid(),
			text: 'Note',
			fields: [comment],
			user: userId,
			secret: boolField(b.secret, 'secret', false),
			createdAt,
			completedAt: createdAt,
			deletedAt: null,
			_opp: o.id,
			_apiCreated: true,
		};
		st.notes.insert(note);
	}
	touch(ctx, o);
	return ok({ noteId: note.id, ...note }, 201);
}
function apiNote(ctx, o, id) {
	const n = child(ctx, 'notes', o.id, id, 'Note');
	if (!n._apiCreated) throw forbidden('Only notes created through the API can be changed');
	return n;
}
function updateNote(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const n = apiNote(ctx, o, ctx.params.note);
	const b = body(ctx);
	const values = b.values !== undefined ? b.values : b.value;
	if (values === undefined) throw badRequest('Missing required field: values');
	const t = ctx.emu.stamp();
	const list = arr(values).map((v) => (typeof v === 'string' ? { value: v } : v));
	if (!list.length) throw badRequest('values must not be empty');
	const score = b.score !== undefined ? noteScore(b.score) : null;
	n.fields = list.map((v) => {
		if (!v || typeof v.value !== 'string') throw badRequest('values must be an array of {value} objects');
		return { type: 'note', text: 'Comment', value: v.value, createdAt: v.createdAt !== undefined ? num(v.createdAt, 'createdAt') : t, user: b.user || n.user, score, stage: o.stage };
	});
	if (b.user !== undefined) {
		H.validUser(ctx.st, b.user, 'user');
		n.user = b.user;
	}
	if (b.secret !== undefined) n.secret = boolField(b.secret, 'secret', false);
	if (b.createdAt !== undefined) n.createdAt = num(b.createdAt, 'createdAt');
	if (b.completedAt !== undefined) n.completedAt = num(b.completedAt, 'completedAt');
	touch(ctx, o);
	return ok(n);
}
function deleteNote(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const n = apiNote(ctx, o, ctx.params.noteId);
	ctx.st.notes.remove(n.id);
	touch(ctx, o);
	return noContent();
}

// ------------------------------------------------------------------ offers
const { list: listOffers } = childHandlers('offers', 'offer', 'Offer', 'offer');
function downloadOffer(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const of = child(ctx, 'offers', o.id, ctx.params.offer, 'Offer');
	const status = enumField(ctx.q.one('status'), 'status', ['sent', 'signed']);
	let doc;
	if (status === 'sent') doc = of.sentDocument;
	else if (status === 'signed') doc = of.signedDocument;
	else doc = of.signedDocument || of.sentDocument;
	if (!doc) throw notFound('Offer document was not found');
	return download({ id: `${of.id}-${doc === of.signedDocument ? 'signed' : 'sent'}` }, doc.fileName, `Offer letter for ${of._owner || o.id}${doc === of.signedDocument ? ' (signed)' : ''}`);
}

// ------------------------------------------------------------------ profile forms
const FORM_TYPES = ['currency', 'date', 'dropdown', 'multiple-choice', 'multiple-select', 'text', 'textarea', 'yes-no'];
const { list: listForms, get: getForm } = childHandlers('forms', 'form', 'Form', 'form');
function createForm(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	const tplId = required(b, 'baseTemplateId');
	const tpl = st.formTemplates.get(tplId);
	if (!tpl) throw notFound(`Form template ${tplId} was not found`);
	if (!Array.isArray(b.fields)) throw badRequest('Missing required field: fields');
	const fields = tpl.fields.map((f) => ({ ...f, value: null }));
	b.fields.forEach((input, i) => {
		if (!input || typeof input !== 'object') throw badRequest('fields must be an array of objects');
		const f = input.id ? fields.find((x) => x.id === input.id) : fields[i];
		if (!f) throw badRequest(`Field ${input.id || i} is not part of template ${tpl.id}`);
		f.value = validateFieldValue(f, input.value);
	});
	for (const f of fields) if (f.required && (f.value === null || f.value === undefined)) throw badRequest(`Field ${f.text} is required`);
	const t = ctx.emu.stamp();
	const form = {
		id: uuid(),
		type: 'form',
		text: tpl.text,
		instructions: tpl.instructions,
		baseTemplateId: tpl.id,
		fields,
		user: ctx.performAs ? ctx.performAs.id : null,
		stage: o.stage,
		createdAt: t,
		completedAt: t,
		deletedAt: null,
		secret: boolField(b.secret, 'secret', tpl.secretByDefault),
		_opp: o.id,
	};
	st.forms.insert(form);
	touch(ctx, o);
	return ok(form, 201);
}

// ------------------------------------------------------------------ referrals
const { list: listReferrals, get: getReferral } = childHandlers('referrals', 'referral', 'Referral', 'referral');

// ------------------------------------------------------------------ resumes
function listResumes(ctx) {
	H.noPagination(ctx.q);
	const o = getOpp(ctx, ctx.params.opportunity);
	const f = uploadedFilter(ctx.q);
	const data = ctx.st.resumes.children(o.id).filter((r) => !f || f(r.file && r.file.uploadedAt ? r.file.uploadedAt : r.createdAt));
	return { status: 200, body: { data, hasNext: false } };
}
function getResume(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	return ok(child(ctx, 'resumes', o.id, ctx.params.resume, 'Resume'));
}
function downloadResume(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const r = child(ctx, 'resumes', o.id, ctx.params.resume, 'Resume');
	if (!r.file || r.file.status === 'error' || r.file.status === 'unsupported') return { status: 422, body: { code: 'UnprocessableEntity', message: 'Resume could not be processed' } };
	return download(r, r.file.name, `Resume of ${r._owner || o.id}`);
}

module.exports = {
	deleteInterviewRecord,
	validateFieldValue,
	FORM_TYPES,
	download,
	h: {
		listFeedback, getFeedback, createFeedback, updateFeedback, deleteFeedback,
		listFiles, getFile, downloadFile, uploadFile, deleteFile,
		listInterviews, getInterview, createInterview, updateInterview, deleteInterview,
		listNotes, getNote, createNote, updateNote, deleteNote,
		listOffers, downloadOffer,
		listPanels, getPanel, createPanel, updatePanel, deletePanel,
		listForms, getForm, createForm,
		listReferrals, getReferral,
		listResumes, getResume, downloadResume,
	},
};
