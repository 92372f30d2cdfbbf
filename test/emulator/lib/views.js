'use strict';
/** Output shapes (views), expand and include handling. */
const { badRequest } = require('./http');

function userObj(st, id) {
	if (id === null || id === undefined) return id;
	return st.users.get(id) || null;
}
function usersArr(st, ids) {
	return Array.isArray(ids) ? ids.map((id) => st.users.get(id) || null).filter(Boolean) : ids;
}
function stageObj(st, id) {
	if (!id) return id;
	const s = st.stages.get(id);
	return s ? { id: s.id, text: s.text } : null;
}
function postingRef(st, id) {
	if (!id) return id;
	return st.postings.get(id) || st.deletedPostings.get(id) || null;
}

function oppView(st, o) {
	const c = st.contacts.get(o.contact) || { emails: [], phones: [], _links: [] };
	return {
		id: o.id,
		name: c.name === undefined ? null : c.name,
		headline: c.headline === undefined ? null : c.headline,
		contact: o.contact,
		emails: c.emails.slice(),
		phones: c.phones.map((p) => ({ ...p })),
		confidentiality: o.confidentiality,
		location: c.location ? c.location.name : null,
		links: (c._links || []).slice(),
		createdAt: o.createdAt,
		updatedAt: o.updatedAt,
		lastInteractionAt: o.lastInteractionAt,
		lastAdvancedAt: o.lastAdvancedAt,
		snoozedUntil: o.snoozedUntil,
		stage: o.stage,
		stageChanges: o.stageChanges.map((s) => ({ ...s })),
		owner: o.owner,
		tags: o.tags.slice(),
		sources: o.sources.slice(),
		origin: o.origin,
		sourcedBy: o.sourcedBy,
		applications: o.applications.slice(),
		resume: null,
		followers: o.followers.slice(),
		urls: { ...o.urls },
		dataProtection: o.dataProtection,
		isAnonymized: o.isAnonymized,
		opportunityLocation: o.opportunityLocation,
		archived: o.archived ? { ...o.archived } : null,
	};
}

function postingView(p) {
	const out = { ...p };
	if (p.state !== 'published') out.distributionChannels = null;
	else if (!p.distributionChannels) out.distributionChannels = ['public', 'internal'];
	return out;
}

function contactView(c) {
	const out = { id: c.id, name: c.name, headline: c.headline, isAnonymized: c.isAnonymized, location: c.location, emails: c.emails, phones: c.phones };
	if (c.dataProtection) out.dataProtection = c.dataProtection;
	return out;
}

function panelView(st, p) {
	const interviews = st.interviews.children(p._opp).filter((iv) => iv.panel === p.id);
	return {
		...p,
		interviews: interviews.map((iv) => ({
			id: iv.id,
			date: iv.date,
			duration: iv.duration,
			feedbackReminder: iv.feedbackReminder,
			feedbackTemplate: iv.feedbackTemplate,
			interviewers: iv.interviewers.map((x) => ({ id: x.id, email: x.email, name: x.name, responseStatus: x.responseStatus || 'needsAction', feedbackTemplate: x.feedbackTemplate })),
			location: iv.location,
			note: iv.note,
			subject: iv.subject,
		})),
	};
}

/** Expanders per resource kind: field → (value, state) → expanded value */
const EXPANDERS = {
	opportunity: {
		applications: (v, st) => v.map((id) => st.applications.get(id)).filter(Boolean),
		stage: (v, st) => stageObj(st, v),
		owner: (v, st) => userObj(st, v),
		followers: (v, st) => usersArr(st, v),
		sourcedBy: (v, st) => userObj(st, v),
		contact: (v, st) => {
			const c = st.contacts.get(v);
			return c ? contactView(c) : v;
		},
	},
	application: {
		posting: (v, st) => postingRef(st, v),
		postingOwner: (v, st) => userObj(st, v),
		postingHiringManager: (v, st) => userObj(st, v),
		user: (v, st) => userObj(st, v),
	},
	posting: {
		user: (v, st) => userObj(st, v),
		owner: (v, st) => userObj(st, v),
		hiringManager: (v, st) => userObj(st, v),
		followers: (v, st) => usersArr(st, v),
	},
	interview: {
		feedbackForms: (v, st) => v.map((id) => st.feedback.get(id)).filter(Boolean),
		user: (v, st) => userObj(st, v),
		stage: (v, st) => stageObj(st, v),
		postings: (v, st) => v.map((id) => postingRef(st, id)).filter(Boolean),
	},
	panel: { user: (v, st) => userObj(st, v), stage: (v, st) => stageObj(st, v) },
	feedback: { user: (v, st) => userObj(st, v) },
	note: { user: (v, st) => userObj(st, v) },
	form: { user: (v, st) => userObj(st, v), stage: (v, st) => stageObj(st, v) },
	referral: { referrer: (v, st) => userObj(st, v), user: (v, st) => userObj(st, v), stage: (v, st) => stageObj(st, v) },
	offer: { creator: (v, st) => userObj(st, v) },
	requisition: {
		creator: (v, st) => userObj(st, v),
		hiringManager: (v, st) => userObj(st, v),
		owner: (v, st) => userObj(st, v),
		postings: (v, st) => v.map((id) => postingRef(st, id)).filter(Boolean),
	},
	eeo: {
		contact: (v, st) => {
			const c = st.contacts.get(v);
			return c ? contactView(c) : v;
		},
		hiringManager: (v, st) => userObj(st, v),
		posting: (v, st) => postingRef(st, v),
	},
	none: {},
};

/** Validate `expand` values for a resource kind. */
function parseExpand(q, kind) {
	const allowed = EXPANDERS[kind] || {};
	if (q.has('expand[]')) throw badRequest(`${q.all('expand[]').join(',')} is not expandable`);
	const vals = q.all('expand');
	for (const v of vals) {
		if (!Object.prototype.hasOwnProperty.call(allowed, v)) throw badRequest(`${v} is not expandable`);
	}
	return [...new Set(vals)];
}

function parseInclude(q) {
	if (q.has('include[]')) throw badRequest(`Invalid query parameter: include[]`);
	return q.all('include').filter(Boolean);
}

/** Build a shaper that applies expand then include to a plain view object. */
function shaper(st, q, kind) {
	const expands = parseExpand(q, kind);
	const includes = parseInclude(q);
	const ex = EXPANDERS[kind] || {};
	return (obj) => {
		let out = obj;
		if (expands.length) {
			out = { ...obj };
			for (const e of expands) if (out[e] !== undefined && out[e] !== null) out[e] = ex[e](out[e], st);
		}
		if (includes.length) {
			const sel = { id: out.id };
			for (const f of includes) if (out[f] !== undefined) sel[f] = out[f];
			for (const e of expands) if (out[e] !== undefined) sel[e] = out[e];
			out = sel;
		}
		return out;
	};
}

module.exports = { oppView, postingView, contactView, panelView, shaper, parseExpand, EXPANDERS, userObj, stageObj };
