'use strict';
/*
 * Templates at account scale (part of `npm run bench`; alone: `npm run bench -- --only=templates`, one or
 * some templates: `--templates=seekOut,theOrg`, another size for a try-out: `--template-size=5000`).
 *
 * An emulator account of 50,000 opportunities (resumes, files, 2% at the Offer stage each with an offer),
 * 2,000 postings and 300 users. Each scheduled template (SeekOut index, SureCloud evidence, The Org,
 * Outhire job export) runs its scheduled path in a real n8n (`n8n execute`, the path the schedule starts:
 * Config → Plan run → ...) twice: a first (full) run, then, after 1% of the opportunities and 2% of the
 * postings changed, an incremental run. Per run:
 *   - requests: what the emulator's log counted (Lever requests only; partners are a local receiver);
 *   - minimum: what the data allows, computed here from the account (not from the template): one page of 100
 *     per listing the output needs (at least one request per listing), plus the per-record calls Lever
 *     offers no listing for (resumes, offers); see MINIMUM below for each template;
 *   - requestsToMinimum (goal <= 1.2 on incremental runs);
 *   - Lever time at Lever's 10 requests/s (requests / 10; the emulator's limit is raised here so the bench
 *     finishes in minutes);
 *   - peak RSS of the n8n process tree (the `n8n execute` process and its task runner), sampled every 100 ms,
 *     plus the highest sample while Lever was being called (the rest is n8n saving and printing the run).
 * Checks (recorded, not asserted): what reached the partner matches the account.
 */
const path = require('path');

const lib = require('./lib');
const T = require('../test/e2e/templates-helpers');

const { harness, round, mb } = lib;

const ACCOUNT = { opportunities: 50000, postings: 2000, users: 300, offerShare: 0.02 };
const CHANGES = { opportunityShare: 0.01, postingShare: 0.02 };
const PAGE = 100;
const LEVER_PER_SECOND = 10;
// Raised far above Lever's 10/s so that a first run of 50,000 resumes takes minutes, not 84 of them.
const BENCH_RATE = { perSecond: 2000, burst: 400 };
const GOALS = { requestsToMinimum: 1.2, firstRunPeakRssBytes: 1.5 * 1024 ** 3, incrementalPeakRssBytes: 600 * 1024 ** 2 };
const TEMPLATE_KEYS = ['seekOut', 'sureCloud', 'theOrg', 'outhire'];
const CREDENTIAL = { id: 'benchTplApiKey01', name: 'Lever emulator (API key)', type: 'leverAtsApi' };
// n8n's run JSON of a whole account is not read back past this size (see lib.executeSampled)
const PARSE_UP_TO_BYTES = 64 * 1024 * 1024;

const pages = (n) => Math.max(1, Math.ceil(n / PAGE));
const visible = (o) => o.confidentiality !== 'confidential';

/** Facts of the account the minimums need, `since` = start of the incremental window (ms). */
function accountFacts(st, since) {
	const opps = st.opportunities.values().filter(visible);
	const postings = st.postings.values().filter(visible);
	const offerStage = opps.filter((o) => o.stage === 'offer');
	for (const o of offerStage) st.materializeChildren(o.id);
	const offerOf = new Map(st.offers.values().map((f) => [f._opp, f]));
	const changed = since === undefined ? [] : opps.filter((o) => o.updatedAt >= since);
	const listed = (p) => p.state === 'published' && (p.distributionChannels || []).length > 0;
	return {
		opportunities: opps.length,
		active: opps.filter((o) => !o.archived).length,
		offerStage: offerStage.length,
		offerStageArchived: offerStage.filter((o) => o.archived).length,
		users: st.users.size,
		tags: new Set(opps.flatMap((o) => o.tags)).size,
		postings: postings.length,
		openPostings: postings.filter((p) => p.state === 'published' || p.state === 'internal').length,
		publishedPostings: postings.filter(listed).length,
		deletedPostings: st.deletedPostings.size,
		changed: changed.length,
		changedOfferStage: changed.filter((o) => o.stage === 'offer').length,
		// offers that can change without their opportunity's updatedAt moving (see the SureCloud template)
		openOffersUnchanged: offerStage.filter((o) => !(o.updatedAt >= since) && !['signed', 'denied'].includes(offerOf.get(o.id)?.status)).length,
		deletedOpportunities: since === undefined ? 0 : st.deletedOpportunities.values().filter((d) => d.deletedAt >= since).length,
		changedPostings: since === undefined ? 0 : postings.filter((p) => p.updatedAt >= since).length,
	};
}

