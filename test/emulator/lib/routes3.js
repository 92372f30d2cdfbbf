'use strict';
/** Account-level resources: postings, users, stages, reasons, tags, sources, contacts, requisitions,
 * requisition fields, templates, uploads, audit events, EEO, surveys, webhooks. */
const crypto = require('crypto');
const { badRequest, notFound, forbidden, ApiError, paginate } = require('./http');
const V = require('./views');
const R = require('./routes');
const R2 = require('./routes2');
const D = require('./data');
const { buildContent, postingUrls } = require('./seed');
const { canonicalEmail, indexContact, unindexContact } = require('./state');

const H = R.helpers;
const { ok, noContent, list, body, required, num, boolField, enumField, validUser, rangeFilter, paged, single, uuid, arr, strArray, uniq } = H;

// ------------------------------------------------------------------ postings
const POSTING_STATES = ['published', 'internal', 'closed', 'draft', 'pending', 'rejected'];
const WORKPLACE = ['onsite', 'remote', 'hybrid', 'unspecified'];
const DESC_TAGS = ['div', 'p', 'span', 'br', 'b', 'i', 's', 'u', 'a'];
const LIST_TAGS = ['li', 'b', 'i', 's', 'u', 'a'];

function checkHtml(html, tags, attrs, field) {
	if (html === undefined || html === null) return;
	if (typeof html !== 'string') throw badRequest(`${field} must be a string`);
	const re = /<\/?([a-zA-Z0-9]+)([^>]*)>/g;
	let m;
	while ((m = re.exec(html))) {
		const tag = m[1].toLowerCase();
		if (!tags.includes(tag)) throw badRequest(`Invalid HTML in ${field}: <${tag}> is not allowed`);
		const attrRe = /([a-zA-Z-]+)\s*=/g;
		let a;
		while ((a = attrRe.exec(m[2]))) {
			if (!attrs.includes(a[1].toLowerCase())) throw badRequest(`Invalid HTML in ${field}: attribute ${a[1]} is not allowed`);
		}
	}
}

function postingFilterOnly(q) {
	const others = ['state', 'distributionChannel', 'team', 'department', 'location', 'commitment', 'level', 'tag', 'group'];
	if ((q.has('updated_at_start') || q.has('updated_at_end')) && others.some((k) => q.has(k))) {
		throw badRequest('updated_at_start and updated_at_end may only be combined with confidentiality');
	}
}

function listPostings(ctx) {
	const { q, st } = ctx;
	const conf = H.confidentialityParam(ctx);
	postingFilterOnly(q);
	const multi = (k) => {
		const v = q.all(k).filter((x) => x !== '');
		return v.length ? new Set(v) : null;
	};
	const states = multi('state');
	if (states) for (const s of states) if (!POSTING_STATES.includes(s)) throw badRequest(`state must be one of: ${POSTING_STATES.join(', ')}`);
	const channels = multi('distributionChannel') || new Set(['public']);
	for (const c of channels) if (c !== 'public' && c !== 'internal') throw badRequest('distributionChannel must be public or internal');
	const team = multi('team');
	const dept = multi('department');
	const loc = multi('location');
	const com = multi('commitment');
	const lvl = multi('level');
	const tag = multi('tag');
	if (q.has('group')) enumField(q.one('group'), 'group', ['location', 'team', 'department', 'commitment']);
	const upd = rangeFilter(q, 'updated_at');
	const filter = (p) => {
		if (conf !== 'all' && p.confidentiality !== conf) return false;
		if (states && !states.has(p.state)) return false;
		if (p.state === 'published') {
			const ch = p.distributionChannels || ['public', 'internal'];
			if (!ch.some((c) => channels.has(c))) return false;
		}
		const c = p.categories || {};
		if (team && !team.has(c.team)) return false;
		if (dept && !dept.has(c.department)) return false;
		if (loc && !(loc.has(c.location) || (c.allLocations || []).some((l) => loc.has(l)))) return false;
		if (com && !com.has(c.commitment)) return false;
		if (lvl && !lvl.has(c.level)) return false;
		if (tag && !(p.tags || []).some((t) => tag.has(t))) return false;
		if (upd && !upd(p.updatedAt)) return false;
		return true;
	};
	return paged(ctx, st.postings.values(), 'posting', { filter, view: V.postingView });
}

function getPostingRec(ctx, id) {
	const p = ctx.st.postings.get(id);
	if (!p) throw notFound(`Posting ${id} was not found`);
	H.checkConfidential(ctx, p);
	return p;
}
function getPosting(ctx) {
	if (ctx.q.has('distribution')) enumField(ctx.q.one('distribution'), 'distribution', ['internal', 'external']);
	return single(ctx, getPostingRec(ctx, ctx.params.posting), 'posting', V.postingView);
}
function listDeletedPostings(ctx) {
	const f = rangeFilter(ctx.q, 'deleted_at');
	return paged(ctx, ctx.st.deletedPostings.values(), 'none', { timeKey: 'deletedAt', filter: f ? (r) => f(r.deletedAt) : undefined });
}

