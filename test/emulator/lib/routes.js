'use strict';
/**
 * Lever Data API v1 operations (the 106 of shared/lever-api.md §3.2).
 * Each route: [method, path template, scopes (any of), perform_as ('R'|'O'|null), handler].
 * Handlers receive ctx and return { status, body } | { status, raw, contentType, headers }.
 */
const crypto = require('crypto');
const { badRequest, notFound, forbidden, ApiError, paginate } = require('./http');
const V = require('./views');
const { canonicalEmail, indexContact, unindexContact, linkOpportunity, unlinkOpportunity } = require('./state');
const { buildContent, postingUrls, oppUrls } = require('./seed');
const D = require('./data');
const docs = require('./documents');

const ORIGINS = D.ORIGINS;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const uuid = () => crypto.randomUUID();

// ------------------------------------------------------------------ helpers
const ok = (data, status = 200) => ({ status, body: { data } });
const noContent = () => ({ status: 204 });
const list = (res) => ({ status: 200, body: res });

function arr(v) {
	if (v === undefined || v === null) return [];
	return Array.isArray(v) ? v : [v];
}
function strArray(v, field) {
	const a = arr(v);
	for (const x of a) if (typeof x !== 'string') throw badRequest(`${field} must be an array of strings`);
	return a;
}
function uniq(a) {
	return [...new Set(a)];
}
function body(ctx) {
	const b = ctx.body;
	if (b === undefined) return {};
	if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('Request body must be a JSON object');
	return b;
}
function required(b, field) {
	if (b[field] === undefined || b[field] === null || b[field] === '') throw badRequest(`Missing required field: ${field}`);
	return b[field];
}
function num(v, field) {
	if (v === undefined || v === null || v === '') return undefined;
	const n = typeof v === 'number' ? v : Number(v);
	if (!Number.isFinite(n)) throw badRequest(`${field} must be a number`);
	return n;
}
function boolField(v, field, dflt) {
	if (v === undefined || v === null || v === '') return dflt;
	if (v === true || v === 'true') return true;
	if (v === false || v === 'false') return false;
	throw badRequest(`${field} must be a boolean`);
}
function enumField(v, field, values, dflt) {
	if (v === undefined || v === null || v === '') return dflt;
	if (!values.includes(v)) throw badRequest(`${field} must be one of: ${values.join(', ')}`);
	return v;
}
function validUser(st, id, field) {
	if (id === undefined || id === null || id === '') return undefined;
	const u = st.users.get(id);
	if (!u) throw badRequest(`${field}: user ${id} was not found`);
	return u;
}
function rangeFilter(q, prefix) {
	const a = q.ms(`${prefix}_start`);
	const b = q.ms(`${prefix}_end`);
	if (a === undefined && b === undefined) return null;
	return (t) => typeof t === 'number' && (a === undefined || t >= a) && (b === undefined || t <= b);
}
function noPagination(q) {
	if (q.has('limit') || q.has('offset')) throw badRequest('pagination is not supported for this endpoint');
}
function confidentialityParam(ctx) {
	const v = ctx.q.one('confidentiality');
	const c = enumField(v, 'confidentiality', ['non-confidential', 'confidential', 'all'], 'non-confidential');
	if (c !== 'non-confidential' && !ctx.auth.confidential) {
		throw forbidden('This credential does not have access to confidential data');
	}
	return c;
}
function checkConfidential(ctx, rec) {
	if (rec && rec.confidentiality === 'confidential' && !ctx.auth.confidential) {
		throw forbidden('This credential does not have access to confidential data');
	}
}
function parseStrictBoolQuery(q, k) {
	return q.bool(k);
}

function getOpp(ctx, id) {
	const o = ctx.st.opportunities.get(id);
	if (!o) throw notFound(`Opportunity ${id} was not found`);
	checkConfidential(ctx, o);
	if (ctx.st.lazyChildren && ctx.st.lazyChildren.size) ctx.st.materializeChildren(id);
	return o;
}
function child(ctx, coll, oppId, id, label) {
	const r = ctx.st[coll].get(id);
	if (!r || (r._opp !== undefined ? r._opp : r.opportunityId) !== oppId) throw notFound(`${label} ${id} was not found`);
	return r;
}
function touch(ctx, o) {
	const t = ctx.emu.stamp();
	o.updatedAt = t;
	ctx.st.opportunities.rekey(o, t); // sets lastInteractionAt, which orders the opportunities list
	return t;
}
function oppEventBase(o) {
	return { opportunityId: o.id, candidateId: o.id, contactId: o.contact };
}
/**
 * One page of a list. Lever lists come newest first (by creation time; opportunities by lastInteractionAt;
 * see the README's table), except lists in a configured order (stages and archive reasons in pipeline
 * order, `timeKey: '_rank'`).
 */
