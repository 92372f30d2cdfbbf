'use strict';
/** The emulator's router table: 106 Lever operations with scope (any of) and perform_as rule. */
const R = require('./routes');
const R2 = require('./routes2').h;
const R3 = require('./routes3').h;

const O = R.opp;
const A = R.apps;
const s = (name, mode) => `${name}:${mode}:admin`;

// [method, path, scopes (any-of; a write scope also grants read), perform_as, handler]
const ROUTES = [
	['GET', '/opportunities', [s('opportunities', 'read')], null, O.listOpportunities],
	['GET', '/opportunities/{opportunity}', [s('opportunities', 'read')], null, O.getOpportunity],
	['GET', '/opportunities/deleted', [s('opportunities', 'read')], null, O.listDeletedOpportunities],
	['POST', '/opportunities', [s('opportunities', 'write')], 'R', O.createOpportunity],
	['PUT', '/opportunities/{opportunity}/stage', [s('opportunities', 'write')], 'O', O.changeStage],
	['PUT', '/opportunities/{opportunity}/archived', [s('opportunities', 'write')], 'O', O.changeArchived],
	['POST', '/opportunities/{opportunity}/addLinks', [s('opportunities', 'write'), s('contact', 'write')], 'O', O.listEdit('links', 'add', 'contact')],
	['POST', '/opportunities/{opportunity}/removeLinks', [s('opportunities', 'write'), s('contact', 'write')], 'O', O.listEdit('links', 'remove', 'contact')],
	['POST', '/opportunities/{opportunity}/addTags', [s('opportunities', 'write')], 'O', O.listEdit('tags', 'add')],
	['POST', '/opportunities/{opportunity}/removeTags', [s('opportunities', 'write')], 'O', O.listEdit('tags', 'remove')],
	['POST', '/opportunities/{opportunity}/addSources', [s('opportunities', 'write')], 'O', O.listEdit('sources', 'add')],
	['POST', '/opportunities/{opportunity}/removeSources', [s('opportunities', 'write')], 'O', O.listEdit('sources', 'remove')],
	['GET', '/opportunities/{opportunity}/file_actions', [s('opportunities', 'read'), s('files', 'read')], null, O.listFileActions],
	['GET', '/opportunities/{opportunity}/applications', [s('applications', 'read')], null, A.listApplications],
	['GET', '/opportunities/{opportunity}/applications/{application}', [s('applications', 'read')], null, A.getApplication],
	['GET', '/applications/deleted', [s('applications', 'read')], null, A.listDeletedApplications],
	['GET', '/opportunities/{opportunity}/feedback', [s('feedback', 'read')], null, R2.listFeedback],
	['GET', '/opportunities/{opportunity}/feedback/{feedback}', [s('feedback', 'read')], null, R2.getFeedback],
	['POST', '/opportunities/{opportunity}/feedback', [s('feedback', 'write')], 'R', R2.createFeedback],
	['PUT', '/opportunities/{opportunity}/feedback/{feedback}', [s('feedback', 'write')], 'R', R2.updateFeedback],
	['DELETE', '/opportunities/{opportunity}/feedback/{feedback}', [s('feedback', 'write')], 'R', R2.deleteFeedback],
	['GET', '/opportunities/{opportunity}/files', [s('files', 'read')], null, R2.listFiles],
	['GET', '/opportunities/{opportunity}/files/{file}', [s('files', 'read')], null, R2.getFile],
	['GET', '/opportunities/{opportunity}/files/{file}/download', [s('files', 'read')], null, R2.downloadFile],
	['POST', '/opportunities/{opportunity}/files', [s('files', 'write')], 'R', R2.uploadFile],
	['DELETE', '/opportunities/{opportunity}/files/{file}', [s('files', 'write')], 'R', R2.deleteFile],
	['GET', '/opportunities/{opportunity}/interviews', [s('interviews', 'read')], null, R2.listInterviews],
	['GET', '/opportunities/{opportunity}/interviews/{interview}', [s('interviews', 'read')], null, R2.getInterview],
	['POST', '/opportunities/{opportunity}/interviews', [s('interviews', 'write')], 'R', R2.createInterview],
	['PUT', '/opportunities/{opportunity}/interviews/{interview}', [s('interviews', 'write')], 'R', R2.updateInterview],
	['DELETE', '/opportunities/{opportunity}/interviews/{interview}', [s('interviews', 'write')], 'R', R2.deleteInterview],
	['GET', '/opportunities/{opportunity}/notes', [s('notes', 'read')], null, R2.listNotes],
	['GET', '/opportunities/{opportunity}/notes/{note}', [s('notes', 'read')], null, R2.getNote],
	['POST', '/opportunities/{opportunity}/notes', [s('notes', 'write')], 'O', R2.createNote],
	['PUT', '/opportunities/{opportunity}/notes/{note}', [s('notes', 'write')], null, R2.updateNote],
	['DELETE', '/opportunities/{opportunity}/notes/{noteId}', [s('notes', 'write')], null, R2.deleteNote],
	['GET', '/opportunities/{opportunity}/offers', [s('offers', 'read')], null, R2.listOffers],
	['GET', '/opportunities/{opportunity}/offers/{offer}/download', [s('offers', 'read')], null, R2.downloadOffer],
	['GET', '/opportunities/{opportunity}/panels', [s('panels', 'read')], null, R2.listPanels],
	['GET', '/opportunities/{opportunity}/panels/{panel}', [s('panels', 'read')], null, R2.getPanel],
	['POST', '/opportunities/{opportunity}/panels', [s('panels', 'write')], 'R', R2.createPanel],
	['PUT', '/opportunities/{opportunity}/panels/{panel}', [s('panels', 'write')], 'R', R2.updatePanel],
	['DELETE', '/opportunities/{opportunity}/panels/{panel}', [s('panels', 'write')], 'R', R2.deletePanel],
	['GET', '/opportunities/{opportunity}/forms', [s('forms', 'read')], null, R2.listForms],
	['GET', '/opportunities/{opportunity}/forms/{form}', [s('forms', 'read')], null, R2.getForm],
	['POST', '/opportunities/{opportunity}/forms', [s('forms', 'write')], 'O', R2.createForm],
	['GET', '/opportunities/{opportunity}/referrals', [s('referrals', 'read')], null, R2.listReferrals],
	['GET', '/opportunities/{opportunity}/referrals/{referral}', [s('referrals', 'read')], null, R2.getReferral],
	['GET', '/opportunities/{opportunity}/resumes', [s('resumes', 'read')], null, R2.listResumes],
	['GET', '/opportunities/{opportunity}/resumes/{resume}', [s('resumes', 'read')], null, R2.getResume],
	['GET', '/opportunities/{opportunity}/resumes/{resume}/download', [s('resumes', 'read')], null, R2.downloadResume],
	['GET', '/postings', [s('postings', 'read')], null, R3.listPostings],
	['GET', '/postings/{posting}', [s('postings', 'read')], null, R3.getPosting],
	['GET', '/postings/deleted', [s('postings', 'read')], null, R3.listDeletedPostings],
	['POST', '/postings', [s('postings', 'write')], 'R', R3.createPosting],
	['POST', '/postings/{posting}', [s('postings', 'write')], 'R', R3.updatePosting],
	['GET', '/postings/{posting}/apply', [s('postings', 'read')], null, R3.getApplyForm],
	['POST', '/postings/{posting}/apply', [s('postings', 'write')], null, R3.apply],
	['GET', '/postings/{posting}/users', [s('postings', 'read')], null, R3.postingUsers],
	['GET', '/users', [s('users', 'read')], null, R3.listUsers],
	['GET', '/users/{user}', [s('users', 'read')], null, R3.getUser],
	['POST', '/users', [s('users', 'write')], null, R3.createUser],
	['PUT', '/users/{user}', [s('users', 'write')], null, R3.updateUser],
	['POST', '/users/{user}/deactivate', [s('users', 'write')], null, R3.deactivateUser],
	['POST', '/users/{user}/reactivate', [s('users', 'write')], null, R3.reactivateUser],
	['GET', '/stages', [s('stages', 'read')], null, R3.listStages],
	['GET', '/stages/{stage}', [s('stages', 'read')], null, R3.getStage],
	['GET', '/disposition_stages', [s('stages', 'read'), s('archive_reasons', 'read')], null, R3.dispositionStages],
	['GET', '/archive_reasons', [s('archive_reasons', 'read')], null, R3.listArchiveReasons],
	['GET', '/archive_reasons/{archive_reason}', [s('archive_reasons', 'read')], null, R3.getArchiveReason],
	['GET', '/tags', [s('tags', 'read')], null, R3.listTags],
	['GET', '/sources', [s('sources', 'read')], null, R3.listSources],
	['GET', '/contacts/{contact}', [s('contact', 'read')], null, R3.getContact],
	['PUT', '/contacts/{contact}', [s('contact', 'write')], null, R3.updateContact],
	['GET', '/requisitions', [s('requisitions', 'read')], null, R3.listRequisitions],
	['GET', '/requisitions/{requisition}', [s('requisitions', 'read')], null, R3.getRequisition],
	['POST', '/requisitions', [s('requisitions', 'write')], null, R3.createRequisition],
	['PUT', '/requisitions/{requisition}', [s('requisitions', 'write')], null, R3.updateRequisition],
	['DELETE', '/requisitions/{requisition}', [s('requisitions', 'write')], null, R3.deleteRequisition],
	['GET', '/requisition_fields', [s('requisition_fields', 'read')], null, R3.listRequisitionFields],
	['GET', '/requisition_fields/{requisition_field}', [s('requisition_fields', 'read')], null, R3.getRequisitionField],
	['POST', '/requisition_fields', [s('requisition_fields', 'write')], null, R3.createRequisitionField],
	['PUT', '/requisition_fields/{requisition_field}', [s('requisition_fields', 'write')], null, R3.updateRequisitionField],
	['POST', '/requisition_fields/{requisition_field}/options', [s('requisition_fields', 'write')], null, R3.addOptions],
	['PUT', '/requisition_fields/{requisition_field}/options', [s('requisition_fields', 'write')], null, R3.renameOptions],
	['DELETE', '/requisition_fields/{requisition_field}/options', [s('requisition_fields', 'write')], null, R3.removeOptions],
	['DELETE', '/requisition_fields/{requisition_field}', [s('requisition_fields', 'write')], null, R3.deleteRequisitionField],
	['GET', '/feedback_templates', [s('feedback_templates', 'read')], null, R3.feedbackTemplates.list],
	['GET', '/feedback_templates/{feedback_template}', [s('feedback_templates', 'read')], null, R3.feedbackTemplates.get],
	['POST', '/feedback_templates', [s('feedback_templates', 'write')], null, R3.feedbackTemplates.create],
	['PUT', '/feedback_templates/{feedback_template}', [s('feedback_templates', 'write')], null, R3.feedbackTemplates.update],
	['DELETE', '/feedback_templates/{feedback_template}', [s('feedback_templates', 'write')], null, R3.feedbackTemplates.remove],
	['GET', '/form_templates', [s('form_templates', 'read')], null, R3.formTemplates.list],
	['GET', '/form_templates/{form_template}', [s('form_templates', 'read')], null, R3.formTemplates.get],
	['POST', '/form_templates', [s('form_templates', 'write')], null, R3.formTemplates.create],
	['PUT', '/form_templates/{form_template}', [s('form_templates', 'write')], null, R3.formTemplates.update],
	['DELETE', '/form_templates/{form_template}', [s('form_templates', 'write')], null, R3.formTemplates.remove],
	['POST', '/uploads', [s('uploads', 'write')], null, R3.createUpload],
	['GET', '/audit_events', [s('audit_events', 'read')], null, R3.listAuditEvents],
	['GET', '/eeo/responses', [s('eeo_responses', 'read'), s('eeo_responses_pii', 'read')], null, R3.listEeo],
	['GET', '/eeo/responses/pii', [s('eeo_responses_pii', 'read')], null, R3.listEeoPii],
	['GET', '/surveys/diversity/{posting}', [s('diversity_surveys', 'read')], null, R3.listDiversitySurveys],
	['GET', '/webhooks', [s('webhooks', 'read')], null, R3.listWebhooks],
	['POST', '/webhooks', [s('webhooks', 'write')], null, R3.createWebhook],
	['PUT', '/webhooks', [s('webhooks', 'write')], null, R3.updateWebhooks],
	['DELETE', '/webhooks/{webhookId}', [s('webhooks', 'write')], null, R3.deleteWebhook],
];