function applyPostingFields(ctx, p, b, isCreate) {
	const st = ctx.st;
	if (b.confidentiality !== undefined && b.confidentiality !== p.confidentiality) {
		throw badRequest(isCreate ? 'Confidential postings cannot be created through the API' : 'The confidentiality of a posting cannot be changed');
	}
	if (b.text !== undefined) {
		if (typeof b.text !== 'string' || !b.text.trim()) throw badRequest('text must be a non-empty string');
		p.text = b.text;
	}
	if (b.state !== undefined) p.state = enumField(b.state, 'state', POSTING_STATES);
	if (b.distributionChannels !== undefined) {
		const ch = strArray(b.distributionChannels, 'distributionChannels');
		for (const c of ch) if (c !== 'public' && c !== 'internal') throw badRequest('distributionChannels must contain public and/or internal');
		p.distributionChannels = uniq(ch);
	}
	if (isCreate) {
		if (b.owner !== undefined) p.owner = validUser(st, b.owner, 'owner').id;
		if (b.hiringManager !== undefined) p.hiringManager = validUser(st, b.hiringManager, 'hiringManager').id;
	}
	if (b.categories !== undefined) {
		const c = b.categories || {};
		if (typeof c !== 'object') throw badRequest('categories must be an object');
		if (c.team && !c.department && !(p.categories && p.categories.department)) throw badRequest('categories.team is not a valid subset: a team must be given with its department');
		const loc = c.location !== undefined ? c.location : p.categories.location;
		p.categories = {
			team: c.team !== undefined ? c.team : p.categories.team,
			department: c.department !== undefined ? c.department : p.categories.department,
			location: loc,
			allLocations: c.allLocations !== undefined ? strArray(c.allLocations, 'categories.allLocations') : loc ? [loc] : [],
			commitment: c.commitment !== undefined ? c.commitment : p.categories.commitment,
			level: c.level !== undefined ? c.level : p.categories.level,
		};
	}
	if (b.tags !== undefined) p.tags = strArray(b.tags, 'tags');
	if (b.content !== undefined) {
		const c = b.content || {};
		checkHtml(c.descriptionHtml, DESC_TAGS, ['class', 'href', 'style'], 'content.descriptionHtml');
		checkHtml(c.closingPostingHtml, DESC_TAGS, ['class', 'href', 'style'], 'content.closingPostingHtml');
		for (const l of arr(c.lists)) checkHtml(l && l.content, LIST_TAGS, ['class', 'href'], 'content.lists.content');
		p.content = buildContent({ ...p.content, ...c, lists: c.lists !== undefined ? c.lists : p.content.lists, closingPostingHtml: c.closingPostingHtml !== undefined ? c.closingPostingHtml : p.content.closingHtml });
	}
	if (b.workplaceType !== undefined) {
		const w = enumField(b.workplaceType, 'workplaceType', WORKPLACE);
		if (w === 'unspecified' && p.workplaceType && p.workplaceType !== 'unspecified') throw badRequest('workplaceType cannot be changed back to unspecified');
		p.workplaceType = w;
	}
	if (b.requisitionCodes !== undefined) p.requisitionCodes = strArray(b.requisitionCodes, 'requisitionCodes');
	if (b.salaryDescriptionHtml !== undefined) {
		checkHtml(b.salaryDescriptionHtml, DESC_TAGS, ['class', 'href', 'style'], 'salaryDescriptionHtml');
		p.salaryDescriptionHtml = b.salaryDescriptionHtml || '';
		p.salaryDescription = p.salaryDescriptionHtml.replace(/<[^>]+>/g, '');
	}
	if (b.salaryRange !== undefined) {
		const s = b.salaryRange;
		if (s === null) p.salaryRange = null;
		else {
			const keys = ['min', 'max', 'currency', 'interval'];
			const given = keys.filter((k) => s[k] !== undefined && s[k] !== null && s[k] !== '');
			if (given.length && given.length !== 4) throw badRequest('salaryRange requires all of min, max, currency and interval');
			if (given.length) {
				const min = num(s.min, 'salaryRange.min');
				const max = num(s.max, 'salaryRange.max');
				if (min > max) throw badRequest('salaryRange.min must not exceed salaryRange.max');
				p.salaryRange = { min, max, currency: String(s.currency), interval: String(s.interval) };
			} else p.salaryRange = null;
		}
	}
}

function createPosting(ctx) {
	const b = body(ctx);
	required(b, 'text');
	const t = ctx.emu.stamp();
	const p = {
		id: uuid(),
		text: '',
		createdAt: t,
		updatedAt: t,
		user: ctx.performAs.id,
		owner: ctx.performAs.id,
		hiringManager: null,
		confidentiality: 'non-confidential',
		categories: { team: null, department: null, location: null, allLocations: [], commitment: null, level: null },
		content: buildContent({}),
		country: null,
		followers: [ctx.performAs.id],
		tags: [],
		state: 'draft',
		distributionChannels: ['public', 'internal'],
		reqCode: null,
		requisitionCodes: [],
		salaryDescription: '',
		salaryDescriptionHtml: '',
		salaryRange: null,
		urls: null,
		workplaceType: 'unspecified',
		_apiCreated: true,
	};
	applyPostingFields(ctx, p, b, true);
	p.urls = postingUrls(p);
	ctx.st.postings.insert(p);
	return ok(V.postingView(p), 201);
}
function updatePosting(ctx) {
	const p = getPostingRec(ctx, ctx.params.posting);
	const b = body(ctx);
	applyPostingFields(ctx, p, b, false);
	p.updatedAt = ctx.emu.stamp();
	p.urls = postingUrls(p);
	return ok(V.postingView(p));
}