function paged(ctx, listArr, kind, opts = {}) {
	const shape = V.shaper(ctx.st, ctx.q, kind);
	const view = opts.view || ((r) => r);
	const descending = opts.descending !== undefined ? opts.descending : opts.timeKey !== '_rank';
	return list(paginate(listArr, { q: ctx.q, filter: opts.filter, timeKey: opts.timeKey, idKey: opts.idKey, descending, map: (r) => shape(view(r)) }));
}
function single(ctx, rec, kind, view) {
	const shape = V.shaper(ctx.st, ctx.q, kind);
	return ok(shape(view ? view(rec) : rec));
}
/**
 * GET list and GET one of an opportunity's records in collection `coll` (path placeholder `param`,
 * `label` in Not Found), shaped as `kind`; `view(ctx, record)`, when given, renders each record.
 */
function childHandlers(coll, param, label, kind, view) {
	const render = (ctx) => (view ? (r) => view(ctx, r) : undefined);
	return {
		list(ctx) {
			const o = getOpp(ctx, ctx.params.opportunity);
			return paged(ctx, ctx.st[coll].children(o.id), kind, { view: render(ctx) });
		},
		get(ctx) {
			const o = getOpp(ctx, ctx.params.opportunity);
			return single(ctx, child(ctx, coll, o.id, ctx.params[param], label), kind, render(ctx));
		},
	};
}

// ------------------------------------------------------------------ opportunities
function listOpportunities(ctx) {
	const { q, st } = ctx;
	const conf = confidentialityParam(ctx);
	const multi = (k) => {
		const v = q.all(k).filter((x) => x !== '');
		return v.length ? new Set(v) : null;
	};
	const tags = multi('tag');
	const origins = multi('origin');
	if (origins) for (const o of origins) if (!ORIGINS.includes(o)) throw badRequest(`origin must be one of: ${ORIGINS.join(', ')}`);
	const sources = multi('source');
	const stageIds = multi('stage_id');
	const postingIds = multi('posting_id');
	const archivedPostingIds = multi('archived_posting_id');
	const reasonIds = multi('archive_reason_id');
	const contactIds = multi('contact_id');
	const locations = multi('location');
	const archived = q.bool('archived');
	const snoozed = q.bool('snoozed');
	const created = rangeFilter(q, 'created_at');
	const updated = rangeFilter(q, 'updated_at');
	const advanced = rangeFilter(q, 'advanced_at');
	const archivedAt = rangeFilter(q, 'archived_at');
	let emailContacts = null;
	if (q.has('email')) {
		const emails = q.all('email');
		emailContacts = new Set();
		for (const e of emails) {
			if (!EMAIL_RE.test(e)) throw badRequest('Email address is not valid');
			const cid = st.emailIndex.get(canonicalEmail(e));
			if (cid) emailContacts.add(cid);
		}
	}
	const now = ctx.emu.now();
	const appPosting = (o) => {
		const out = [];
		for (const id of o.applications) {
			const a = st.applications.get(id);
			if (a && a.posting) out.push(a.posting);
		}
		return out;
	};
	const filter = (o) => {
		if (conf !== 'all' && o.confidentiality !== conf) return false;
		if (tags && !o.tags.some((t) => tags.has(t))) return false;
		if (origins && !origins.has(o.origin)) return false;
		if (sources && !o.sources.some((s) => sources.has(s))) return false;
		if (stageIds && !stageIds.has(o.stage)) return false;
		if (reasonIds && !(o.archived && reasonIds.has(o.archived.reason))) return false;
		if (contactIds && !contactIds.has(o.contact)) return false;
		if (emailContacts && !emailContacts.has(o.contact)) return false;
		if (locations && !locations.has(o.opportunityLocation || 'unspecified')) return false;
		if (archived === true && !o.archived) return false;
		if (archived === false && o.archived) return false;
		if (snoozed !== undefined) {
			const isSnoozed = typeof o.snoozedUntil === 'number' && o.snoozedUntil > now;
			if (snoozed !== isSnoozed) return false;
		}
		if (created && !created(o.createdAt)) return false;
		if (updated && !updated(o.updatedAt)) return false;
		if (advanced && !advanced(o.lastAdvancedAt)) return false;
		if (archivedAt && !(o.archived && archivedAt(o.archived.archivedAt))) return false;
		if (postingIds && (o.archived || !appPosting(o).some((p) => postingIds.has(p)))) return false;
		if (archivedPostingIds && (!o.archived || !appPosting(o).some((p) => archivedPostingIds.has(p)))) return false;
		return true;
	};
	return paged(ctx, st.opportunities.values(), 'opportunity', { timeKey: st.opportunities.timeKey, filter, view: (o) => V.oppView(st, o) });
}