function compile(routes) {
	return routes.map(([method, path, scopes, pa, handler]) => {
		const segs = path.split('/').filter(Boolean);
		return {
			method,
			path,
			key: `${method} ${path}`,
			scopes,
			pa,
			handler,
			segs: segs.map((sg) => (sg.startsWith('{') ? { param: sg.slice(1, -1) } : { lit: sg })),
			literals: segs.filter((sg) => !sg.startsWith('{')).length,
		};
	});
}

const COMPILED = compile(ROUTES);

/** Match a /v1-relative path. Returns { route, params } or { methodMismatch } or null. */
function match(method, path) {
	const segs = path.split('/').filter(Boolean).map((x) => {
		try {
			return decodeURIComponent(x);
		} catch (e) {
			return x;
		}
	});
	let best = null;
	let pathMatched = false;
	for (const r of COMPILED) {
		if (r.segs.length !== segs.length) continue;
		const params = {};
		let okm = true;
		for (let i = 0; i < segs.length; i++) {
			const sg = r.segs[i];
			if (sg.lit !== undefined) {
				if (sg.lit !== segs[i]) {
					okm = false;
					break;
				}
			} else params[sg.param] = segs[i];
		}
		if (!okm) continue;
		pathMatched = true;
		if (r.method !== method) continue;
		if (!best || r.literals > best.route.literals) best = { route: r, params };
	}
	if (best) return best;
	return pathMatched ? { methodMismatch: true } : null;
}

/** Template of a path for logging, also for unmatched methods. */
function templateOf(path) {
	const segs = path.split('/').filter(Boolean);
	let best = null;
	for (const r of COMPILED) {
		if (r.segs.length !== segs.length) continue;
		if (r.segs.every((sg, i) => sg.lit === undefined || sg.lit === segs[i]) && (!best || r.literals > best.literals)) best = r;
	}
	return best ? best.path : null;
}

module.exports = { ROUTES: COMPILED, match, templateOf };