function applicationForm(p) {
	const dd = (text, options) => ({ type: 'dropdown', text, required: false, options: options.map((o, i) => ({ text: o, optionId: `${text.toLowerCase().replace(/\W+/g, '-')}-${i}` })) });
	return {
		id: p.id,
		text: p.text,
		customQuestions: [
			{
				id: `cq-${p.id.slice(0, 8)}`,
				text: 'Additional questions',
				fields: [
					{ type: 'text', text: 'Why do you want to work here?', required: true, distribution: 'external' },
					{ type: 'multiple-choice', text: 'Are you authorized to work in this country?', required: true, options: [{ text: 'Yes' }, { text: 'No' }] },
				],
			},
		],
		eeoQuestions: {
			gender: dd('Gender', ['Female', 'Male', 'Decline to self-identify']),
			race: dd('Race', ['Asian', 'Black or African American', 'Hispanic or Latino', 'White', 'Decline to self-identify']),
			veteran: dd('Veteran status', ['I am not a protected veteran', 'I identify as a protected veteran', "I don't wish to answer"]),
			disability: dd('Disability', ['Yes, I have a disability', 'No, I do not have a disability', 'I do not wish to answer']),
			disabilitySignature: { type: 'text', text: 'Signature', required: false },
			disabilitySignatureDate: { type: 'date', text: 'Date', required: false },
		},
		personalInformation: [
			{ name: 'fullName', text: 'Full name', type: 'text', required: true, value: null },
			{ name: 'email', text: 'Email', type: 'email', required: true, value: null },
			{ name: 'phone', text: 'Phone', type: 'text', required: false, value: null },
			{ name: 'currentCompany', text: 'Current company', type: 'text', required: false, value: null },
			{ name: 'currentLocation', text: 'Current location', type: 'text', required: false, value: null },
			{ name: 'resume', text: 'Resume/CV', type: 'file-upload', required: false, value: null },
			{ name: 'preferredPostingLocation', text: 'Preferred location', type: 'dropdown', required: false, options: (p.categories.allLocations || []).map((l) => ({ text: l })), value: null },
			{ name: 'additionalInformation', text: 'Additional information', type: 'textarea', required: false, value: null },
		],
		urls: [
			{ name: 'LinkedIn', text: 'LinkedIn URL', type: 'url', required: false },
			{ name: 'GitHub', text: 'GitHub URL', type: 'url', required: false },
			{ name: 'Portfolio', text: 'Portfolio URL', type: 'url', required: false },
		],
		consentDisclosures: {
			store: { statement: 'Store my data for future openings.', statementHtml: '<p>Store my data for future openings.</p>', displayState: 'required', compliancePolicyId: 'policy-store' },
			marketing: { statement: 'Send me news about jobs.', statementHtml: '<p>Send me news about jobs.</p>', displayState: 'optional', compliancePolicyId: 'policy-marketing' },
		},
	};
}
function getApplyForm(ctx) {
	const p = getPostingRec(ctx, ctx.params.posting);
	if (ctx.q.has('distribution')) enumField(ctx.q.one('distribution'), 'distribution', ['internal', 'external']);
	const form = applicationForm(p);
	const dist = ctx.q.one('distribution');
	if (dist) for (const cq of form.customQuestions) cq.fields = cq.fields.filter((f) => !f.distribution || f.distribution === dist);
	return ok(form);
}
function apply(ctx) {
	const st = ctx.st;
	const p = getPostingRec(ctx, ctx.params.posting);
	if (p.state !== 'published' && p.state !== 'internal') throw badRequest('Applications can only be submitted to published or internal postings');
	if (!ctx.emu.takeApplyToken()) throw new ApiError(429, 'TooManyRequests', 'Too many applications submitted; the limit is 2 requests per second');
	const b = body(ctx);
	const pi = {};
	for (const x of arr(b.personalInformation)) if (x && x.name) pi[x.name] = x.value;
	if (!pi.fullName) throw badRequest('Missing required field: personalInformation.fullName');
	if (!pi.email) throw badRequest('Missing required field: personalInformation.email');
	if (!H.EMAIL_RE.test(String(pi.email))) throw badRequest('Email address is not valid');
	const origin = enumField(b.origin, 'origin', ['applied', 'internal'], 'applied');
	let resumeUpload = null;
	if (pi.resume) {
		resumeUpload = [...st.uploads.values()].find((u) => u.uri === pi.resume);
		if (!resumeUpload || resumeUpload.expiresAt < ctx.emu.now()) throw badRequest('resume must be the uri of an unexpired upload');
	}
	const links = arr(b.urls).map((u) => (u && u.value ? String(u.value) : null)).filter(Boolean);
	const r = H.createOpportunityRecord(ctx, {
		name: pi.fullName,
		headline: pi.currentCompany || '',
		location: pi.currentLocation || '',
		emails: [String(pi.email)],
		phones: pi.phone ? [{ value: String(pi.phone) }] : [],
		links,
		tags: [],
		sources: b.source ? [String(b.source)] : ['Job site'],
		origin,
		stage: 'applicant-new', // inferred: an application through a posting starts as New Applicant
		owner: p.owner,
		followers: uniq([p.owner].filter(Boolean)),
		posting: p,
		contact: undefined,
		opportunityLocation: pi.preferredPostingLocation,
		performer: null,
		applicationType: 'posting',
		comments: pi.additionalInformation || null,
		customQuestions: arr(b.customQuestions),
	});
	if (resumeUpload) {
		const rid = uuid();
		st.resumes.insert({
			id: rid,
			createdAt: r.opp.createdAt,
			file: { name: resumeUpload.filename, ext: require('./documents').extOf(resumeUpload.filename), downloadUrl: `${ctx.emu.apiUrl}/opportunities/${r.opp.id}/resumes/${rid}/download`, uploadedAt: r.opp.createdAt, status: 'processed', size: resumeUpload.size },
			parsedData: { positions: [], schools: [] },
			_opp: r.opp.id,
			_content: resumeUpload._content,
			_contentType: resumeUpload._contentType,
		});
	}
	if (b.eeoResponses && typeof b.eeoResponses === 'object') {
		const e = b.eeoResponses;
		st.eeoResponses.insert({
			id: uuid(),
			applicationId: r.app.id,
			applicationTitle: p.text,
			applicationArchivedAt: null,
			applicationArchivedBy: null,
			applicationArchiveReason: null,
			appliedAt: r.opp.createdAt,
			currentStage: r.opp.stage,
			contact: r.contact.id,
			opportunityId: r.opp.id,
			opportunityOwner: r.opp.owner,
			hiringManager: p.hiringManager,
			posting: p.id,
			origin,
			sources: r.opp.sources,
			eeoResponseSource: 'application',
			eeoSurveyRespondedAt: r.opp.createdAt,
			hiredDate: null,
			gender: e.gender || null,
			race: e.race || null,
			veteran: e.veteran || null,
			disability: e.disability || null,
			disabilitySignatureDate: e.disabilitySignatureDate || null,
			requisitionCodes: p.requisitionCodes.slice(),
		});
	}
	H.emitCreated(ctx, r);
	return ok({ applicationId: r.app.id }, 201);
}

const ROLE_IDS = { 'super admin': 'owner', admin: 'admin', 'team member': 'team', 'limited team member': 'limited' };
function postingUsers(ctx) {
	const st = ctx.st;
	const p = getPostingRec(ctx, ctx.params.posting);
	const users = [];
	const seen = new Set();
	for (const u of st.users.values()) {
		if (u.deactivatedAt) continue;
		if (u.accessRole === 'super admin' || u.accessRole === 'admin') {
			users.push({ id: u.id, name: u.name, email: u.email, inheritedFromRoleId: ROLE_IDS[u.accessRole] });
			seen.add(u.id);
		}
	}
	for (const id of uniq([p.owner, p.hiringManager, ...(p.followers || [])].filter(Boolean))) {
		const u = st.users.get(id);
		if (u && !seen.has(id) && !u.deactivatedAt) {
			users.push({ id: u.id, name: u.name, email: u.email, conditions: { postingIds: [p.id] } });
			seen.add(id);
		}
	}
	return {
		status: 200,
		body: {
			posting: { id: p.id, text: p.text },
			users,
			roles: [
				{ id: 'owner', name: 'Super Admin', isReadOnly: true },
				{ id: 'admin', name: 'Admin', isReadOnly: true },
				{ id: 'team', name: 'Team Member', isReadOnly: true, conditions: { postingIds: [p.id] } },
				{ id: 'limited', name: 'Limited Team Member', isReadOnly: true, conditions: { postingIds: [p.id] } },
			],
		},
	};
}