function getOpportunity(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	return single(ctx, o, 'opportunity', (x) => V.oppView(ctx.st, x));
}

function listDeletedOpportunities(ctx) {
	const f = rangeFilter(ctx.q, 'deleted_at');
	return paged(ctx, ctx.st.deletedOpportunities.values(), 'none', { timeKey: 'deletedAt', filter: f ? (r) => f(r.deletedAt) : undefined });
}

function normalizePhones(v) {
	return arr(v).map((p) => {
		if (typeof p === 'string') return { value: p };
		if (!p || typeof p !== 'object' || typeof p.value !== 'string') throw badRequest('phones must be an array of {value, type} objects');
		const out = { value: p.value };
		if (p.type !== undefined && p.type !== null && p.type !== '') out.type = enumField(p.type, 'phones.type', ['mobile', 'home', 'work', 'skype', 'other']);
		return out;
	});
}

function newResumeFromUpload(ctx, oppId, file, parse, uploadedAt) {
	const id = uuid();
	const ext = docs.extOf(file.filename);
	const rec = {
		id,
		createdAt: uploadedAt,
		file: { name: file.filename, ext, downloadUrl: `${ctx.emu.apiUrl}/opportunities/${oppId}/resumes/${id}/download`, uploadedAt, status: 'processed', size: file.data.length },
		parsedData: parse ? { positions: [], schools: [] } : { positions: [], schools: [] },
		_opp: oppId,
		_content: file.data,
		_contentType: file.contentType,
	};
	ctx.st.resumes.insert(rec);
	ctx.st.fileActions.insert({ id: uuid(), opportunityId: oppId, type: 'resume-imported', occurredAt: uploadedAt, createdAt: uploadedAt, user: { id: ctx.performAs ? ctx.performAs.id : null }, meta: { resumeId: id, fileName: file.filename } });
	return rec;
}

function newFileFromUpload(ctx, oppId, file, uploadedAt) {
	const id = uuid();
	const rec = {
		id,
		downloadUrl: `${ctx.emu.apiUrl}/opportunities/${oppId}/files/${id}/download`,
		ext: docs.extOf(file.filename),
		name: file.filename,
		uploadedAt,
		status: 'processed',
		size: file.data.length,
		_opp: oppId,
		_content: file.data,
		_contentType: file.contentType,
	};
	ctx.st.files.insert(rec);
	ctx.st.fileActions.insert({ id: uuid(), opportunityId: oppId, type: 'file-added', occurredAt: uploadedAt, createdAt: uploadedAt, user: { id: ctx.performAs ? ctx.performAs.id : null }, meta: { fileId: id, fileName: file.filename } });
	return rec;
}

function postingTags(p) {
	const c = p.categories || {};
	return [p.text, c.department, c.team, c.location, c.commitment].filter((x) => typeof x === 'string' && x !== '');
}

/**
 * Shared by POST /opportunities and POST /postings/{id}/apply.
 * Returns { opp, app, deduped, contactCreated }.
 */
/**
 * Lever's docs: not set without a posting; "unspecified" for a posting with several locations unless
 * one is chosen; otherwise the posting's location.
 */
function opportunityLocationFor(posting, chosen) {
	if (!posting) return null;
	if (chosen) return chosen;
	const all = posting.categories.allLocations || [];
	if (all.length > 1) return 'unspecified';
	return posting.categories.location || 'unspecified';
}

