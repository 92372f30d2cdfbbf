'use strict';
/**
 * Deterministic seed generator: a realistic Lever account from (seed, sizes).
 * Everything depends only on the seed and the sizes (and ctx.apiUrl for download links).
 */
const { Rng, mixSeed } = require('./prng');
const D = require('./data');
const { indexContact, linkOpportunity } = require('./state');

const DAY = 86400000;
const DEFAULT_SEED_NOW = Date.UTC(2026, 9, 1, 12, 0, 0); // "today" of the seeded account

const ACCESS_ROLES = ['super admin', 'admin', 'team member', 'limited team member', 'interviewer'];

function sizesFor(opts) {
	const n = Math.max(0, opts.opportunities === undefined ? 50 : Math.floor(opts.opportunities));
	const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
	const users = opts.users !== undefined ? Math.max(6, opts.users) : clamp(12 + Math.floor(n / 100), 12, 400);
	const postings = opts.postings !== undefined ? Math.max(3, opts.postings) : clamp(8 + Math.floor(n / 25), 8, 600);
	const requisitions = opts.requisitions !== undefined ? opts.requisitions : Math.ceil(postings * 0.6);
	const deletedOpportunities = opts.deletedOpportunities !== undefined ? opts.deletedOpportunities : Math.ceil(n * 0.02);
	const auditEvents = opts.auditEvents !== undefined ? opts.auditEvents : users * 6;
	return { opportunities: n, users, postings, requisitions, deletedOpportunities, auditEvents };
}