// ------------------------------------------------------------------ users
const ROLES = ['super admin', 'admin', 'team member', 'limited team member', 'interviewer'];
function listUsers(ctx) {
	const { q, st } = ctx;
	const roles = [...q.all('accessRole'), ...q.all('accessRole[]')];
	const roleSet = roles.length ? new Set(roles) : null;
	const email = q.one('email');
	const inclDeact = q.bool('includeDeactivated') === true;
	const ext = q.one('external_directory_id');
	const filter = (u) => {
		if (!inclDeact && u.deactivatedAt) return false;
		if (roleSet && !roleSet.has(u.accessRole)) return false;
		if (email !== undefined && canonicalEmail(u.email) !== canonicalEmail(email)) return false;
		if (ext !== undefined && u.externalDirectoryId !== ext) return false;
		return true;
	};
	return paged(ctx, st.users.values(), 'none', { filter });
}
function getUserRec(ctx) {
	const u = ctx.st.users.get(ctx.params.user);
	if (!u) throw notFound(`User ${ctx.params.user} was not found`);
	return u;
}
function validateUserBody(ctx, b, self) {
	const name = required(b, 'name');
	const email = required(b, 'email');
	if (typeof email !== 'string' || !H.EMAIL_RE.test(email)) throw badRequest('Email address is not valid at /email');
	const domains = ctx.emu.options.userEmailDomains;
	if (domains && domains.length && !domains.includes(email.split('@')[1].toLowerCase())) throw badRequest(`Email domain must be one of: ${domains.join(', ')} at /email`);
	for (const u of ctx.st.users.values()) if (u !== self && canonicalEmail(u.email) === canonicalEmail(email)) throw badRequest('A user already exists with that email address. at /email');
	const accessRole = b.accessRole === undefined || b.accessRole === null || b.accessRole === '' ? 'interviewer' : String(b.accessRole);
	if (!ROLES.includes(accessRole) && !/^[0-9a-f-]{36}$/.test(accessRole)) throw badRequest(`accessRole must be one of: ${ROLES.join(', ')} or a custom role id`);
	if (b.managerId) validUser(ctx.st, b.managerId, 'managerId');
	return { name: String(name), email, accessRole };
}
function createUser(ctx) {
	const b = body(ctx);
	const v = validateUserBody(ctx, b, null);
	const u = {
		id: uuid(),
		name: v.name,
		username: v.email.split('@')[0],
		email: v.email,
		createdAt: ctx.emu.stamp(),
		deactivatedAt: null,
		accessRole: v.accessRole,
		photo: null,
		externalDirectoryId: b.externalDirectoryId || null,
		linkedContactIds: null,
		jobTitle: b.jobTitle || null,
		managerId: b.managerId || null,
	};
	ctx.st.users.insert(u);
	return ok(u, 201);
}
function updateUser(ctx) {
	const u = getUserRec(ctx);
	const b = body(ctx);
	if (b.accessRole === undefined) throw badRequest('Missing required field: accessRole');
	const v = validateUserBody(ctx, b, u);
	Object.assign(u, { name: v.name, email: v.email, username: v.email.split('@')[0], accessRole: v.accessRole, externalDirectoryId: b.externalDirectoryId || null, jobTitle: b.jobTitle || null, managerId: b.managerId || null });
	return ok(u);
}
function deactivateUser(ctx) {
	const u = getUserRec(ctx);
	if (!u.deactivatedAt) u.deactivatedAt = ctx.emu.stamp();
	return ok(u);
}
function reactivateUser(ctx) {
	const u = getUserRec(ctx);
	u.deactivatedAt = null;
	return ok(u);
}

// ------------------------------------------------------------------ stages, reasons, tags, sources
const stageView = (s) => ({ id: s.id, text: s.text });
function listStages(ctx) {
	return paged(ctx, ctx.st.stages.values(), 'none', { timeKey: '_rank', view: stageView });
}
function getStage(ctx) {
	const s = ctx.st.stages.get(ctx.params.stage);
	if (!s) throw notFound('Stage was not found');
	return ok(stageView(s));
}
function dispositionStages(ctx) {
	return ok({
		stages: ctx.st.stages.values().map((s) => ({ id: s.id, text: s.text, pipeline: s._pipeline, rank: s._rank + 0.5, hasInterview: s._hasInterview })),
		archiveReasons: ctx.st.archiveReasons.values().map((r) => ({ id: r.id, text: r.text, type: r.type, status: r.status })),
	});
}
const reasonView = (r) => ({ id: r.id, text: r.text, status: r.status, type: r.type });
function listArchiveReasons(ctx) {
	const type = enumField(ctx.q.one('type'), 'type', ['hired', 'non-hired']);
	return paged(ctx, ctx.st.archiveReasons.values(), 'none', { timeKey: '_rank', view: reasonView, filter: type ? (r) => r.type === type : undefined });
}
function getArchiveReason(ctx) {
	const r = ctx.st.archiveReasons.get(ctx.params.archive_reason);
	if (!r) throw notFound('Archive reason was not found');
	return ok(reasonView(r));
}
function countList(ctx, field) {
	const counts = new Map();
	for (const o of ctx.st.opportunities.values()) for (const t of o[field]) counts.set(t, (counts.get(t) || 0) + 1);
	// Alphabetical ignoring case, as Lever sorts them; the exact text breaks ties (and keeps the cursor total).
	const items = [...counts]
		.map(([text, count]) => ({ text, count, _sort: `${text.toLowerCase()}\u0000${text}` }))
		.sort((a, b) => (a._sort < b._sort ? -1 : a._sort > b._sort ? 1 : 0));
	return list(paginate(items, { q: ctx.q, idKey: '_sort', timeKey: '_none', map: ({ text, count }) => ({ text, count }) }));
}