/**
 * The fewest Lever requests each run can make, from the data. Small reference lists (archive reasons,
 * stages, users, tags) have no change filter, so a run that shows their names reads them each time.
 */
const MINIMUM = {
	// the index: every opportunity (then the changed ones), the resumes of each (no account-wide resume
	// listing), archive reason names; the incremental run also the deleted opportunities
	seekOut: {
		first: (a) => ({ archiveReasons: 1, opportunityPages: pages(a.opportunities), resumes: a.opportunities }),
		incremental: (a) => ({ archiveReasons: 1, opportunityPages: pages(a.changed), resumes: a.changed, deletedPages: pages(a.deletedOpportunities) }),
	},
	// evidence per offer (offer-stage opportunities, their offers; contacts come with expand=contact), the
	// owners of active opportunities and open postings for the access review, users, stages, reasons, tags
	sureCloud: {
		first: (a) => ({
			references: pages(a.users) + 1 + 1 + pages(a.tags),
			postingPages: pages(a.openPostings),
			activeOpportunityPages: pages(a.active),
			archivedOfferStagePages: pages(a.offerStageArchived),
			offers: a.offerStage,
		}),
		incremental: (a) => ({
			references: pages(a.users) + 1 + 1 + pages(a.tags),
			postingPages: pages(a.changedPostings),
			changedOpportunityPages: pages(a.changed),
			deletedPages: pages(a.deletedOpportunities),
			offersOfChanged: a.changedOfferStage,
			openOffers: a.openOffersUnchanged,
		}),
	},
	// published postings; the incremental run the changed ones and the deleted list (no documented date filter)
	theOrg: {
		first: (a) => ({ postingPages: pages(a.publishedPostings) }),
		incremental: (a) => ({ postingPages: pages(a.changedPostings), deletedPages: pages(a.deletedPostings) }),
	},
	outhire: {
		first: (a) => ({ postingPages: pages(a.publishedPostings) }),
		incremental: (a) => ({ postingPages: pages(a.changedPostings), deletedPages: pages(a.deletedPostings) }),
	},
};

const sum = (o) => Object.values(o).reduce((n, v) => n + v, 0);

/** 1% of the opportunities and 2% of the postings change, in a mix of the ways Lever records change. */
function applyChanges(emu) {
	const st = emu.state;
	const nOpp = Math.round(st.opportunities.size * CHANGES.opportunityShare);
	const nPost = Math.round(st.postings.size * CHANGES.postingShare);
	const share = (n, f) => Math.max(1, Math.round(n * f));
	const opp = [
		['touch', share(nOpp, 0.6)],
		['stage', share(nOpp, 0.2)],
		['archive', share(nOpp, 0.1)],
		['contact', share(nOpp, 0.08)],
	];
	const deleted = nOpp - opp.reduce((n, [, c]) => n + c, 0);
	const done = { opportunities: {}, postings: {} };
	let seed = 100;
	for (const [action, count] of [...opp, ['delete', Math.max(1, deleted)]]) {
		done.opportunities[action] = emu.mutate({ action, count, seed: seed++, emit: false }).ids.length;
	}
	for (const [action, f] of [['postingTitle', 0.5], ['postingClose', 0.2], ['postingPublish', 0.2], ['postingDelete', 0.1]]) {
		done.postings[action] = emu.mutate({ action, count: share(nPost, f), seed: seed++ }).ids.length;
	}
	return done;
}

