'use strict';
/*
 * Templates at account scale (part of `npm run bench`; alone: `npm run bench -- --only=templates`, one or
 * some templates: `--templates=seekOut,theOrg`, another size for a try-out: `--template-size=5000`).
 *
 * An emulator account of 50,000 opportunities (resumes, files, 2% at the Offer stage each with an offer),
 * 2,000 postings and 300 users. Each scheduled template (SeekOut index, SureCloud evidence, The Org,
 * Outhire job export) runs its scheduled path in a real n8n twice: a first (full) run, then, after 1% of the
 * opportunities and 2% of the postings changed, an incremental run. How n8n runs it (`--template-runner=`):
 *   - `start` (the default, as in production): a fresh `n8n start` per run (its modules, Data Tables among
 *     them, are on); the workflow's Schedule Trigger is set to fire once a few seconds ahead and the workflow
 *     activated through n8n's internal REST API, as the editor does; the bench waits for that execution in
 *     n8n's executions list (runScheduled below);
 *   - `execute`: `n8n execute --id` (the Manual Trigger, which starts the same Config → Plan run → ... path;
 *     no modules, so no Data Tables: the templates keep their state in static data), the figures of
 *     earlier sessions. Per run:
 *   - requests: what the emulator's log counted (Lever requests only; partners are a local receiver);
 *   - minimum: what the data allows, computed here from the account (not from the template): one page of 100
 *     per listing the output needs (at least one request per listing), plus the per-record calls Lever
 *     offers no listing for (resumes, offers); see MINIMUM below for each template;
 *   - requestsToMinimum (goal <= 1.2 on incremental runs);
 *   - Lever time at Lever's 10 requests/s (requests / 10; the emulator's limit is raised here so the bench
 *     finishes in minutes);
 *   - peak RSS of the n8n process tree (the n8n process and its task runner, which runs the Code nodes),
 *     sampled every 100 ms, plus the highest sample while Lever was being called (the rest is n8n saving the
 *     execution, and with `execute` printing it); with `start` also the tree's idle RSS before the run (n8n's
 *     floor in that process) and the Data Tables' size after it.
 * Checks (recorded, not asserted): what reached the partner matches the account.
 */
const path = require('path');
const { execFileSync } = require('child_process');

const lib = require('./lib');
const T = require('../test/e2e/templates-helpers');
const { restSession, parseRunData, listExecutions } = require('../test/e2e/helpers');

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
// n8n's run JSON of a whole account is not read back past this size (lib.executeSampled, and a failed
// scheduled run's execution read through the REST API)
const PARSE_UP_TO_BYTES = 64 * 1024 * 1024;