// ------------------------------------------------------------------ contacts
function getContactRec(ctx) {
	const c = ctx.st.contacts.get(ctx.params.contact);
	if (!c) throw notFound(`Contact ${ctx.params.contact} was not found`);
	return c;
}
function getContact(ctx) {
	return ok(V.contactView(getContactRec(ctx)));
}
function updateContact(ctx) {
	const st = ctx.st;
	const c = getContactRec(ctx);
	const b = body(ctx);
	const emails = b.emails !== undefined ? strArray(b.emails, 'emails') : null;
	if (emails) for (const e of emails) if (!H.EMAIL_RE.test(e)) throw badRequest('Email address is not valid');
	unindexContact(st, c);
	if (b.name !== undefined) c.name = String(b.name);
	if (b.headline !== undefined) c.headline = String(b.headline);
	if (b.location !== undefined) c.location = { name: typeof b.location === 'object' && b.location ? b.location.name : String(b.location) };
	if (emails) c.emails = uniq(emails);
	if (b.phones !== undefined) c.phones = H.normalizePhones(b.phones);
	indexContact(st, c);
	const t = ctx.emu.stamp();
	for (const o of st.oppsByContact.get(c.id) || []) {
		o.updatedAt = t;
	}
	const opps = st.oppsByContact.get(c.id) || [];
	ctx.emu.emit('contactUpdated', { contactId: c.id }, opps[0]);
	return ok(V.contactView(c));
}

// ------------------------------------------------------------------ requisitions
const REQ_STATUS = ['open', 'onHold', 'closed', 'draft'];
const EMPLOYMENT = ['full-time', 'part-time', 'intern', 'contractor', 'temp-worker'];
function listRequisitions(ctx) {
	const { q, st } = ctx;
	const conf = H.confidentialityParam(ctx);
	const created = rangeFilter(q, 'created_at');
	const codes = q.all('requisition_code');
	const statuses = q.all('status');
	for (const s of statuses) enumField(s, 'status', REQ_STATUS);
	const filter = (r) => {
		if (conf !== 'all' && r.confidentiality !== conf) return false;
		if (created && !created(r.createdAt)) return false;
		if (codes.length && !codes.includes(r.requisitionCode)) return false;
		if (statuses.length && !statuses.includes(r.status)) return false;
		return true;
	};
	return paged(ctx, st.requisitions.values(), 'requisition', { filter });
}
function getReqRec(ctx) {
	const r = ctx.st.requisitions.get(ctx.params.requisition);
	if (!r) throw notFound(`Requisition ${ctx.params.requisition} was not found`);
	H.checkConfidential(ctx, r);
	return r;
}
function getRequisition(ctx) {
	return single(ctx, getReqRec(ctx), 'requisition');
}
function validateCustomFields(ctx, cf) {
	if (cf === undefined || cf === null) cf = {};
	if (typeof cf !== 'object' || Array.isArray(cf)) throw badRequest('customFields must be an object');
	const fields = ctx.st.requisitionFields;
	for (const [k, v] of Object.entries(cf)) {
		const f = fields.get(k);
		if (!f) throw badRequest(`customFields.${k} is not a requisition field`);
		if (v === null) continue;
		if (f.type === 'number' && typeof v !== 'number') throw badRequest(`customFields.${k} must be a number`);
		if (f.type === 'date' && typeof v !== 'number') throw badRequest(`customFields.${k} must be a timestamp`);
		if (f.type === 'text' && typeof v !== 'string') throw badRequest(`customFields.${k} must be a string`);
		if (f.type === 'dropdown' && !(f.options || []).some((o) => o.id === v || o.text === v)) throw badRequest(`customFields.${k} must be one of the field's option ids`);
		if (f.type === 'object') {
			if (typeof v !== 'object') throw badRequest(`customFields.${k} must be an object`);
			for (const sk of Object.keys(v)) if (!(f.subfields || []).some((s) => s.id === sk)) throw badRequest(`customFields.${k}.${sk} is not a subfield`);
		}
	}
	for (const f of fields.values()) if (f.isRequired && (cf[f.id] === undefined || cf[f.id] === null)) throw badRequest(`customFields.${f.id} is required`);
	return cf;
}
function requisitionFromBody(ctx, b, existing) {
	const st = ctx.st;
	const code = required(b, 'requisitionCode');
	const name = required(b, 'name');
	const hc = required(b, 'headcountTotal');
	if (!(hc === 'unlimited' || (Number.isInteger(Number(hc)) && Number(hc) > 0))) throw badRequest('headcountTotal must be a positive integer or "unlimited"');
	for (const r of st.requisitions.values()) if (r !== existing && r.requisitionCode === code) throw badRequest('requisitionCode must be unique');
	const status = enumField(b.status, 'status', REQ_STATUS, 'open');
	if (existing && status === 'draft' && existing.status !== 'draft') throw badRequest('A requisition cannot return to draft');
	const postingIds = strArray(b.postingIds, 'postingIds');
	let confidentiality = 'non-confidential';
	for (const pid of postingIds) {
		const p = st.postings.get(pid);
		if (!p) throw badRequest(`Posting ${pid} was not found`);
		if (p.confidentiality === 'confidential') {
			H.checkConfidential(ctx, p);
			confidentiality = 'confidential';
		}
	}
	let cb = null;
	if (b.compensationBand) {
		const c = b.compensationBand;
		cb = { currency: c.currency || null, interval: c.interval || null, min: num(c.min, 'compensationBand.min') ?? null, max: num(c.max, 'compensationBand.max') ?? null };
	}
	const requester = ctx.performAs || null;
	return {
		requisitionCode: String(code),
		name: String(name),
		backfill: boolField(b.backfill, 'backfill', false),
		confidentiality,
		headcountTotal: hc === 'unlimited' ? 'unlimited' : Number(hc),
		headcountInfinite: hc === 'unlimited',
		status,
		compensationBand: cb,
		employmentStatus: enumField(b.employmentStatus, 'employmentStatus', EMPLOYMENT, null),
		hiringManager: b.hiringManager ? validUser(st, b.hiringManager, 'hiringManager').id : null,
		owner: b.owner ? validUser(st, b.owner, 'owner').id : existing ? existing.owner : requester ? requester.id : null,
		internalNotes: b.internalNotes || '',
		location: b.location || null,
		team: b.team || null,
		department: b.department || null,
		postings: postingIds,
		customFields: validateCustomFields(ctx, b.customFields),
	};
}
function createRequisition(ctx) {
	const b = body(ctx);
	const f = requisitionFromBody(ctx, b, null);
	const t = ctx.emu.stamp();
	const r = {
		id: uuid(),
		...f,
		createdAt: b.createdAt !== undefined ? num(b.createdAt, 'createdAt') : t,
		updatedAt: t,
		creator: ctx.performAs ? ctx.performAs.id : null,
		headcountHired: 0,
		offerIds: [],
		approval: null,
		closedAt: f.status === 'closed' ? t : null,
		timeToFillStartAt: t,
		timeToFillEndAt: null,
		_apiCreated: true,
	};
	if (r.createdAt > t) r.createdAt = t;
	ctx.st.requisitions.insert(r);
	return ok(r, 201);
}
function updateRequisition(ctx) {
	const r = getReqRec(ctx);
	const f = requisitionFromBody(ctx, body(ctx), r);
	const t = ctx.emu.stamp();
	if (f.status === 'closed' && r.status !== 'closed') r.closedAt = t;
	Object.assign(r, f, { updatedAt: t });
	return ok(r);
}
function deleteRequisition(ctx) {
	const r = getReqRec(ctx);
	ctx.st.requisitions.remove(r.id);
	return noContent();
}