/** What the partner side received in a run, checked against the account; each value is a boolean. */
function partnerChecks(key, { rcv, emu, before, requests, facts, run }) {
	const st = emu.state;
	const posts = (p, method = 'POST') => rcv.to(p, method).slice(before[p] ?? 0);
	const listedNow = st.postings
		.values()
		.filter((p) => visible(p) && p.state === 'published' && (p.distributionChannels || []).length)
		.map((p) => p.id)
		.sort();
	if (key === 'theOrg') {
		const sent = posts('/the-org');
		if (run === 'first') return { onePost: sent.length === 1, everyOpenPostingCreated: sent.length === 1 && JSON.stringify(sent[0].json.created.map((p) => p.leverId).sort()) === JSON.stringify(listedNow) };
		const body = sent[0]?.json;
		return {
			onePost: sent.length === 1,
			changesOnly: !!body && body.created.length + body.changed.length + body.removed.length <= facts.changedPostings + facts.deletedPostings && body.created.length + body.changed.length + body.removed.length > 0,
		};
	}
	if (key === 'outhire') {
		const sent = posts('/outhire/jobs');
		return { onePost: sent.length === 1, wholeListSent: sent.length === 1 && JSON.stringify(sent[0].json.jobs.map((j) => j.leverId).sort()) === JSON.stringify(listedNow) };
	}
	if (key === 'sureCloud') {
		const sent = posts('/surecloud/evidence');
		if (sent.length !== 1) return { onePost: false };
		const pack = JSON.parse(T.parseMultipart(sent[0]).pack.value);
		// what a full run would send now: the offers of the visible opportunities at the Offer stage
		const offers = st.offers.values().filter((f) => {
			const o = st.opportunities.get(f._opp);
			return o && visible(o) && o.stage === 'offer';
		});
		const rows = new Set(pack.evidence.map((r) => r.offerId));
		return { onePost: true, oneRowPerOfferAtOfferStage: rows.size === offers.length && offers.every((f) => rows.has(f.id)) };
	}
	if (key === 'seekOut') {
		const resumes = requests.counts['GET /opportunities/{opportunity}/resumes'] ?? 0;
		return { resumesOfEachReadOpportunity: resumes === (run === 'first' ? facts.opportunities : facts.changed) };
	}
	return {};
}

async function runOne(key, ctx, run) {
	const { emu, folder, rcv, log, overlapMs } = ctx;
	const wfId = ctx.workflows[key].id;
	const before = Object.fromEntries(['/the-org', '/outhire/jobs', '/surecloud/evidence'].map((p) => [p, rcv.to(p).length]));
	emu.resetRequests();
	const startedAt = Date.now();
	const exec = await lib.executeSampled(folder, wfId, { tree: true, sampleMs: 100, parseUpToBytes: PARSE_UP_TO_BYTES, timeoutMs: 60 * 60 * 1000 });
	const log0 = emu.requests();
	const since = run === 'first' ? undefined : ctx.cursor[key] - overlapMs;
	const facts = accountFacts(emu.state, since);
	const minimum = MINIMUM[key][run](facts);
	const sent = log0.total - log0.status429;
	const leverWindow = log0.firstAt ? [log0.firstAt, log0.lastAt] : [startedAt, startedAt];
	const figures = {
		completed: exec.ok,
		error: exec.ok ? undefined : `${exec.stderr.slice(-1500)}`,
		requests: log0.total,
		status429: log0.status429,
		requestsByEndpoint: log0.counts,
		minimum: sum(minimum),
		minimumParts: minimum,
		requestsToMinimum: round(sent / sum(minimum), 3),
		leverSecondsAt10PerSecond: round(sent / LEVER_PER_SECOND, 1),
		leverMinutesAt10PerSecond: round(sent / LEVER_PER_SECOND / 60, 1),
		peakRssBytes: exec.peakTreeRssBytes,
		peakRssMiB: mb(exec.peakTreeRssBytes),
		// null when the Lever calls took less than one sampling interval
		peakRssWhileCallingLeverMiB: mb(lib.peakRssBetween(exec.treeRssSeries, leverWindow[0], leverWindow[1])) || null,
		peakRssMainProcessMiB: mb(exec.peakRssBytes),
		printedRunMiB: mb(exec.stdoutBytes),
		processWallSeconds: round(exec.wallMs / 1000, 1),
		leverCallsSeconds: round((leverWindow[1] - leverWindow[0]) / 1000, 1),
		facts,
	};
	figures.checks = partnerChecks(key, { rcv, emu, before, requests: log0, facts, run });
	figures.correct = exec.ok && Object.values(figures.checks).every(Boolean);
	if (run === 'first') ctx.cursor[key] = startedAt;
	log(`templates: ${key} ${run}: ${exec.ok ? 'ok' : 'FAILED'}, ${figures.requests} requests (minimum ${figures.minimum}, ratio ${figures.requestsToMinimum}), ${figures.leverMinutesAt10PerSecond} min at 10/s, peak RSS ${figures.peakRssMiB} MiB (${figures.peakRssWhileCallingLeverMiB} while calling Lever), ${figures.processWallSeconds}s wall; checks ${JSON.stringify(figures.checks)}`);
	if (!exec.ok) log(`templates: ${key} ${run} failed: ${figures.error}`);
	return figures;
}