const RUNNERS = ['start', 'execute'];
const SAMPLE_MS = 100;
const RUN_TIMEOUT_MS = 60 * 60 * 1000;
// n8n start's idle RSS: the highest sample over IDLE_WINDOW_MS (the same sampling as the peaks), once n8n has
// settled. Just after start-up the tree holds about 300 MiB more (833 MiB, then 512 MiB from 20 s after login
// on a quiet machine, much later on a busy one; measured 2026-12-02) until V8 collects what starting left
// behind; a run fired before that would count the garbage as its own. So the bench waits for that drop
// (IDLE_DROP_BYTES below the tree's RSS at login, or IDLE_DROP_SHARE of it: an n8n set for a small server,
// --template-heap=384:192, starts lower and drops about 14%, from 583 to 500 MiB), at least IDLE_SETTLE_MIN_MS,
// at most IDLE_SETTLE_MAX_MS.
const IDLE_SETTLE_MIN_MS = 20000;
const IDLE_SETTLE_MAX_MS = 240000;
const IDLE_DROP_BYTES = 150 * 1024 ** 2;
const IDLE_DROP_SHARE = 0.12;
const IDLE_WINDOW_MS = 5000;
// the schedule fires this far after it is saved and the workflow activated (activation takes a few seconds
// on a busy machine; a schedule that would already have passed is set again further ahead)
const FIRE_LEAD_MS = 15000;

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
function partnerChecks(key, { rcv, emu, before, requests, facts, run, log = () => {} }) {
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
		const ok = rows.size === offers.length && offers.every((f) => rows.has(f.id));
		if (!ok) {
			// what differs, for the log: offers missing from the pack, rows of offers that should not be there
			const expected = new Set(offers.map((f) => f.id));
			const describe = (id) => {
				const f = st.offers.get(id);
				const o = f && st.opportunities.get(f._opp);
				return o ? `${id} (opportunity ${o.id}: stage ${o.stage}, ${o.archived ? 'archived' : 'active'}, updatedAt ${new Date(o.updatedAt).toISOString()})` : `${id} (no such offer now)`;
			};
			log(`templates: sureCloud pack differs: missing ${[...expected].filter((id) => !rows.has(id)).slice(0, 5).map(describe).join('; ') || 'none'}; extra ${[...rows].filter((id) => !expected.has(id)).slice(0, 5).map(describe).join('; ') || 'none'}; ${rows.size} rows for ${offers.length} offers`);
		}
		return { onePost: true, oneRowPerOfferAtOfferStage: ok };
	}
	if (key === 'seekOut') {
		const resumes = requests.counts['GET /opportunities/{opportunity}/resumes'] ?? 0;
		return { resumesOfEachReadOpportunity: resumes === (run === 'first' ? facts.opportunities : facts.changed) };
	}
	return {};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const finished = (e) => !['new', 'running', 'waiting'].includes(e.status);

/** A Schedule Trigger rule that fires once: a six-field cron (seconds first) of one second of this year, in UTC. */
function fireOnceRule(at) {
	const d = new Date(at);
	return { interval: [{ field: 'cronExpression', expression: `${d.getUTCSeconds()} ${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} *` }] };
}

/**
 * The size of an execution's run data as n8n saved it (the serialized run, in n8n's SQLite database), read
 * with the sqlite3 command when the machine has one; undefined otherwise.
 */