// ------------------------------------------------------------------ requisition fields
const FIELD_TYPES = ['number', 'text', 'date', 'object', 'dropdown'];
const fieldView = (f) => {
	const out = { id: f.id, text: f.text, type: f.type, isRequired: f.isRequired };
	if (f.type === 'object') out.subfields = f.subfields || [];
	if (f.type === 'dropdown') out.options = f.options || [];
	return out;
};
function listRequisitionFields(ctx) {
	const req = ctx.q.bool('isRequired');
	const type = ctx.q.one('type');
	if (type !== undefined) enumField(type, 'type', FIELD_TYPES);
	const data = ctx.st.requisitionFields.values().filter((f) => (req === undefined || f.isRequired === req) && (type === undefined || f.type === type)).map(fieldView);
	return { status: 200, body: { data } };
}
function getReqField(ctx) {
	const f = ctx.st.requisitionFields.get(ctx.params.requisition_field);
	// Recorded from Lever (amp-labs/connectors' Lever test data): not the generic ResourceNotFound.
	if (!f) throw new ApiError(404, 'NotFoundError', "That requisition field doesn't exist on your account");
	return f;
}
function fieldFromBody(ctx, b, id) {
	const text = required(b, 'text');
	const type = enumField(required(b, 'type'), 'type', FIELD_TYPES);
	const f = { id, text: String(text), type, isRequired: boolField(b.isRequired, 'isRequired', false) };
	if (type === 'object') {
		if (!Array.isArray(b.subfields) || !b.subfields.length) throw badRequest('subfields are required for object fields');
		if (b.subfields.length > 10) throw badRequest('An object field can have at most 10 subfields');
		f.subfields = b.subfields.map((s) => {
			if (!s || !s.id || !s.text) throw badRequest('subfields need id and text');
			return { id: String(s.id), text: String(s.text), type: enumField(s.type, 'subfields.type', ['number', 'text', 'date'], 'text') };
		});
	}
	if (type === 'dropdown') {
		if (!Array.isArray(b.options) || !b.options.length) throw badRequest('options are required for dropdown fields');
		if (b.options.length > 4000) throw badRequest('At most 4000 options can be sent in one request');
		f.options = b.options.map((o) => {
			const text = typeof o === 'string' ? o : o && o.text;
			if (!text) throw badRequest('options need text');
			return { id: (o && o.id) || uuid(), text: String(text) };
		});
	}
	return f;
}
function createRequisitionField(ctx) {
	const b = body(ctx);
	const id = required(b, 'id');
	if (typeof id !== 'string' || !/^[a-z0-9_]{1,50}$/.test(id)) throw badRequest('id must be snake_case and at most 50 characters');
	if (ctx.st.requisitionFields.get(id)) throw badRequest(`A requisition field with id ${id} already exists`);
	if (ctx.st.requisitionFields.size >= 100) throw badRequest('An account can have at most 100 requisition fields');
	const f = fieldFromBody(ctx, b, id);
	const last = ctx.st.requisitionFields.values().slice(-1)[0];
	f._rank = last ? last._rank + 1 : 0;
	f._apiCreated = true;
	ctx.st.requisitionFields.insert(f);
	return ok(fieldView(f), 201);
}
function updateRequisitionField(ctx) {
	const cur = getReqField(ctx);
	const f = fieldFromBody(ctx, body(ctx), cur.id);
	delete cur.subfields;
	delete cur.options;
	Object.assign(cur, f);
	return ok(fieldView(cur));
}
function dropdownField(ctx) {
	const f = getReqField(ctx);
	if (f.type !== 'dropdown') throw badRequest('Options can only be changed on dropdown fields');
	return f;
}
function addOptions(ctx) {
	const f = dropdownField(ctx);
	const b = body(ctx);
	if (!Array.isArray(b.values) || !b.values.length) throw badRequest('Missing required field: values');
	if (b.values.length > 4000) throw badRequest('At most 4000 options can be sent in one request');
	if (f.options.length + b.values.length > 8000) throw badRequest('A dropdown can have at most 8000 options');
	for (const v of b.values) {
		if (!v || !v.text) throw badRequest('values must be an array of {text}');
		f.options.push({ id: uuid(), text: String(v.text) });
	}
	return ok(fieldView(f), 201);
}
function renameOptions(ctx) {
	const f = dropdownField(ctx);
	const b = body(ctx);
	if (!Array.isArray(b.values) || !b.values.length) throw badRequest('Missing required field: values');
	for (const v of b.values) {
		const o = v && f.options.find((x) => x.id === v.id);
		if (!o) throw badRequest(`Option ${v && v.id} was not found`);
		if (!v.text) throw badRequest('values must be an array of {id, text}');
		o.text = String(v.text);
	}
	return ok(fieldView(f));
}
function removeOptions(ctx) {
	const f = dropdownField(ctx);
	const b = body(ctx);
	if (!Array.isArray(b.values) || !b.values.length) throw badRequest('Missing required field: values');
	for (const id of b.values) if (!f.options.some((o) => o.id === id)) throw badRequest(`Option ${id} was not found`);
	f.options = f.options.filter((o) => !b.values.includes(o.id));
	return noContent();
}
function deleteRequisitionField(ctx) {
	const f = getReqField(ctx);
	ctx.st.requisitionFields.remove(f.id);
	return noContent();
}