function slug(s) {
	return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function fileUrl(ctx, oppId, kind, id) {
	return `${ctx.apiUrl}/opportunities/${oppId}/${kind}/${id}/download`;
}

function oppUrls(id) {
	return { list: 'https://hire.lever.co/candidates', show: `https://hire.lever.co/candidates/${id}` };
}

function postingUrls(p) {
	if (p.state === 'draft' || p.state === 'pending' || p.state === 'rejected') return null;
	const show = `https://jobs.lever.co/${D.SITE}/${p.id}`;
	return { list: `https://jobs.lever.co/${D.SITE}`, show, apply: `${show}/apply` };
}

function htmlToText(html) {
	return String(html || '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li)>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/\n{2,}/g, '\n')
		.trim();
}

function buildContent(input) {
	const c = input || {};
	const descriptionHtml = c.descriptionHtml || '';
	const closingHtml = c.closingPostingHtml !== undefined ? c.closingPostingHtml : c.closingHtml || '';
	return {
		description: htmlToText(descriptionHtml),
		descriptionHtml,
		lists: (c.lists || []).map((l) => ({ text: l.text, content: l.content })),
		closing: htmlToText(closingHtml),
		closingHtml,
	};
}

function builtinFeedbackTemplates(rng, t0) {
	const score = {
		id: rng.uuid(),
		type: 'score-system',
		text: 'Rating',
		description: 'Overall recommendation',
		required: true,
		options: [{ text: '4 - Strong Hire' }, { text: '3 - Hire' }, { text: '2 - No Hire' }, { text: '1 - Strong No Hire' }],
	};
	const mk = (id, text, fields, extra = {}) => ({
		id,
		text,
		group: null,
		instructions: extra.instructions || '',
		createdAt: t0,
		updatedAt: t0,
		stage: null,
		fields,
		_apiCreated: false,
	});
	return [
		mk('no-feedback', 'No feedback', []),
		mk(rng.uuid(), 'Phone screen', [
			{ ...score, id: rng.uuid() },
			{ id: rng.uuid(), type: 'textarea', text: 'Summary', description: '', required: false },
			{ id: rng.uuid(), type: 'yes-no', text: 'Meets salary expectations?', description: '', required: false },
		]),
		mk(rng.uuid(), 'Technical interview', [
			{ ...score, id: rng.uuid() },
			{ id: rng.uuid(), type: 'scorecard', text: 'Skills', description: '', required: false, scores: [{ text: 'Problem solving', description: '' }, { text: 'Code quality', description: '' }] },
			{ id: rng.uuid(), type: 'multiple-select', text: 'Languages discussed', description: '', required: false, options: [{ text: 'TypeScript' }, { text: 'Go' }, { text: 'Python' }, { text: 'Java' }] },
			{ id: rng.uuid(), type: 'text', text: 'Notes', description: '', required: false },
		]),
		mk(rng.uuid(), 'Culture interview', [
			{ ...score, id: rng.uuid() },
			{ id: rng.uuid(), type: 'dropdown', text: 'Team fit', description: '', required: false, options: [{ text: 'Strong' }, { text: 'Neutral' }, { text: 'Weak' }] },
			{ id: rng.uuid(), type: 'textarea', text: 'Comments', description: '', required: false },
		]),
	];
}

function fieldValueFor(rng, f) {
	switch (f.type) {
		case 'score-system':
			return rng.pick(f.options).text;
		case 'scorecard':
			return (f.scores || []).map(() => ({ score: rng.int(1, 4), comment: '' }));
		case 'multiple-select':
			return rng.sample(f.options.map((o) => o.text), rng.int(1, 2));
		case 'dropdown':
		case 'multiple-choice':
			return rng.pick(f.options).text;
		case 'yes-no':
			return rng.pick(['yes', 'no']);
		case 'score':
			return rng.int(1, 4);
		case 'date':
			return Date.UTC(2026, rng.int(0, 11), rng.int(1, 28));
		case 'currency':
			return rng.int(60, 200) * 1000;
		default:
			return rng.pick(D.NOTE_TEXTS);
	}
}


/** Per-opportunity sub-resources (notes, files, resumes, interviews, panels, feedback, offers, forms).
 * Seeded from (seed, opportunity index) alone so they can be generated lazily for large accounts. */
function children(g, opp, i, put) {
	const { state, stages, seedNow, activeUsers, interviewers, realTemplates, formTemplates, recruiters, reqByPosting, hiredReason, ctx, ctxFiles } = g;
	const rng = new Rng(mixSeed('lever-emulator-children', g.seed, i));
	const contact = state.contacts.get(opp.contact);
	const app = opp.applications.length ? state.applications.get(opp.applications[0]) : null;
	const posting = app ? state.postings.get(app.posting) : null;
	const owner = state.users.get(opp.owner);
	const createdAt = opp.createdAt;
	const stageChanges = opp.stageChanges;
	const lastAdvancedAt = opp.lastAdvancedAt;
	const stage = state.stages.get(opp.stage);
	const hired = !!(opp.archived && opp.archived.reason === hiredReason.id);
	const stagePath = stageChanges.map((sc) => sc.toStageIndex);

		// notes
		const nNotes = rng.weighted([[0, 35], [1, 40], [2, 20], [3, 5]]);
		for (let k = 0; k < nNotes; k++) {
			const nt = Math.min(seedNow - 1000, createdAt + rng.int(0, 30) * DAY + k);
			const author = rng.pick(activeUsers).id;
			put('notes', {
				id: rng.uuid(),
				text: 'Note',
				fields: [{ type: 'note', text: 'Comment', value: rng.pick(D.NOTE_TEXTS), createdAt: nt, user: author, score: rng.bool(0.2) ? rng.int(1, 4) : null, stage: stage.id }],
				user: author,
				secret: rng.bool(0.1),
				createdAt: nt,
				completedAt: nt,
				deletedAt: null,
				_opp: opp.id,
				_apiCreated: false,
			});
		}

		// resume / files
		if (rng.bool(0.6)) {
			const rid = rng.uuid();
			const fname = `${contact.name.replace(/[^A-Za-z]+/g, '_')}_Resume.pdf`;
			put('resumes', {
				id: rid,
				createdAt,
				file: { name: fname, ext: '.pdf', downloadUrl: fileUrl(ctxFiles, opp.id, 'resumes', rid), uploadedAt: createdAt, status: 'processed', size: 1500 + rng.int(0, 900) },
				parsedData: {
					positions: [
						{ org: rng.pick(D.COMPANIES), title: posting ? posting.text : 'Engineer', summary: 'Shipped many things.', location: contact.location.name, start: { year: 2019 + rng.int(0, 3), month: rng.int(1, 12) }, end: null },
						{ org: rng.pick(D.COMPANIES), title: 'Associate', summary: '', location: '', start: { year: 2015, month: rng.int(1, 12) }, end: { year: 2019, month: rng.int(1, 12) } },
					],
					schools: [{ org: rng.pick(D.SCHOOLS), degree: rng.pick(D.DEGREES), field: rng.pick(D.FIELDS), summary: '', start: { year: 2011, month: 9 }, end: { year: 2015, month: 6 } }],
				},
				_opp: opp.id,
				_owner: contact.name,
			});
			put('fileActions', { id: rng.uuid(), opportunityId: opp.id, type: 'resume-imported', occurredAt: createdAt, createdAt, user: { id: owner.id }, meta: { resumeId: rid, fileName: fname } });
		}
		if (rng.bool(0.15)) {
			const fid = rng.uuid();
			const ext = rng.weighted([['.pdf', 60], ['.txt', 25], ['.png', 15]]);
			const base = rng.pick(['Portfolio', 'Cover_letter', 'References', 'Work_sample']);
			const up = Math.min(seedNow - 1000, createdAt + rng.int(0, 20) * DAY);
			put('files', {
				id: fid,
				downloadUrl: fileUrl(ctxFiles, opp.id, 'files', fid),
				ext,
				name: `${base}${ext}`,
				uploadedAt: up,
				status: i > 20 && rng.bool(0.03) ? 'error' : 'processed',
				size: 900 + rng.int(0, 4000),
				_opp: opp.id,
				_owner: contact.name,
			});
			put('fileActions', { id: rng.uuid(), opportunityId: opp.id, type: 'file-added', occurredAt: up, createdAt: up, user: { id: owner.id }, meta: { fileId: fid, fileName: `${base}${ext}` } });
		}

		// interviews / panels / feedback for opportunities that reached interview stages
		const reached = stagePath.some((ix) => stages[ix]._hasInterview);
		if (reached) {
			const st = stages[stagePath.find((ix) => stages[ix]._hasInterview)];
			const scAt = stageChanges.find((sc) => sc.toStageId === st.id).updatedAt;
			const date = scAt + rng.int(1, 5) * DAY;
			const nInt = rng.int(1, 2);
			const panelId = rng.uuid();
			const tz = rng.pick(['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin']);
			const interviewList = [];
			const managed = rng.bool(0.1);
			for (let k = 0; k < nInt; k++) {
				const iv = rng.pick(interviewers);
				const tpl = rng.pick(realTemplates);
				const interview = {
					id: rng.uuid(),
					panel: panelId,
					subject: `${st.text} with ${contact.name}`,
					note: '',
					interviewers: [{ id: iv.id, name: iv.name, email: iv.email, feedbackTemplate: tpl.id }],
					timezone: tz,
					createdAt: scAt + k,
					date: date + k * 3600000,
					duration: rng.pick([30, 45, 60]),
					location: rng.pick(['Zoom', 'Google Meet', 'Room 4A', 'Phone']),
					feedbackTemplate: tpl.id,
					feedbackForms: [],
					feedbackReminder: 'daily',
					user: owner.id,
					stage: st.id,
					canceledAt: null,
					postings: posting ? [posting.id] : [],
					gcalEventUrl: null,
					opportunityId: opp.id,
					_opp: opp.id,
				};
				if (interview.date < seedNow && rng.bool(0.85)) {
					const fbAt = interview.date + rng.int(1, 48) * 3600000;
					const fb = {
						id: rng.uuid(),
						type: 'interview',
						text: tpl.text,
						instructions: tpl.instructions,
						baseTemplateId: tpl.id,
						fields: tpl.fields.map((f) => ({ ...f, value: fieldValueFor(rng, f) })),
						user: iv.id,
						panel: panelId,
						interview: interview.id,
						createdAt: fbAt,
						updatedAt: fbAt,
						completedAt: fbAt,
						deletedAt: null,
						_opp: opp.id,
						_apiCreated: false,
					};
					interview.feedbackForms.push(fb.id);
					put('feedback', fb);
				}
				interviewList.push(interview);
				put('interviews', interview);
			}
			const end = interviewList[interviewList.length - 1].date + interviewList[interviewList.length - 1].duration * 60000;
			put('panels', {
				id: panelId,
				applications: opp.applications.slice(),
				canceledAt: null,
				createdAt: scAt,
				start: interviewList[0].date,
				end,
				timezone: tz,
				feedbackReminder: 'daily',
				user: owner.id,
				stage: st.id,
				note: '',
				externallyManaged: managed,
				externalUrl: managed ? `https://scheduler.example/panels/${panelId}` : null,
				_opp: opp.id,
			});
		}

		// offers
		if (stage.id === 'offer' && posting) {
			const oAt = lastAdvancedAt + DAY;
			const status = hired ? 'signed' : rng.pick(['draft', 'approval-sent', 'approved', 'sent', 'sent-manually', 'opened', 'denied', 'signed']);
			const sent = ['sent', 'sent-manually', 'opened', 'signed'].includes(status);
			const signed = status === 'signed';
			const startDate = Date.UTC(2026, rng.int(9, 11), rng.int(1, 28));
			const salary = posting.salaryRange ? posting.salaryRange.min + 5000 : 100000;
			const offerId = rng.uuid();
			const creator = rng.pick(recruiters);
			const hmUser = state.users.get(posting.hiringManager);
			put('offers', {
				id: offerId,
				createdAt: oAt,
				creator: creator.id,
				status,
				fields: [
					{ text: 'Job posting', identifier: 'job_posting', value: posting.id },
					{ text: 'Job title', identifier: 'job_title', value: posting.text },
					{ text: 'Candidate name', identifier: 'candidate_name', value: contact.name },
					{ text: 'Salary amount', identifier: 'salary_amount', value: salary },
					{ text: 'Compensation currency', identifier: 'compensation_currency', value: posting.salaryRange ? posting.salaryRange.currency : 'USD' },
					{ text: 'Salary interval', identifier: 'salary_interval', value: 'per-year-salary' },
					{ text: 'Hiring manager', identifier: 'hiring_manager', value: hmUser ? hmUser.id : null }, // a user id (Lever docs)
					{ text: "Today's date", identifier: 'today_date', value: oAt },
					{ text: 'Anticipated start date', identifier: 'anticipated_start_date', value: startDate },
					{ text: 'Signing bonus', identifier: 'custom_signing_bonus', value: rng.bool(0.3) ? 5000 : null },
				],
				signatures: sent
					? {
							candidate: {
								role: 'candidate',
								name: contact.name,
								email: contact.emails[0],
								firstOpenedAt: status === 'opened' || signed ? oAt + 3600000 : null,
								lastOpenedAt: status === 'opened' || signed ? oAt + 7200000 : null,
								signedAt: signed ? oAt + 86400000 : null,
								signed,
							},
						}
					: {},
				approved: status !== 'draft' && status !== 'approval-sent' && status !== 'denied',
				approvedAt: status !== 'draft' && status !== 'approval-sent' && status !== 'denied' ? oAt + 1000 : null,
				sentAt: sent ? oAt + 2000 : null,
				sentDocument: sent ? { fileName: `Offer_${contact.name.replace(/\W+/g, '_')}.pdf`, uploadedAt: oAt + 2000, downloadUrl: `${ctx.apiUrl}/opportunities/${opp.id}/offers/${offerId}/download?status=sent` } : null,
				signedDocument: signed ? { fileName: `Offer_${contact.name.replace(/\W+/g, '_')}_signed.pdf`, uploadedAt: oAt + 86400000, downloadUrl: `${ctx.apiUrl}/opportunities/${opp.id}/offers/${offerId}/download?status=signed` } : null,
				_opp: opp.id,
				_owner: contact.name,
			});
			const r = reqByPosting.get(posting.id);
			if (r && !hired) r.offerIds.push(offerId);
		}

		// profile forms
		if (rng.bool(0.06)) {
			const tpl = rng.pick(formTemplates);
			const ft = createdAt + DAY;
			put('forms', {
				id: rng.uuid(),
				type: 'form',
				text: tpl.text,
				instructions: tpl.instructions,
				baseTemplateId: tpl.id,
				fields: tpl.fields.map((f) => ({ ...f, value: fieldValueFor(rng, f) })),
				user: owner.id,
				stage: stage.id,
				createdAt: ft,
				completedAt: ft,
				deletedAt: null,
				secret: tpl.secretByDefault,
				_opp: opp.id,
			});
		}
}

function generate(state, opts, ctx) {
	const seed = opts.seed === undefined ? 7 : opts.seed;
	const sizes = sizesFor(opts);
	const rng = new Rng(mixSeed('lever-emulator', seed));
	const seedNow = opts.seedNow || DEFAULT_SEED_NOW;
	const start = seedNow - 730 * DAY;
	const name = () => `${rng.pick(D.FIRST)} ${rng.pick(D.LAST)}`;

	// ------------------------------------------------------------------ users
	const users = [];
	const usedEmails = new Set();
	for (let i = 0; i < sizes.users; i++) {
		let nm;
		let email;
		do {
			nm = name();
			const [f, l] = nm.toLowerCase().replace(/[^a-z ]/g, '').split(' ');
			email = `${f}.${l}${usedEmails.size > 60 ? rng.int(1, 9999) : ''}@${D.STAFF_DOMAIN}`;
		} while (usedEmails.has(email));
		usedEmails.add(email);
		let accessRole;
		if (i === 0) accessRole = 'super admin';
		else if (i <= 2) accessRole = 'admin';
		else if (i === 3) accessRole = 'team member';
		else if (i === 4) accessRole = 'limited team member';
		else if (i === 5) accessRole = 'interviewer';
		else accessRole = rng.weighted([['team member', 40], ['limited team member', 15], ['interviewer', 40], ['admin', 5]]);
		const createdAt = start - rng.int(30, 400) * DAY + i * 1000;
		const u = {
			id: rng.uuid(),
			name: nm,
			username: email.split('@')[0],
			email,
			createdAt,
			deactivatedAt: i >= 6 && rng.bool(0.1) ? start + rng.int(10, 600) * DAY : null,
			accessRole,
			photo: `https://lever-client-profile-photos.example/${email.split('@')[0]}.png`,
			externalDirectoryId: rng.bool(0.7) ? `emp-${10000 + i}` : null,
			linkedContactIds: null,
			jobTitle: accessRole === 'interviewer' ? 'Software Engineer' : accessRole === 'limited team member' ? 'Hiring Manager' : 'Recruiter',
			managerId: i > 0 ? users[0].id : null,
		};
		users.push(u);
	}
	users.sort((a, b) => a.createdAt - b.createdAt);
	state.users.loadSorted(users);
	const activeUsers = users.filter((u) => !u.deactivatedAt);
	const recruiters = activeUsers.filter((u) => u.accessRole !== 'interviewer');
	const interviewers = activeUsers;

	// ------------------------------------------------------------------ stages / archive reasons
	const stageDefs = [
		['lead-new', 'New lead', 'lead', false],
		['lead-reached-out', 'Reached out', 'lead', false],
		['lead-responded', 'Responded', 'lead', false],
		['applicant-new', 'New applicant', 'applicant', false],
		[rng.uuid(), 'Recruiter screen', 'screen', false],
		[rng.uuid(), 'Phone interview', 'screen', true],
		[rng.uuid(), 'On-site interview', 'onsite', true],
		[rng.uuid(), 'Reference check', 'onsite', false],
		['offer', 'Offer', 'offer', false],
	];
	const stages = stageDefs.map(([id, text, pipeline, hasInterview], i) => ({ id, text, _pipeline: pipeline, _hasInterview: hasInterview, _rank: i }));
	state.stages.loadSorted(stages);
	const reasonDefs = [
		['Hired', 'hired', 'active'],
		['Underqualified', 'non-hired', 'active'],
		['Withdrew', 'non-hired', 'active'],
		['Position filled', 'non-hired', 'active'],
		['Unresponsive', 'non-hired', 'active'],
		['Timing', 'non-hired', 'active'],
		['Went with another candidate', 'non-hired', 'active'],
		['Offer declined', 'non-hired', 'active'],
		['Culture add mismatch', 'non-hired', 'inactive'],
	];
	const reasons = reasonDefs.map(([text, type, status], i) => ({ id: rng.uuid(), text, status, type, _rank: i }));
	state.archiveReasons.loadSorted(reasons);
	const hiredReason = reasons[0];
	const nonHired = reasons.filter((r) => r.type === 'non-hired' && r.status === 'active');

	// ------------------------------------------------------------------ templates
	const fbTemplates = builtinFeedbackTemplates(rng, start - 400 * DAY);
	fbTemplates.forEach((t, i) => {
		t.createdAt += i;
		t.updatedAt = t.createdAt;
	});
	state.feedbackTemplates.loadSorted(fbTemplates);
	const realTemplates = fbTemplates.filter((t) => t.id !== 'no-feedback');
	const formTemplates = [
		{
			id: rng.uuid(),
			text: 'Sourcing details',
			group: null,
			instructions: 'Fill in after the first outreach.',
			secretByDefault: false,
			fields: [
				{ id: rng.uuid(), type: 'dropdown', text: 'Channel', description: '', required: true, options: [{ text: 'Email' }, { text: 'InMail' }, { text: 'Phone' }] },
				{ id: rng.uuid(), type: 'text', text: 'Current company', description: '', required: false },
			],
			createdAt: start - 300 * DAY,
			updatedAt: start - 300 * DAY,
			_apiCreated: false,
		},
		{
			id: rng.uuid(),
			text: 'Compensation expectations',
			group: null,
			instructions: '',
			secretByDefault: true,
			fields: [
				{ id: rng.uuid(), type: 'currency', text: 'Expected base salary', description: '', required: true, currency: 'USD' },
				{ id: rng.uuid(), type: 'yes-no', text: 'Open to equity?', description: '', required: false },
			],
			createdAt: start - 299 * DAY,
			updatedAt: start - 299 * DAY,
			_apiCreated: false,
		},
	];
	state.formTemplates.loadSorted(formTemplates);

	// ------------------------------------------------------------------ requisition fields
	const reqFields = [
		{ id: 'cost_center', text: 'Cost center', type: 'dropdown', isRequired: false, options: ['CC-100 Engineering', 'CC-200 Go-to-market', 'CC-300 G&A'].map((text) => ({ id: rng.uuid(), text })) },
		{ id: 'budget', text: 'Budget', type: 'number', isRequired: false },
		{ id: 'target_start', text: 'Target start date', type: 'date', isRequired: false },
		{ id: 'justification', text: 'Justification', type: 'text', isRequired: false },
		{ id: 'hiring_plan', text: 'Hiring plan', type: 'object', isRequired: false, subfields: [{ id: 'quarter', text: 'Quarter', type: 'text' }, { id: 'priority', text: 'Priority', type: 'number' }] },
	].map((f, i) => ({ ...f, _rank: i, _apiCreated: false }));
	state.requisitionFields.loadSorted(reqFields);

	// ------------------------------------------------------------------ postings
	const postings = [];
	const postingSpan = 700 * DAY;
	for (let i = 0; i < sizes.postings; i++) {
		const [department, team] = rng.pick(D.TEAMS);
		const text = rng.pick(D.TITLES[team]);
		const [location, country] = i === 0 ? ['San Francisco, CA', 'US'] : rng.pick(D.LOCATIONS);
		const state2 = i < 3 ? 'published' : i < 8 ? ['internal', 'closed', 'draft', 'pending', 'rejected'][i - 3] : rng.weighted([['published', 55], ['internal', 10], ['closed', 17], ['draft', 10], ['pending', 5], ['rejected', 3]]);
		const owner = rng.pick(recruiters);
		const hm = rng.pick(activeUsers);
		const createdAt = start - 60 * DAY + Math.floor((i * postingSpan) / sizes.postings);
		const commitment = rng.weighted([['Full-time', 80], ['Part-time', 7], ['Contract', 8], ['Internship', 5]]);
		const level = rng.pick(D.LEVELS);
		const currency = D.CURRENCIES[country];
		const min = rng.int(6, 18) * 10000;
		const p = {
			id: rng.uuid(),
			text,
			createdAt,
			updatedAt: createdAt + rng.int(0, 60) * DAY,
			user: owner.id,
			owner: owner.id,
			hiringManager: hm.id,
			confidentiality: i >= 3 && rng.bool(0.05) ? 'confidential' : 'non-confidential',
			categories: { team, department, location, allLocations: [location], commitment, level },
			content: buildContent({
				descriptionHtml: `<div>${D.ACCOUNT_NAME} is hiring a ${text} for the ${team} team in ${location}.</div>`,
				lists: [
					{ text: 'What you will do', content: '<li>Build things</li><li>Work with the team</li>' },
					{ text: 'What you bring', content: '<li>Curiosity</li><li>Experience</li>' },
				],
				closingHtml: '<div>We value diverse teams.</div>',
			}),
			country,
			followers: rng.sample(activeUsers, rng.int(1, 3)).map((u) => u.id),
			tags: rng.bool(0.3) ? [rng.pick(['Priority', 'Evergreen', 'Backfill'])] : [],
			state: state2,
			distributionChannels: state2 === 'published' ? rng.weighted([[['public', 'internal'], 80], [['public'], 12], [['internal'], 8]]) : null,
			reqCode: null,
			requisitionCodes: [],
			salaryDescription: '',
			salaryDescriptionHtml: '',
			salaryRange: rng.bool(0.8) ? { min, max: min + rng.int(2, 6) * 10000, currency, interval: 'per-year-salary' } : null,
			urls: null,
			workplaceType: rng.weighted([['onsite', 40], ['remote', 30], ['hybrid', 25], ['unspecified', 5]]),
			_apiCreated: false,
		};
		p.urls = postingUrls(p);
		postings.push(p);
	}
	state.postings.loadSorted(postings);
	// some deleted postings
	const nDeletedPostings = Math.max(1, Math.floor(sizes.postings * 0.05));
	const deletedPostings = [];
	for (let i = 0; i < nDeletedPostings; i++) {
		const [department, team] = rng.pick(D.TEAMS);
		const createdAt = start - 200 * DAY + i * DAY;
		deletedPostings.push({
			id: rng.uuid(),
			text: rng.pick(D.TITLES[team]),
			createdAt,
			updatedAt: createdAt + DAY,
			state: 'closed',
			confidentiality: 'non-confidential',
			categories: { team, department, location: 'London', allLocations: ['London'], commitment: 'Full-time', level: 'mid' },
			deletedAt: start - 100 * DAY + i * DAY,
		});
	}
	state.deletedPostings.loadSorted(deletedPostings);
	const openPostings = postings.filter((p) => p.state === 'published' || p.state === 'internal' || p.state === 'closed');
	const publicOpen = openPostings.filter((p) => p.confidentiality === 'non-confidential');
	const confPostings = openPostings.filter((p) => p.confidentiality === 'confidential');

	// ------------------------------------------------------------------ requisitions
	const reqs = [];
	for (let i = 0; i < sizes.requisitions; i++) {
		const p = postings[i % postings.length];
		const createdAt = p.createdAt - rng.int(1, 20) * DAY;
		const unlimited = i === 1 || rng.bool(0.08);
		const status = rng.weighted([['open', 70], ['onHold', 10], ['closed', 15], ['draft', 5]]);
		const code = `REQ-${1000 + i}`;
		const creator = rng.pick(recruiters);
		const r = {
			id: rng.uuid(),
			requisitionCode: code,
			name: p.text,
			backfill: rng.bool(0.2),
			confidentiality: p.confidentiality,
			createdAt,
			updatedAt: createdAt + rng.int(0, 30) * DAY,
			creator: creator.id,
			owner: p.owner,
			hiringManager: p.hiringManager,
			headcountHired: 0,
			headcountTotal: unlimited ? 'unlimited' : rng.int(1, 4),
			headcountInfinite: unlimited,
			status,
			compensationBand: p.salaryRange ? { currency: p.salaryRange.currency, interval: p.salaryRange.interval, min: p.salaryRange.min, max: p.salaryRange.max } : null,
			employmentStatus: p.categories.commitment === 'Full-time' ? 'full-time' : p.categories.commitment === 'Part-time' ? 'part-time' : p.categories.commitment === 'Internship' ? 'intern' : 'contractor',
			location: p.categories.location,
			internalNotes: '',
			postings: [p.id],
			department: p.categories.department,
			team: p.categories.team,
			offerIds: [],
			approval: null,
			customFields: { cost_center: reqFields[0].options[i % 3].id, budget: rng.int(80, 250) * 1000 },
			closedAt: status === 'closed' ? createdAt + 60 * DAY : null,
			timeToFillStartAt: createdAt,
			timeToFillEndAt: status === 'closed' ? createdAt + 60 * DAY : null,
			_apiCreated: false,
		};
		p.requisitionCodes.push(code);
		reqs.push(r);
	}
	reqs.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
	state.requisitions.loadSorted(reqs);
	const reqByPosting = new Map();
	for (const r of reqs) for (const pid of r.postings) if (!reqByPosting.has(pid)) reqByPosting.set(pid, r);

	// ------------------------------------------------------------------ opportunities
	const buf = {};
	const put = (name, rec) => {
		(buf[name] || (buf[name] = [])).push(rec);
	};
	const N = sizes.opportunities;
	const lazy = opts.lazyChildren !== undefined ? !!opts.lazyChildren : N > 20000;
	state.lazyChildren = new Map();
	const span = 720 * DAY;
	const step = N ? span / N : span;
	const contacts = [];
	const stageIdx = (id) => stages.findIndex((s) => s.id === id);
	const ctxFiles = { apiUrl: ctx.apiUrl };
	const oppCreated = [];
	// offerShare (0..1): that share of opportunities ends at the Offer stage, each on a posting (so each gets an
	// offer). Decided by a stream of its own, so accounts seeded without the option stay as they were.
	const offerShare = opts.offerShare === undefined ? undefined : Math.max(0, Math.min(1, Number(opts.offerShare)));
	const offerIdx = stages.findIndex((s) => s.id === 'offer');
	for (let i = 0; i < N; i++) {
		const offerRng = offerShare === undefined ? null : new Rng(mixSeed('lever-emulator-offer-share', seed, i));
		const wantsOffer = offerRng ? offerRng.float() < offerShare : undefined;
		const createdAt = Math.floor(start + i * step + rng.float() * step * 0.9);
		const origin = rng.weighted([['applied', 45], ['sourced', 30], ['referred', 10], ['agency', 5], ['university', 5], ['internal', 5]]);
		// contact (10% reuse an earlier contact)
		let contact;
		if (contacts.length > 5 && rng.bool(0.08)) contact = contacts[rng.int(0, contacts.length - 1)];
		else {
			const first = rng.pick(D.FIRST);
			const last = rng.pick(D.LAST);
			const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
			const num = rng.int(1, 99999);
			const emails = [`${handle}${num}@${rng.pick(D.CANDIDATE_DOMAINS)}`];
			if (rng.bool(0.15)) emails.push(`${first[0].toLowerCase()}${last.toLowerCase().replace(/[^a-z]/g, '')}${num}@work.example`);
			const links = [`https://www.linkedin.com/in/${handle.replace('.', '-')}-${num}`];
			if (rng.bool(0.3)) links.push(`https://github.com/${handle.replace('.', '')}${num}`);
			contact = {
				id: rng.uuid(),
				name: `${first} ${last}`,
				headline: `${rng.pick(D.COMPANIES)}, ${rng.pick(D.SCHOOLS)}`,
				isAnonymized: false,
				location: { name: rng.pick(D.LOCATIONS)[0] },
				emails,
				phones: rng.bool(0.8) ? [{ type: rng.pick(['mobile', 'home', 'work']), value: `+1 555 ${String(rng.int(1000000, 9999999)).replace(/(\d{3})(\d{4})/, '$1 $2')}` }] : [],
				_links: links,
			};
			contacts.push(contact);
			put('contacts', contact);
			indexContact(state, contact);
		}
		// posting
		let posting = null;
		const wantsPosting = origin !== 'sourced' || rng.bool(0.6);
		const confidential = confPostings.length > 0 && rng.bool(0.03);
		if (wantsPosting && publicOpen.length) posting = confidential ? rng.pick(confPostings) : rng.pick(publicOpen);
		if (wantsOffer && !posting && publicOpen.length) posting = offerRng.pick(publicOpen);
		const isApplicant = origin === 'applied' || origin === 'internal';
		const firstStage = isApplicant ? 'applicant-new' : 'lead-new';
		let target = rng.weighted([[0, 40], [1, 15], [2, 12], [3, 10], [4, 10], [5, 6], [6, 4], [7, 3]]);
		const firstIdx = stageIdx(firstStage);
		const stagePath = [firstIdx];
		const maxIdx = stages.length - 1;
		let cur = firstIdx;
		for (let s = 0; s < target; s++) {
			cur = Math.min(maxIdx, cur + rng.int(1, 2));
			if (cur > 3 && cur !== stagePath[stagePath.length - 1]) stagePath.push(cur);
			else if (cur <= 3 && cur > stagePath[stagePath.length - 1]) stagePath.push(cur);
			if (cur === maxIdx) break;
		}
		if (wantsOffer === true && stagePath[stagePath.length - 1] !== offerIdx) stagePath.push(offerIdx);
		else if (wantsOffer === false && stagePath.length > 1 && stagePath[stagePath.length - 1] === offerIdx) stagePath.pop();
		const owner = rng.pick(recruiters);
		const stageChanges = [];
		let t = createdAt;
		const remaining = seedNow - createdAt;
		for (let s = 0; s < stagePath.length; s++) {
			if (s > 0) t += Math.floor(rng.float() * Math.min(remaining / (stagePath.length + 1), 20 * DAY));
			stageChanges.push({ toStageId: stages[stagePath[s]].id, toStageIndex: stagePath[s], userId: owner.id, updatedAt: t });
		}
		const stage = stages[stagePath[stagePath.length - 1]];
		const lastAdvancedAt = stageChanges[stageChanges.length - 1].updatedAt;
		// archive
		let archived = null;
		const hired = stage.id === 'offer' && rng.bool(0.5);
		if (hired) archived = { reason: hiredReason.id, archivedAt: lastAdvancedAt + rng.int(1, 10) * DAY };
		else if (rng.bool(createdAt < seedNow - 120 * DAY ? 0.45 : 0.15)) archived = { reason: rng.pick(nonHired).id, archivedAt: lastAdvancedAt + rng.int(1, 30) * DAY };
		if (archived && archived.archivedAt > seedNow) archived.archivedAt = seedNow - rng.int(1, 1000) * 1000;
		if (archived && archived.archivedAt < lastAdvancedAt) archived.archivedAt = lastAdvancedAt;
		const tags = [];
		if (posting) tags.push(posting.text, posting.categories.department, posting.categories.team, posting.categories.location, posting.categories.commitment);
		if (rng.bool(0.35)) for (const tg of rng.sample(D.TAGS, rng.int(1, 2))) if (!tags.includes(tg)) tags.push(tg);
		const sources = [rng.pick(D.SOURCES_BY_ORIGIN[origin])];
		const followers = [owner.id];
		if (rng.bool(0.4)) {
			const f = rng.pick(activeUsers).id;
			if (!followers.includes(f)) followers.push(f);
		}
		const updatedAt = Math.max(lastAdvancedAt, archived ? archived.archivedAt : 0, Math.min(seedNow, createdAt + rng.int(0, 40) * DAY));
		const opp = {
			id: rng.uuid(),
			contact: contact.id,
			confidentiality: posting ? posting.confidentiality : 'non-confidential',
			stage: stage.id,
			stageChanges,
			archived,
			tags,
			sources,
			origin,
			sourcedBy: origin === 'sourced' ? owner.id : null,
			owner: owner.id,
			followers,
			applications: [],
			resume: null,
			createdAt,
			updatedAt,
			lastInteractionAt: Math.max(updatedAt, lastAdvancedAt),
			lastAdvancedAt,
			snoozedUntil: !archived && rng.bool(0.04) ? seedNow + rng.int(5, 60) * DAY : null,
			urls: oppUrls(''),
			dataProtection: rng.bool(0.5) ? { store: { allowed: true, expiresAt: createdAt + 730 * DAY }, contact: { allowed: true, expiresAt: null } } : null,
			isAnonymized: false,
			opportunityLocation: posting ? posting.categories.location : null, // not set without a posting (Lever)
		};
		opp.urls = oppUrls(opp.id);
		put('opportunities', opp);
		linkOpportunity(state, opp);
		oppCreated.push(opp);

		// application
		if (posting) {
			const type = origin === 'referred' ? 'referral' : origin === 'sourced' ? 'user' : 'posting';
			const app = {
				id: rng.uuid(),
				opportunityId: opp.id,
				candidateId: opp.id,
				createdAt,
				type,
				posting: posting.id,
				postingHiringManager: posting.hiringManager,
				postingOwner: posting.owner,
				user: type === 'posting' ? null : rng.pick(activeUsers).id,
				name: contact.name,
				email: contact.emails[0],
				phone: contact.phones[0] || null,
				company: contact.headline.split(',')[0],
				links: contact._links.slice(0, 1),
				comments: type === 'posting' && rng.bool(0.3) ? 'Looking forward to hearing from you.' : null,
				customQuestions: [],
				archived: archived ? { reason: archived.reason, archivedAt: archived.archivedAt } : null,
				requisitionForHire: null,
			};
			if (hired) {
				const r = reqByPosting.get(posting.id);
				if (r) {
					app.requisitionForHire = { id: r.id, requisitionCode: r.requisitionCode, hiringManagerOnHire: r.hiringManager };
					r.headcountHired++;
				}
			}
			opp.applications.push(app.id);
			put('applications', app);
			// EEO response for some applicants
			if (origin === 'applied' && rng.bool(0.4)) {
				put('eeoResponses', {
					id: rng.uuid(),
					applicationId: app.id,
					applicationTitle: posting.text,
					applicationArchivedAt: archived ? archived.archivedAt : null,
					applicationArchivedBy: archived ? owner.id : null,
					applicationArchiveReason: archived ? archived.reason : null,
					appliedAt: createdAt,
					currentStage: stage.id,
					contact: contact.id,
					opportunityId: opp.id,
					opportunityOwner: owner.id,
					hiringManager: posting.hiringManager,
					posting: posting.id,
					origin,
					sources,
					eeoResponseSource: 'application',
					eeoSurveyRespondedAt: createdAt,
					hiredDate: hired ? archived.archivedAt : null,
					gender: rng.pick(['Female', 'Male', 'Non-binary', 'Decline to self-identify']),
					race: rng.pick(['Asian', 'Black or African American', 'Hispanic or Latino', 'White', 'Two or More Races', 'Decline to self-identify']),
					veteran: rng.pick(['I am not a protected veteran', 'I identify as one or more of the classifications of protected veteran', 'I don\u2019t wish to answer']),
					disability: rng.pick(['No, I do not have a disability', 'Yes, I have a disability', 'I do not wish to answer']),
					disabilitySignatureDate: createdAt,
					requisitionCodes: posting.requisitionCodes.slice(),
				});
			}
			if (type === 'referral') {
				const referrer = rng.pick(activeUsers);
				put('referrals', {
					id: rng.uuid(),
					type: 'referral',
					text: 'Referral',
					instructions: 'Tell us about the person you are referring.',
					baseTemplateId: 'referral-template',
					fields: [
						{ type: 'text', text: 'Relationship', description: '', required: true, value: rng.pick(['Former colleague', 'Friend', 'Classmate']) },
						{ type: 'yes-no', text: 'Would you work with them again?', description: '', required: false, value: 'yes' },
					],
					referrer: referrer.id,
					user: referrer.id,
					stage: firstStage,
					createdAt,
					completedAt: createdAt,
					_opp: opp.id,
				});
			}
		}

		state.lazyChildren.set(opp.id, i);
	}

	// ------------------------------------------------------------------ deleted opportunities
	for (let i = 0; i < sizes.deletedOpportunities; i++) {
		const createdAt = start + rng.int(0, 600) * DAY;
		const deletedAt = createdAt + rng.int(1, 100) * DAY;
		const id = rng.uuid();
		const deletedBy = rng.pick(recruiters).id;
		const appId = rng.bool(0.5) ? rng.uuid() : null;
		put('deletedOpportunities', {
			id,
			name: name(),
			contact: rng.uuid(),
			emails: [],
			createdAt,
			updatedAt: deletedAt,
			stage: 'lead-new',
			archived: null,
			tags: [],
			sources: [],
			origin: 'sourced',
			applications: appId ? [appId] : [],
			deletedBy,
			deletedAt,
		});
		if (appId) put('deletedApplications', { id: appId, deletedAt, opportunityId: id, postingId: rng.pick(postings).id });
	}

	// ------------------------------------------------------------------ audit events
	const auditTypes = [
		['user.authentication:succeeded', 60],
		['user.authentication:failed', 8],
		['user:added', 5],
		['user.role:changed', 4],
		['user:deactivated', 3],
		['user:reactivated', 1],
		['key:added', 2],
		['key:removed', 1],
		['export:downloaded', 6],
		['user.password:changed', 2],
		['user.permission:changed', 3],
		['user.email:changed', 1],
	];
	const nAudit = sizes.auditEvents;
	for (let i = 0; i < nAudit; i++) {
		const type = rng.weighted(auditTypes);
		const actor = type === 'user.authentication:failed' && rng.bool(0.5) ? null : rng.pick(users);
		const target = rng.pick(users);
		const createdAt = start + Math.floor((i * 720 * DAY) / Math.max(1, nAudit)) + rng.int(0, 1000);
		put('auditEvents', {
			id: rng.uuid(),
			createdAt,
			type,
			user: actor ? { id: actor.id, email: actor.email, name: actor.name, role: actor.accessRole } : null,
			target: { id: type.startsWith('key') ? rng.uuid() : target.id, type: type.split(/[.:]/)[0], label: type.startsWith('key') ? 'API key' : target.name },
			meta: type.startsWith('user.authentication') ? { method: rng.pick(['googleApps', 'saml', 'microsoft', 'direct']), ip: `203.0.113.${rng.int(1, 254)}` } : {},
		});
	}

	for (const [nm, recs] of Object.entries(buf)) state[nm].loadSorted(recs);

	const g = { state, seed, stages, seedNow, activeUsers, interviewers, realTemplates, formTemplates, recruiters, reqByPosting, hiredReason, ctx, ctxFiles };
	state.materializeChildren = (oppId) => {
		const i = state.lazyChildren.get(oppId);
		if (i === undefined) return;
		state.lazyChildren.delete(oppId);
		const opp = state.opportunities.get(oppId);
		if (opp) children(g, opp, i, (name, rec) => state[name].insert(rec));
	};
	if (!lazy) {
		const buf2 = {};
		const put2 = (name, rec) => (buf2[name] || (buf2[name] = [])).push(rec);
		for (const [oppId, i] of state.lazyChildren) children(g, state.opportunities.get(oppId), i, put2);
		state.lazyChildren.clear();
		for (const [nm, recs] of Object.entries(buf2)) state[nm].loadSorted(recs);
	}

	// ------------------------------------------------------------------ diversity surveys
	const surveyField = (text, options) => ({ id: rng.uuid(), type: 'multiple-choice', text, description: '', required: false, options: options.map((o) => ({ text: o })) });
	state.diversitySurveys.insert({
		id: rng.uuid(),
		createdAt: start - 100 * DAY,
		updatedAt: start - 100 * DAY,
		text: 'US voluntary self-identification',
		candidateLocations: { countryCodes: ['US'] },
		instructions: 'Answers are voluntary and kept confidential.',
		fields: [surveyField('Gender', ['Woman', 'Man', 'Non-binary', 'Prefer not to say']), surveyField('Age range', ['Under 30', '30-50', 'Over 50', 'Prefer not to say'])],
	});
	state.diversitySurveys.insert({
		id: rng.uuid(),
		createdAt: start - 99 * DAY,
		updatedAt: start - 99 * DAY,
		text: 'UK diversity survey',
		postingLocations: { locations: ['London'] },
		instructions: 'Optional.',
		fields: [surveyField('Ethnicity', ['Asian', 'Black', 'Mixed', 'White', 'Other', 'Prefer not to say'])],
	});

	return { sizes, seedNow };
}

module.exports = { generate, sizesFor, buildContent, postingUrls, oppUrls, htmlToText, DEFAULT_SEED_NOW, ACCESS_ROLES, DAY };