function createOpportunityRecord(ctx, input) {
	const st = ctx.st;
	const t = ctx.emu.stamp();
	let createdAt = t;
	if (input.createdAt !== undefined) {
		createdAt = num(input.createdAt, 'createdAt');
		if (createdAt > ctx.emu.now()) throw badRequest('createdAt cannot be in the future');
	}
	// contact resolution / dedupe
	let contact = null;
	let deduped = false;
	if (input.contact) {
		contact = st.contacts.get(input.contact);
		if (!contact) throw notFound(`Contact ${input.contact} was not found`);
		deduped = true;
	} else {
		for (const e of input.emails) {
			const cid = st.emailIndex.get(canonicalEmail(e));
			if (cid && st.contacts.get(cid)) {
				contact = st.contacts.get(cid);
				deduped = true;
				break;
			}
		}
	}
	let contactCreated = false;
	if (contact) {
		unindexContact(st, contact);
		if (!contact.name && input.name) contact.name = input.name;
		if (!contact.headline && input.headline) contact.headline = input.headline;
		if ((!contact.location || !contact.location.name) && input.location) contact.location = { name: input.location };
		for (const e of input.emails) if (!contact.emails.some((x) => canonicalEmail(x) === canonicalEmail(e))) contact.emails.push(e);
		for (const p of input.phones) if (!contact.phones.some((x) => x.value === p.value)) contact.phones.push(p);
		for (const l of input.links) if (!contact._links.includes(l)) contact._links.push(l);
		indexContact(st, contact);
	} else {
		contact = {
			id: uuid(),
			name: input.name || '',
			headline: input.headline || '',
			isAnonymized: false,
			location: { name: input.location || '' },
			emails: input.emails.slice(),
			phones: input.phones.slice(),
			_links: uniq(input.links),
			createdAt: t,
		};
		st.contacts.insert(contact);
		indexContact(st, contact);
		contactCreated = true;
	}
	const posting = input.posting;
	const origin = input.origin;
	// Lever's docs: without `stage` a new opportunity goes to New Lead, whatever its origin.
	const stageId = input.stage || 'lead-new';
	const stage = st.stages.get(stageId);
	const performer = input.performer;
	const tags = uniq([...input.tags, ...(posting ? postingTags(posting) : [])]);
	const opp = {
		id: uuid(),
		contact: contact.id,
		confidentiality: posting ? posting.confidentiality : 'non-confidential',
		stage: stageId,
		stageChanges: [{ toStageId: stageId, toStageIndex: stage._rank, userId: performer ? performer.id : null, updatedAt: createdAt }],
		archived: null,
		tags,
		sources: uniq(input.sources),
		origin,
		sourcedBy: origin === 'sourced' && performer ? performer.id : null,
		owner: input.owner,
		followers: uniq(input.followers),
		applications: [],
		resume: null,
		createdAt,
		updatedAt: t,
		lastInteractionAt: t,
		lastAdvancedAt: createdAt,
		snoozedUntil: null,
		urls: null,
		dataProtection: null,
		isAnonymized: false,
		opportunityLocation: opportunityLocationFor(posting, input.opportunityLocation),
	};
	opp.urls = oppUrls(opp.id);
	let app = null;
	if (posting) {
		app = {
			id: uuid(),
			opportunityId: opp.id,
			candidateId: opp.id,
			createdAt,
			type: input.applicationType || 'user',
			posting: posting.id,
			postingHiringManager: posting.hiringManager || null,
			postingOwner: posting.owner || null,
			user: input.applicationType === 'posting' ? null : performer ? performer.id : null,
			name: contact.name,
			email: contact.emails[0] || null,
			phone: contact.phones[0] || null,
			company: null,
			links: contact._links.slice(),
			comments: input.comments || null,
			customQuestions: input.customQuestions || [],
			archived: null,
			requisitionForHire: null,
		};
		opp.applications.push(app.id);
	}
	if (input.archived) {
		const reason = st.archiveReasons.get(input.archived.reason);
		if (!reason) throw notFound(`Archive reason ${input.archived.reason} was not found`);
		const at = input.archived.archivedAt !== undefined ? num(input.archived.archivedAt, 'archived.archivedAt') : t;
		if (at < createdAt) throw badRequest('archived.archivedAt must not be before createdAt');
		opp.archived = { reason: reason.id, archivedAt: at };
		if (app) app.archived = { ...opp.archived };
	}
	st.opportunities.insert(opp);
	linkOpportunity(st, opp);
	if (app) st.applications.insert(app);
	return { opp, app, deduped, contact, contactCreated };
}

function emitCreated(ctx, r) {
	if (r.contactCreated) ctx.emu.emit('contactCreated', { contactId: r.contact.id }, r.opp);
	ctx.emu.emit('applicationCreated', { ...oppEventBase(r.opp), applicationId: r.app ? r.app.id : null, postingId: r.app ? r.app.posting : null }, r.opp);
}

