'use strict';
/** The emulator's in-memory account: collections plus indexes. */
const { Collection } = require('./collection');

const COLLECTIONS = {
	users: {},
	stages: { timeKey: '_rank' },
	archiveReasons: { timeKey: '_rank' },
	postings: {},
	deletedPostings: { timeKey: 'deletedAt' },
	contacts: {},
	opportunities: { timeKey: 'lastInteractionAt' }, // Lever lists them by recent activity; change it via rekey
	deletedOpportunities: { timeKey: 'deletedAt' },
	applications: { parentKey: 'opportunityId' },
	deletedApplications: { timeKey: 'deletedAt' },
	notes: { parentKey: '_opp' },
	panels: { parentKey: '_opp' },
	interviews: { parentKey: '_opp' },
	feedback: { parentKey: '_opp' },
	offers: { parentKey: '_opp' },
	files: { parentKey: '_opp', timeKey: 'uploadedAt' },
	resumes: { parentKey: '_opp' },
	forms: { parentKey: '_opp' },
	referrals: { parentKey: '_opp' },
	fileActions: { parentKey: 'opportunityId' },
	requisitions: {},
	requisitionFields: { timeKey: '_rank' },
	feedbackTemplates: {},
	formTemplates: {},
	uploads: {},
	auditEvents: {},
	eeoResponses: { timeKey: 'appliedAt' },
	diversitySurveys: {},
	webhooks: {},
};

function createState() {
	const state = {};
	for (const [name, opts] of Object.entries(COLLECTIONS)) state[name] = new Collection(name, opts);
	state.emailIndex = new Map(); // canonical email -> contact id
	state.oppsByContact = new Map(); // contact id -> opportunity[]
	state.seq = 0;
	return state;
}

function canonicalEmail(e) {
	return String(e).trim().toLowerCase();
}

function indexContact(state, contact) {
	for (const e of contact.emails || []) {
		const k = canonicalEmail(e);
		if (!state.emailIndex.has(k)) state.emailIndex.set(k, contact.id);
	}
}

function unindexContact(state, contact) {
	for (const e of contact.emails || []) {
		const k = canonicalEmail(e);
		if (state.emailIndex.get(k) === contact.id) state.emailIndex.delete(k);
	}
}

function linkOpportunity(state, opp) {
	let arr = state.oppsByContact.get(opp.contact);
	if (!arr) state.oppsByContact.set(opp.contact, (arr = []));
	arr.push(opp);
}

function unlinkOpportunity(state, opp) {
	const arr = state.oppsByContact.get(opp.contact);
	if (!arr) return;
	const i = arr.indexOf(opp);
	if (i >= 0) arr.splice(i, 1);
}

function counts(state) {
	const out = {};
	for (const name of Object.keys(COLLECTIONS)) out[name] = state[name].size;
	return out;
}

module.exports = { COLLECTIONS, createState, canonicalEmail, indexContact, unindexContact, linkOpportunity, unlinkOpportunity, counts };