function savedRunDataSize(folder, executionId) {
	try {
		const db = path.join(folder, '.n8n', 'database.sqlite');
		const out = execFileSync('sqlite3', [db, `SELECT length(CAST(data AS BLOB)) FROM execution_data WHERE executionId = ${Number(executionId)};`], { encoding: 'utf8', timeout: 60000 });
		const n = Number(out.trim());
		return out.trim() && Number.isFinite(n) ? n : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Where a run's memory goes: for each node, how far it raised the tree's and the main process's RSS above the
 * highest sample before it started (V8 seldom hands memory back during a run, so a rise is what the node
 * added), and the peak while it ran; the same for the time after the last node ended (n8n saving the run).
 * A node's window is n8n's startTime + executionTime of each of its runs, plus one sampling interval (a node
 * shorter than that may fall between two samples). Largest rise first, MiB.
 */
function peaksByNode(runData, treeSeries, mainSeries) {
	const spans = Object.entries(runData).flatMap(([node, runs]) => runs.map((r) => ({ node, from: r.startTime, to: r.startTime + (r.executionTime || 0) + SAMPLE_MS })));
	if (!spans.length) return [];
	spans.push({ node: '(after the last node: n8n saves the run)', from: Math.max(...spans.map((s) => s.to)), to: Infinity });
	const highestBefore = (series, t) => series.reduce((max, [at, rss]) => (at < t && rss > max ? rss : max), 0);
	const byNode = new Map();
	for (const { node, from, to } of spans) {
		const entry = byNode.get(node) || { node, treeRiseMiB: 0, mainRiseMiB: 0, treePeakMiB: 0, ms: 0 };
		const rise = (series) => mb(Math.max(0, lib.peakRssBetween(series, from, to) - highestBefore(series, from)));
		entry.treeRiseMiB = round(entry.treeRiseMiB + rise(treeSeries), 1);
		entry.mainRiseMiB = round(entry.mainRiseMiB + rise(mainSeries), 1);
		entry.treePeakMiB = Math.max(entry.treePeakMiB, mb(lib.peakRssBetween(treeSeries, from, to)));
		if (to !== Infinity) entry.ms += to - from - SAMPLE_MS;
		byNode.set(node, entry);
	}
	return [...byNode.values()].filter((e) => e.treeRiseMiB || e.mainRiseMiB).sort((a, b) => b.treeRiseMiB + b.mainRiseMiB - (a.treeRiseMiB + a.mainRiseMiB));
}

/**
 * Runs a workflow's scheduled path as production does, in a fresh `n8n start` on the folder (the workflows
 * and credentials are imported already): its Schedule Trigger is saved with a schedule that fires once, a
 * few seconds ahead, the workflow activated through n8n's internal REST API as the editor does, and the
 * execution the schedule starts awaited in n8n's executions list; then the workflow is deactivated and n8n
 * stopped. A fresh process per run, so that each run's peak is its own (a long-lived n8n keeps what V8 grew
 * to). `beforeFire` runs after the idle measurement, right before activation (the bench resets the
 * emulator's log there). Resolves { ok, error, status, executionId, wallMs, peakRssBytes (main process),
 * peakTreeRssBytes, treeRssSeries, idleTreeRssBytes, idleMainRssBytes, treeRssAtLoginBytes, settledAfterMs,
 * savedRunDataBytes, dataTables }.
 */
async function runScheduled(folder, workflowId, { beforeFire = () => {}, log = () => {}, env = {} } = {}) {
	const n8n = await lib.harness.startN8n(folder, { env });
	try {
		const session = await restSession(n8n.url);
		const atLogin = lib.treeRss(n8n.pid);
		const settleStart = Date.now();
		for (;;) {
			const waited = Date.now() - settleStart;
			if (waited >= IDLE_SETTLE_MAX_MS || (waited >= IDLE_SETTLE_MIN_MS && lib.treeRss(n8n.pid) < atLogin - Math.min(IDLE_DROP_BYTES, IDLE_DROP_SHARE * atLogin))) break;
			await sleep(1000);
		}
		const settledAfterMs = Date.now() - settleStart;
		const idle = lib.startSampler(n8n.pid, { sampleMs: SAMPLE_MS, tree: true, resetPeak: true });
		await sleep(IDLE_WINDOW_MS);
		const idleMemory = idle.stop();
		const idleTreeRssBytes = idleMemory.peakTreeRssBytes;
		const idleMainRssBytes = Math.max(...idleMemory.rssSeries.map(([, rss]) => rss));
		// the newest 20 executions of the workflow, or (below) the newest below one id
		const executionsOf = (lastId) => listExecutions(session, workflowId, { limit: 20, lastId });
		const seen = new Set((await executionsOf()).map((e) => e.id));
		await beforeFire();
		const sampler = lib.startSampler(n8n.pid, { sampleMs: SAMPLE_MS, tree: true, resetPeak: true });
		let memory;
		const t0 = Date.now();
		try {
			for (let lead = FIRE_LEAD_MS; ; lead *= 2) {
				const fireAt = Date.now() + lead;
				const wf = await session.call('GET', `/workflows/${workflowId}`);
				const nodes = wf.nodes.map((n) => (n.type === 'n8n-nodes-base.scheduleTrigger' ? { ...n, parameters: { ...n.parameters, rule: fireOnceRule(fireAt) } } : n));
				const saved = await session.call('PATCH', `/workflows/${workflowId}`, { nodes });
				await session.call('POST', `/workflows/${workflowId}/activate`, { versionId: saved.versionId });
				if (Date.now() < fireAt - 1000) break;
				log(`templates: activation took past the schedule (${lead / 1000}s ahead); again further ahead`);
				await session.call('POST', `/workflows/${workflowId}/deactivate`, {});
			}
			// The run is the first execution after the schedule fired: a workflow that calls itself (SeekOut's
			// full run in windows) starts executions of the same workflow id while it runs, later, with higher ids.
			let execution;
			let runId;
			for (const deadline = Date.now() + RUN_TIMEOUT_MS; ; ) {
				try {
					if (runId === undefined) {
						const fresh = (await executionsOf()).filter((e) => !seen.has(e.id));
						if (fresh.length) {
							runId = fresh.map((e) => e.id).sort((a, b) => Number(a) - Number(b))[0];
							log(`templates: execution ${runId} of ${workflowId} started`);
						}
					}
					if (runId !== undefined) execution = (await executionsOf(Number(runId) + 1)).find((e) => e.id === runId);
				} catch (err) {
					// n8n's REST API does not answer while its one thread is busy (serializing a run of a whole
					// account can take minutes); only a process that is gone ends the wait
					if (n8n.child.exitCode !== null || n8n.child.signalCode !== null) throw new Error(`n8n exited during the run (${n8n.child.exitCode ?? n8n.child.signalCode}): ${n8n.log().slice(-2000)}`);
					log(`templates: n8n did not answer (${err.cause?.code ?? err.message.slice(0, 160)}); still waiting`);
				}
				if (execution && finished(execution)) break;
				if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId} after ${RUN_TIMEOUT_MS / 60000} min (${execution ? execution.status : 'none started'})`);
				await sleep(1000);
			}
			memory = sampler.stop();
			await session.call('POST', `/workflows/${workflowId}/deactivate`, {});
			const ok = execution.status === 'success';
			// the run as n8n saved it, when it is small enough to read back: its error, and when each node ran
			const res = await session.request('GET', `/executions/${execution.id}`, undefined, { maxBytes: PARSE_UP_TO_BYTES });
			const saved = res.body?.data?.data ? parseRunData(res.body.data.data).resultData : undefined;
			let error;
			if (!ok) {
				const err = saved?.error;
				error = err ? `${err.message}${err.node ? ` (node ${err.node.name ?? err.node})` : ''}` : `execution ${execution.status}; n8n log: ${n8n.log().slice(-1500)}`;
			}
			const sizes = await session.call('GET', '/data-tables-global/limits').catch(() => undefined);
			const savedRunDataBytes = savedRunDataSize(folder, execution.id);
			return {
				ok,
				error,
				status: execution.status,
				executionId: execution.id,
				// from the schedule's firing to the execution saved, as n8n recorded them
				wallMs: new Date(execution.stoppedAt).getTime() - new Date(execution.startedAt).getTime(),
				benchWallMs: Date.now() - t0,
				...memory,
				idleTreeRssBytes,
				idleMainRssBytes,
				treeRssAtLoginBytes: atLogin,
				settledAfterMs,
				savedRunDataBytes,
				peaksByNode: saved?.runData ? peaksByNode(saved.runData, memory.treeRssSeries, memory.rssSeries) : undefined,
				dataTables: sizes && {
					totalMiB: mb(sizes.totalBytes),
					tables: Object.values(sizes.dataTables ?? {}).map((t) => ({ name: t.name, sizeMiB: mb(t.sizeBytes) })),
				},
			};
		} finally {
			if (!memory) sampler.stop();
		}
	} finally {
		await n8n.stop();
	}
}

/** `n8n execute --id` (the Manual Trigger; no Data Tables), figures in runScheduled's shape. */
async function runExecute(folder, workflowId, { beforeFire = () => {}, env = {} } = {}) {
	await beforeFire();
	const exec = await lib.executeSampled(folder, workflowId, { env, tree: true, sampleMs: SAMPLE_MS, parseUpToBytes: PARSE_UP_TO_BYTES, timeoutMs: RUN_TIMEOUT_MS });
	return { ...exec, error: exec.ok ? undefined : exec.stderr.slice(-1500) };
}

const RUN_WITH = { start: runScheduled, execute: runExecute };

async function runOne(key, ctx, run) {
	const { emu, folder, rcv, log, overlapMs } = ctx;
	const wfId = ctx.workflows[key].id;
	const before = Object.fromEntries(['/the-org', '/outhire/jobs', '/surecloud/evidence'].map((p) => [p, rcv.to(p).length]));
	let startedAt;
	const beforeFire = () => {
		emu.resetRequests();
		startedAt = Date.now();
	};
	const exec = await RUN_WITH[ctx.runner](folder, wfId, { beforeFire, log, env: ctx.n8nEnv });
	const log0 = emu.requests();
	const since = run === 'first' ? undefined : ctx.cursor[key] - overlapMs;
	const facts = accountFacts(emu.state, since);
	const minimum = MINIMUM[key][run](facts);
	const sent = log0.total - log0.status429;
	const leverWindow = log0.firstAt ? [log0.firstAt, log0.lastAt] : [startedAt, startedAt];
	const figures = {
		completed: exec.ok,
		error: exec.error,
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
		// start: the same process tree idle before the run (n8n's floor there); execute has no idle moment
		idleRssBeforeRunMiB: exec.idleTreeRssBytes === undefined ? undefined : mb(exec.idleTreeRssBytes),
		idleRssMainProcessBeforeRunMiB: exec.idleMainRssBytes === undefined ? undefined : mb(exec.idleMainRssBytes),
		rssAtLoginMiB: exec.treeRssAtLoginBytes === undefined ? undefined : mb(exec.treeRssAtLoginBytes),
		settledAfterSeconds: exec.settledAfterMs === undefined ? undefined : round(exec.settledAfterMs / 1000, 1),
		printedRunMiB: exec.stdoutBytes === undefined ? undefined : mb(exec.stdoutBytes),
		savedRunDataMiB: exec.savedRunDataBytes === undefined ? undefined : mb(exec.savedRunDataBytes),
		// start: the six nodes (or n8n saving the run) that raised the RSS most
		peaksByNode: exec.peaksByNode?.slice(0, 6),
		processWallSeconds: round(exec.wallMs / 1000, 1),
		dataTables: exec.dataTables,
		leverCallsSeconds: round((leverWindow[1] - leverWindow[0]) / 1000, 1),
		facts,
	};
	figures.checks = partnerChecks(key, { rcv, emu, before, requests: log0, facts, run, log });
	figures.correct = exec.ok && Object.values(figures.checks).every(Boolean);
	if (run === 'first') ctx.cursor[key] = startedAt;
	log(`templates: ${key} ${run}: ${exec.ok ? 'ok' : 'FAILED'}, ${figures.requests} requests (minimum ${figures.minimum}, ratio ${figures.requestsToMinimum}), ${figures.leverMinutesAt10PerSecond} min at 10/s, peak RSS ${figures.peakRssMiB} MiB (${figures.peakRssWhileCallingLeverMiB} while calling Lever), ${figures.processWallSeconds}s wall; checks ${JSON.stringify(figures.checks)}`);
	if (figures.peaksByNode?.length) log(`templates: ${key} ${run}: RSS rises (tree/main MiB) ${figures.peaksByNode.map((p) => `${p.node} +${p.treeRiseMiB}/+${p.mainRiseMiB}`).join(', ')}`);
	if (!exec.ok) log(`templates: ${key} ${run} failed: ${figures.error}`);
	return figures;
}

/** A Manual Trigger and a Schedule Trigger (either starts it, as in the templates) → one Code node. */
function baselineWorkflow() {
	const wf = lib.chainWorkflow({
		id: 'benchTplBaseline',
		name: 'bench: n8n baseline (one Code node)',
		nodes: [{ name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: 'return [{ json: { ok: true } }];' } }],
	});
	const schedule = { id: 'b3c10000-0000-4000-8000-000000000002', name: 'Schedule Trigger', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, position: [0, 200], parameters: { rule: { interval: [{ field: 'days' }] } } };
	wf.nodes.push(schedule);
	wf.connections[schedule.name] = { main: [[{ node: 'Code', type: 'main', index: 0 }]] };
	return wf;
}

/** n8n's own floor: the same runner running the one-Code-node workflow (a Code node starts the task runner). */
async function baseline(folder, runner, log, env) {
	const wf = baselineWorkflow();
	await harness.importWorkflows(folder, [wf]);
	const exec = await RUN_WITH[runner](folder, wf.id, { log, env });
	if (!exec.ok) throw new Error(`baseline run failed: ${exec.error}`);
	const figures = {
		peakRssMiB: mb(exec.peakTreeRssBytes),
		peakRssMainProcessMiB: mb(exec.peakRssBytes),
		idleRssMiB: exec.idleTreeRssBytes === undefined ? undefined : mb(exec.idleTreeRssBytes),
		idleRssMainProcessMiB: exec.idleMainRssBytes === undefined ? undefined : mb(exec.idleMainRssBytes),
		rssAtLoginMiB: exec.treeRssAtLoginBytes === undefined ? undefined : mb(exec.treeRssAtLoginBytes),
		settledAfterSeconds: exec.settledAfterMs === undefined ? undefined : round(exec.settledAfterMs / 1000, 1),
		processWallSeconds: round(exec.wallMs / 1000, 1),
	};
	log(`templates: n8n baseline (${runner}, one Code node): peak RSS ${figures.peakRssMiB} MiB over the process tree${figures.idleRssMiB ? `, ${figures.idleRssMiB} MiB idle before the run` : ''}`);
	return figures;
}

/**
 * Runs the chosen templates' first runs, changes the account, then their incremental runs. One emulator and
 * one user folder for all (each template keeps its own static data). Returns { settings, goals, <key>: { first,
 * incremental } }.
 */
async function runTemplatesBench({ tarball, size, only, runner = 'start', n8nEnv = {}, configOverrides = {}, log }) {
	if (!RUNNERS.includes(runner)) throw new Error(`unknown template runner ${runner} (one of ${RUNNERS.join(', ')})`);
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
		const workflowOf = (k) => T.prepareTemplate(T.loadTemplate(T.TEMPLATE_FILES[k]), { credential, config: { ...config[k], ...configOverrides } });
		const workflows = Object.fromEntries(keys.map((k) => [k, workflowOf(k)]));
		await harness.importWorkflows(folder, Object.values(workflows));
		const overlapOf = (wf) => Number(wf.nodes.find((n) => n.name === 'Config').parameters.assignments.assignments.find((a) => a.name === 'overlapMinutes')?.value ?? 15);
		const ctx = { emu, folder, rcv, log, workflows, runner, n8nEnv, cursor: {}, overlapMs: overlapOf(workflows[keys[0]]) * 60000 };
		const out = {
			generatedAt: new Date().toISOString(),
			n8nVersion: lib.machine().n8nVersion,
			settings: {
				account: { ...account, seed: 17, ...emu.state.counts() },
				changes: CHANGES,
				emulatorRateLimit: BENCH_RATE,
				leverRequestsPerSecond: LEVER_PER_SECOND,
				runner,
				// extra n8n environment of an investigation (--template-n8n-env=); none for the recorded figures
				n8nEnv: Object.keys(n8nEnv).length ? n8nEnv : undefined,
				// Config values of an investigation (--template-config=); none for the recorded figures
				configOverrides: Object.keys(configOverrides).length ? configOverrides : undefined,
				// how the templates that read full runs in windows were set (Config batchDays, batchFrom)
				batches: Object.fromEntries(
					keys
						.map((k) => [k, Object.fromEntries(workflows[k].nodes.find((n) => n.name === 'Config').parameters.assignments.assignments.filter((a) => /^batch/.test(a.name)).map((a) => [a.name, a.value]))])
						.filter(([, b]) => Object.keys(b).length),
				),
				n8n: runner === 'start'
					? 'n8n start, one fresh process per run; the Schedule Trigger set to fire once and the workflow activated through the REST API, as in production (Data Tables available)'
					: 'n8n execute --id (the Manual Trigger, same Config → Plan run → … path; no Data Tables), one process per run',
			},
			goals: { requestsToMinimum: GOALS.requestsToMinimum, firstRunPeakRssMiB: mb(GOALS.firstRunPeakRssBytes), incrementalPeakRssMiB: mb(GOALS.incrementalPeakRssBytes) },
		};
		out.baselines = { [runner]: await baseline(folder, runner, log, n8nEnv) };
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

module.exports = { runTemplatesBench, TEMPLATE_KEYS, RUNNERS, MINIMUM, accountFacts, GOALS };