function createOpportunity(ctx) {
	const st = ctx.st;
	const b = body(ctx);
	const performer = ctx.performAs;
	const emails = strArray(b.emails, 'emails');
	for (const e of emails) if (!EMAIL_RE.test(e)) throw badRequest('Email address is not valid');
	const postings = strArray(b.postings, 'postings');
	if (postings.length > 1) throw badRequest('Only one posting can be specified per opportunity; repeat the request for each posting');
	let posting = null;
	if (postings.length) {
		posting = st.postings.get(postings[0]);
		if (!posting) throw notFound(`Posting ${postings[0]} was not found`);
		checkConfidential(ctx, posting);
	}
	if (b.stage !== undefined && b.stage !== null && b.stage !== '' && !st.stages.get(b.stage)) throw notFound('Stage was not found');
	const origin = enumField(b.origin, 'origin', ORIGINS, 'sourced');
	let owner = validUser(st, b.owner, 'owner');
	const postingOwner = boolField(ctx.q.one('perform_as_posting_owner'), 'perform_as_posting_owner', false);
	if (postingOwner) {
		if (!posting) throw badRequest('perform_as_posting_owner requires exactly one posting in postings');
		owner = st.users.get(posting.owner) || owner;
	}
	const followers = strArray(b.followers, 'followers');
	for (const f of followers) validUser(st, f, 'followers');
	// Lever's docs: `archived` without a `reason` is ignored (the opportunity is created active).
	const archived = b.archived && typeof b.archived === 'object' && b.archived.reason ? b.archived : null;
	const files = ctx.files || [];
	const resumeFiles = files.filter((f) => f.field === 'resumeFile');
	if (resumeFiles.length > 1) throw badRequest('Only one resumeFile can be uploaded');
	const otherFiles = files.filter((f) => f.field === 'files' || f.field === 'files[]' || /^files\[\d*\]$/.test(f.field));
	const r = createOpportunityRecord(ctx, {
		name: b.name,
		headline: b.headline,
		location: b.location,
		emails,
		phones: normalizePhones(b.phones),
		links: strArray(b.links, 'links'),
		tags: strArray(b.tags, 'tags'),
		sources: strArray(b.sources, 'sources'),
		origin,
		stage: b.stage || undefined,
		owner: owner ? owner.id : performer.id,
		followers: [...followers, performer.id],
		posting,
		createdAt: b.createdAt,
		archived,
		contact: b.contact,
		opportunityLocation: b.opportunityLocation,
		performer,
	});
	const t = r.opp.updatedAt;
	const parse = boolField(ctx.q.one('parse'), 'parse', false);
	if (resumeFiles.length) newResumeFromUpload(ctx, r.opp.id, resumeFiles[0], parse, t);
	for (const f of otherFiles) newFileFromUpload(ctx, r.opp.id, f, t);
	emitCreated(ctx, r);
	return { status: 201, body: { deduped: r.deduped, data: V.oppView(st, r.opp) } };
}

function changeStage(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	const stageId = required(b, 'stage');
	const stage = ctx.st.stages.get(stageId);
	if (!stage) throw notFound('Stage was not found');
	const from = o.stage;
	if (from !== stageId) {
		const t = touch(ctx, o);
		o.stage = stageId;
		o.lastAdvancedAt = t;
		o.stageChanges.push({ toStageId: stageId, toStageIndex: stage._rank, userId: ctx.performAs ? ctx.performAs.id : null, updatedAt: t });
		ctx.emu.emit('candidateStageChange', { ...oppEventBase(o), fromStageId: from, toStageId: stageId }, o);
	}
	return ok(V.oppView(ctx.st, o));
}