// ------------------------------------------------------------------ feedback & form templates
const FB_FIELD_TYPES = ['code', 'date', 'dropdown', 'file-upload', 'multiple-choice', 'multiple-select', 'score-system', 'score', 'scorecard', 'text', 'textarea', 'yes-no', 'university', 'currency', 'note'];
function templateFields(fields, types, kind) {
	if (!Array.isArray(fields)) throw badRequest('Missing required field: fields');
	return fields.map((f) => {
		if (!f || typeof f !== 'object') throw badRequest('fields must be an array of objects');
		const type = enumField(f.type, 'fields.type', types);
		if (!type) throw badRequest('fields.type is required');
		if (!f.text) throw badRequest('fields.text is required');
		const out = { id: uuid(), type, text: String(f.text), description: f.description || '', required: boolField(f.required, 'fields.required', false) };
		if (['dropdown', 'multiple-choice', 'multiple-select'].includes(type)) {
			if (!Array.isArray(f.options) || !f.options.length) throw badRequest(`fields of type ${type} need options`);
			out.options = f.options.map((o) => ({ text: String(typeof o === 'string' ? o : o.text) }));
			if (f.prompt) out.prompt = f.prompt;
		}
		if (type === 'score-system') out.options = [{ text: '4 - Strong Hire' }, { text: '3 - Hire' }, { text: '2 - No Hire' }, { text: '1 - Strong No Hire' }];
		if (type === 'scorecard') {
			if (!Array.isArray(f.scores) || !f.scores.length) throw badRequest('scorecard fields need scores');
			out.scores = f.scores.map((s) => ({ text: String(s.text), description: s.description || '' }));
		}
		if (type === 'currency') out.currency = f.currency || 'USD';
		return out;
	});
}
function templateCrud(coll, kind) {
	const isFb = kind === 'feedback';
	const label = isFb ? 'Feedback template' : 'Form template';
	const param = isFb ? 'feedback_template' : 'form_template';
	const get = (ctx) => {
		const t = ctx.st[coll].get(ctx.params[param]);
		if (!t) throw notFound(`${label} ${ctx.params[param]} was not found`);
		return t;
	};
	const fromBody = (ctx, b) => {
		const text = required(b, 'text');
		const fields = templateFields(b.fields, isFb ? FB_FIELD_TYPES : R2.FORM_TYPES, kind);
		if (isFb && fields.filter((f) => f.type === 'score-system').length !== 1) throw badRequest('Feedback templates must contain exactly one score-system field');
		if (!isFb && !fields.length) throw badRequest('Form templates need at least one field');
		const out = { text: String(text), instructions: b.instructions || '', group: b.group ? { id: String(b.group), name: null } : null, fields };
		if (!isFb) out.secretByDefault = boolField(b.secretByDefault, 'secretByDefault', false);
		return out;
	};
	return {
		list(ctx) {
			if (!isFb) {
				const inc = ctx.q.all('include');
				for (const i of inc) enumField(i, 'include', ['text', 'group', 'fields']);
			}
			return paged(ctx, ctx.st[coll].values(), 'none');
		},
		get(ctx) {
			return ok(get(ctx));
		},
		create(ctx) {
			const f = fromBody(ctx, body(ctx));
			const t = ctx.emu.stamp();
			const rec = { id: uuid(), ...f, createdAt: t, updatedAt: t, _apiCreated: true };
			if (isFb) rec.stage = null;
			ctx.st[coll].insert(rec);
			return ok(rec, 201);
		},
		update(ctx) {
			const rec = get(ctx);
			if (rec.id === 'no-feedback') throw forbidden('The built-in no-feedback template cannot be changed');
			Object.assign(rec, fromBody(ctx, body(ctx)), { updatedAt: ctx.emu.stamp() });
			return ok(rec);
		},
		remove(ctx) {
			const rec = get(ctx);
			if (!rec._apiCreated) throw forbidden('Only templates created through the API can be deleted');
			ctx.st[coll].remove(rec.id);
			return noContent();
		},
	};
}
const feedbackTemplates = templateCrud('feedbackTemplates', 'feedback');
const formTemplates = templateCrud('formTemplates', 'form');

// ------------------------------------------------------------------ uploads
function createUpload(ctx) {
	const file = (ctx.files || []).find((f) => f.field === 'file');
	if (!file) throw badRequest('Missing required file: file');
	// Lever's documented example: the id is a UUID followed by `-<filename>`, and the uri ends with that id.
	const key = uuid();
	const t = ctx.emu.stamp();
	const rec = {
		id: `${key}-${file.filename}`,
		createdAt: t,
		expiresAt: t + 24 * 3600 * 1000,
		filename: file.filename,
		uri: `${ctx.emu.apiUrl}/uploads/${key}-${encodeURIComponent(file.filename)}`,
		size: file.data.length,
		_content: file.data,
		_contentType: file.contentType,
	};
	ctx.st.uploads.insert(rec);
	return ok({ expiresAt: rec.expiresAt, filename: rec.filename, id: rec.id, uri: rec.uri, size: rec.size }, 200);
}

// ------------------------------------------------------------------ audit events
function listAuditEvents(ctx) {
	const q = ctx.q;
	const types = q.all('type');
	const userId = q.one('user_id');
	const targetType = q.one('target_type');
	const targetId = q.one('target_id');
	if (targetId !== undefined && targetType === undefined) throw badRequest('target_id requires target_type');
	const created = rangeFilter(q, 'created_at');
	const filter = (e) => {
		if (types.length && !types.includes(e.type)) return false;
		if (userId !== undefined && (userId === 'null' ? e.user !== null : !e.user || e.user.id !== userId)) return false;
		if (targetType !== undefined && e.type.split(/[.:]/)[0] !== targetType) return false;
		if (targetId !== undefined && (!e.target || e.target.id !== targetId)) return false;
		if (created && !created(e.createdAt)) return false;
		return true;
	};
	return paged(ctx, ctx.st.auditEvents.values(), 'none', { filter });
}