/** n8n's own floor: the same `n8n execute` running Manual Trigger → Code (which starts the task runner). */
async function baseline(folder, log) {
	const wf = lib.chainWorkflow({
		id: 'benchTplBaseline',
		name: 'bench: n8n baseline (one Code node)',
		nodes: [{ name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: 'return [{ json: { ok: true } }];' } }],
	});
	await harness.importWorkflows(folder, [wf]);
	const exec = await lib.executeSampled(folder, wf.id, { tree: true, sampleMs: 100 });
	if (!exec.ok) throw new Error(`baseline run failed: ${exec.stderr.slice(-1500)}`);
	const figures = { peakRssMiB: mb(exec.peakTreeRssBytes), peakRssMainProcessMiB: mb(exec.peakRssBytes), processWallSeconds: round(exec.wallMs / 1000, 1) };
	log(`templates: n8n baseline (Manual Trigger → Code): peak RSS ${figures.peakRssMiB} MiB over the process tree`);
	return figures;
}

/**
 * Runs the chosen templates' first runs, changes the account, then their incremental runs. One emulator and
 * one user folder for all (each template keeps its own static data). Returns { settings, goals, <key>: { first,
 * incremental } }.
 */
async function runTemplatesBench({ tarball, size, only, log }) {
	const keys = only?.length ? only : TEMPLATE_KEYS;
	for (const k of keys) if (!TEMPLATE_KEYS.includes(k)) throw new Error(`unknown template ${k} (one of ${TEMPLATE_KEYS.join(', ')})`);
	const account = { ...ACCOUNT, ...(size ? { opportunities: size, postings: Math.max(50, Math.round((ACCOUNT.postings * size) / ACCOUNT.opportunities)) } : {}) };
	const { startEmulator } = require(path.join(harness.ROOT, 'test', 'emulator'));
	log(`templates: seeding ${account.opportunities} opportunities, ${account.postings} postings, ${account.users} users`);
	const emu = await startEmulator({ port: 0, seed: 17, ...account, lazyChildren: true, rateLimit: BENCH_RATE });
	const rcv = await T.startReceiver({ 'GET /hr/background-checks': () => ({ status: 200, body: [] }) });
	const folder = await harness.createUserFolder({ tarball, prefix: 'n8n-nodes-lever-bench-tpl-', log: () => {} });
	try {
		await harness.importCredentials(folder, [
			{ ...CREDENTIAL, data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key', requestsPerSecond: BENCH_RATE.perSecond, burst: BENCH_RATE.burst } },
		]);
		const config = T.emulatorConfig(emu.state, { partnerUrl: rcv.url });
		const credential = { leverAtsApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
		const workflows = Object.fromEntries(keys.map((k) => [k, T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES[k]), { credential, config: config[k] })]));
		await harness.importWorkflows(folder, Object.values(workflows));
		const overlapOf = (wf) => Number(wf.nodes.find((n) => n.name === 'Config').parameters.assignments.assignments.find((a) => a.name === 'overlapMinutes')?.value ?? 15);
		const ctx = { emu, folder, rcv, log, workflows, cursor: {}, overlapMs: overlapOf(Object.values(workflows)[0]) * 60000 };
		const out = {
			generatedAt: new Date().toISOString(),
			n8nVersion: lib.machine().n8nVersion,
			settings: {
				account: { ...account, seed: 17, ...emu.state.counts() },
				changes: CHANGES,
				emulatorRateLimit: BENCH_RATE,
				leverRequestsPerSecond: LEVER_PER_SECOND,
				n8n: 'n8n execute --id (the scheduled path: Config → Plan run → …), one process per run',
			},
			goals: { requestsToMinimum: GOALS.requestsToMinimum, firstRunPeakRssMiB: mb(GOALS.firstRunPeakRssBytes), incrementalPeakRssMiB: mb(GOALS.incrementalPeakRssBytes) },
		};
		out.baseline = await baseline(folder, log);
		for (const k of keys) out[k] = { first: await runOne(k, ctx, 'first') };
		out.settings.changesApplied = applyChanges(emu);
		log(`templates: changed ${JSON.stringify(out.settings.changesApplied)}`);
		for (const k of keys) out[k].incremental = await runOne(k, ctx, 'incremental');
		for (const k of keys) {
			const r = out[k];
			r.goalsMet = {
				incrementalRequestsToMinimum: r.incremental.requestsToMinimum <= GOALS.requestsToMinimum,
				firstRunPeakRss: r.first.peakRssBytes < GOALS.firstRunPeakRssBytes,
				incrementalPeakRss: r.incremental.peakRssBytes < GOALS.incrementalPeakRssBytes,
			};
		}
		return out;
	} finally {
		await rcv.close();
		await emu.close();
		harness.removeUserFolder(folder);
	}
}

module.exports = { runTemplatesBench, TEMPLATE_KEYS, MINIMUM, accountFacts, GOALS };