function changeArchived(ctx) {
	const st = ctx.st;
	const o = getOpp(ctx, ctx.params.opportunity);
	const b = body(ctx);
	if (!Object.prototype.hasOwnProperty.call(b, 'reason')) throw badRequest('Missing required field: reason');
	const cleanInterviews = boolField(b.cleanInterviews, 'cleanInterviews', false);
	const fromArchived = o.archived ? { ...o.archived } : null;
	const apps = o.applications.map((id) => st.applications.get(id)).filter(Boolean);
	if (b.reason === null || b.reason === '') {
		if (o.archived) {
			touch(ctx, o);
			o.archived = null;
			for (const a of apps) a.archived = null;
			ctx.emu.emit('candidateArchiveChange', { ...oppEventBase(o), fromArchived, toArchived: null }, o);
		}
		return ok(V.oppView(st, o));
	}
	const reason = st.archiveReasons.get(b.reason);
	if (!reason) throw notFound(`Archive reason ${b.reason} was not found`);
	let requisition = null;
	if (b.requisitionId !== undefined && b.requisitionId !== null && b.requisitionId !== '') {
		requisition = st.requisitions.get(b.requisitionId);
		if (!requisition) throw notFound(`Requisition ${b.requisitionId} was not found`);
		if (reason.type === 'hired') {
			if (requisition.status === 'closed') throw badRequest('Cannot hire against a closed requisition');
			const active = apps.filter((a) => !a.archived);
			if (active.length > 1) throw badRequest('Cannot hire: the profile has more than one active application');
			const offers = st.offers.children(o.id);
			const unsigned = offers.find((of) => ['sent', 'sent-manually', 'opened'].includes(of.status));
			if (unsigned) throw badRequest('Cannot hire: the extended offer has not been signed');
		}
	}
	const t = touch(ctx, o);
	o.archived = { reason: reason.id, archivedAt: t };
	for (const a of apps) a.archived = { reason: reason.id, archivedAt: t };
	if (cleanInterviews) {
		for (const iv of st.interviews.children(o.id).slice()) {
			if (iv.date > t) deleteInterviewRecord(ctx, o, iv);
		}
	}
	if (reason.type === 'hired' && requisition) {
		requisition.headcountHired = (requisition.headcountHired || 0) + 1;
		const myOffers = new Set(st.offers.children(o.id).map((of) => of.id));
		requisition.offerIds = requisition.offerIds.filter((id) => !myOffers.has(id));
		requisition.updatedAt = t;
		for (const a of apps) a.requisitionForHire = { id: requisition.id, requisitionCode: requisition.requisitionCode, hiringManagerOnHire: requisition.hiringManager };
	}
	ctx.emu.emit('candidateArchiveChange', { ...oppEventBase(o), fromArchived, toArchived: { ...o.archived } }, o);
	if (reason.type === 'hired' && !(fromArchived && fromArchived.reason === reason.id)) ctx.emu.emit('candidateHired', { ...oppEventBase(o) }, o);
	return ok(V.oppView(st, o));
}

function listEdit(field, op, target) {
	return (ctx) => {
		const o = getOpp(ctx, ctx.params.opportunity);
		const b = body(ctx);
		const values = strArray(required(b, field), field);
		const holder = target === 'contact' ? ctx.st.contacts.get(o.contact) : o;
		const key = target === 'contact' ? '_links' : field;
		if (op === 'add') holder[key] = uniq([...holder[key], ...values]);
		else holder[key] = holder[key].filter((x) => !values.includes(x));
		touch(ctx, o);
		if (target === 'contact') ctx.emu.emit('contactUpdated', { contactId: o.contact }, o);
		return ok(V.oppView(ctx.st, o));
	};
}

function listFileActions(ctx) {
	const o = getOpp(ctx, ctx.params.opportunity);
	const f = rangeFilter(ctx.q, 'occurred_at');
	return paged(ctx, ctx.st.fileActions.children(o.id), 'none', { filter: f ? (r) => f(r.occurredAt) : undefined });
}

// ------------------------------------------------------------------ applications
const { list: listApplications, get: getApplication } = childHandlers('applications', 'application', 'Application', 'application');
function listDeletedApplications(ctx) {
	const f = rangeFilter(ctx.q, 'deleted_at');
	return paged(ctx, ctx.st.deletedApplications.values(), 'none', { timeKey: 'deletedAt', filter: f ? (r) => f(r.deletedAt) : undefined });
}

module.exports = {
	helpers: { ok, noContent, list, arr, strArray, uniq, body, required, num, boolField, enumField, validUser, rangeFilter, noPagination, confidentialityParam, checkConfidential, getOpp, child, childHandlers, touch, oppEventBase, paged, single, EMAIL_RE, uuid, postingTags, normalizePhones, newFileFromUpload, createOpportunityRecord, emitCreated, parseStrictBoolQuery },
	opp: { listOpportunities, getOpportunity, listDeletedOpportunities, createOpportunity, changeStage, changeArchived, listEdit, listFileActions },
	apps: { listApplications, getApplication, listDeletedApplications },
};

// late-bound (defined in routes2.js)
function deleteInterviewRecord(ctx, o, iv) {
	return require('./routes2').deleteInterviewRecord(ctx, o, iv);
}