// ------------------------------------------------------------------ EEO, surveys
const EEO_PII_ONLY = ['contact', 'opportunityId', 'opportunityOwner', 'hiringManager', 'applicationId', 'applicationArchivedBy'];
function listEeo(ctx) {
	const q = ctx.q;
	const from = q.ms('fromDate');
	const to = q.ms('toDate');
	const filter = (e) => (from === undefined || e.appliedAt >= from) && (to === undefined || e.appliedAt <= to);
	V.parseExpand(q, 'none');
	return paged(ctx, ctx.st.eeoResponses.values(), 'none', {
		timeKey: 'appliedAt',
		filter,
		view: (e) => {
			const o = { ...e };
			for (const k of EEO_PII_ONLY) delete o[k];
			return o;
		},
	});
}
function listEeoPii(ctx) {
	const created = rangeFilter(ctx.q, 'created_at');
	return paged(ctx, ctx.st.eeoResponses.values(), 'eeo', { timeKey: 'appliedAt', filter: created ? (e) => created(e.appliedAt) : undefined });
}
function listDiversitySurveys(ctx) {
	const p = ctx.st.postings.get(ctx.params.posting);
	if (!p) throw notFound(`Posting ${ctx.params.posting} was not found`);
	const cc = ctx.q.one('country_code');
	const loc = ctx.q.one('location');
	const filter = (s) => {
		if (cc !== undefined && !(s.candidateLocations && s.candidateLocations.countryCodes.includes(cc.toUpperCase()))) return false;
		if (loc !== undefined && !(s.postingLocations && s.postingLocations.locations.includes(loc))) return false;
		return true;
	};
	return paged(ctx, ctx.st.diversitySurveys.values(), 'none', { filter });
}

// ------------------------------------------------------------------ webhooks
const EVENTS = ['applicationCreated', 'candidateHired', 'candidateStageChange', 'candidateArchiveChange', 'candidateDeleted', 'interviewCreated', 'interviewUpdated', 'interviewDeleted', 'contactCreated', 'contactUpdated'];
/** Events that take the candidate-origin condition (D); the others carry an empty configuration. */
const CONDITION_EVENTS = ['applicationCreated', 'candidateArchiveChange', 'candidateHired', 'candidateStageChange'];
const webhookView = (w) => ({ id: w.id, url: w.url, event: w.event, configuration: w.conditions ? { conditions: w.conditions } : {}, createdAt: w.createdAt, updatedAt: w.updatedAt });
function validUrl(u) {
	if (typeof u !== 'string') throw badRequest('url must be a string');
	let parsed;
	try {
		parsed = new URL(u);
	} catch (e) {
		throw badRequest('url must be a valid URL');
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badRequest('url must be an https URL');
	return u;
}
/** Stored conditions of a webhook: null for events that take none (a request that sends some is refused). */
function conditionsFrom(configuration, event) {
	const c = configuration && configuration.conditions;
	if (!CONDITION_EVENTS.includes(event)) {
		if (c !== undefined && c !== null) throw badRequest(`${event} webhooks take no conditions; only ${CONDITION_EVENTS.join(', ')} do`);
		return null;
	}
	if (!c || c.origins === undefined) return { origins: D.ORIGINS.slice() };
	const origins = strArray(c.origins, 'configuration.conditions.origins');
	for (const o of origins) if (!D.ORIGINS.includes(o)) throw badRequest(`configuration.conditions.origins must be among: ${D.ORIGINS.join(', ')}`);
	return { origins };
}
function listWebhooks(ctx) {
	return { status: 200, body: { data: ctx.st.webhooks.values().map(webhookView) } };
}
function createWebhook(ctx) {
	const b = body(ctx);
	const url = validUrl(required(b, 'url'));
	const event = required(b, 'event');
	if (!EVENTS.includes(event)) throw badRequest(`event must be one of: ${EVENTS.join(', ')}`);
	const t = ctx.emu.stamp();
	const w = { id: uuid(), url, event, conditions: conditionsFrom(b.configuration, event), createdAt: t, updatedAt: t, _signatureToken: crypto.randomBytes(24).toString('hex'), _apiCreated: true };
	ctx.st.webhooks.insert(w);
	const v = webhookView(w);
	v.configuration.signatureToken = w._signatureToken;
	return ok(v, 201);
}
function updateWebhooks(ctx) {
	const b = body(ctx);
	if (!Array.isArray(b.data)) throw badRequest('Missing required field: data (array of webhooks)');
	const plan = b.data.map((x) => {
		if (!x || !x.id) throw badRequest('Every webhook in data needs an id');
		const w = ctx.st.webhooks.get(x.id);
		if (!w) throw notFound(`Webhook ${x.id} was not found`);
		if (!w._apiCreated) throw forbidden('Only webhooks created through the API can be updated');
		return { w, url: x.url !== undefined ? validUrl(x.url) : undefined, conditions: x.configuration !== undefined ? conditionsFrom(x.configuration, w.event) : undefined };
	});
	const t = ctx.emu.stamp();
	for (const p of plan) {
		if (p.url !== undefined) p.w.url = p.url;
		if (p.conditions !== undefined) p.w.conditions = p.conditions;
		p.w.updatedAt = t;
	}
	return ok(plan.map((p) => webhookView(p.w)));
}
function deleteWebhook(ctx) {
	const w = ctx.st.webhooks.get(ctx.params.webhookId);
	if (!w) throw notFound(`Webhook ${ctx.params.webhookId} was not found`);
	if (!w._apiCreated) throw forbidden('Only webhooks created through the API can be deleted');
	ctx.st.webhooks.remove(w.id);
	return noContent();
}

module.exports = {
	EVENTS,
	CONDITION_EVENTS,
	webhookView,
	h: {
		listPostings, getPosting, listDeletedPostings, createPosting, updatePosting, getApplyForm, apply, postingUsers,
		listUsers, getUser: (ctx) => ok(getUserRec(ctx)), createUser, updateUser, deactivateUser, reactivateUser,
		listStages, getStage, dispositionStages, listArchiveReasons, getArchiveReason,
		listTags: (ctx) => countList(ctx, 'tags'), listSources: (ctx) => countList(ctx, 'sources'),
		getContact, updateContact,
		listRequisitions, getRequisition, createRequisition, updateRequisition, deleteRequisition,
		listRequisitionFields, getRequisitionField: (ctx) => ok(fieldView(getReqField(ctx))), createRequisitionField, updateRequisitionField, addOptions, renameOptions, removeOptions, deleteRequisitionField,
		feedbackTemplates, formTemplates,
		createUpload, listAuditEvents, listEeo, listEeoPii, listDiversitySurveys,
		listWebhooks, createWebhook, updateWebhooks, deleteWebhook,
	},
};
