#!/usr/bin/env node
'use strict';
/*
 * `npm run demo`: a real n8n with this package, the Lever emulator and every template, in one command.
 *
 *   1. builds and packs the package
 *   2. installs n8n 2.40.7 + Node 24 into .cache/n8n on first use (progress shown; ~8 minutes)
 *   3. starts the Lever emulator with a seeded account (default 500 opportunities, port 4010)
 *   4. creates a fresh n8n user folder, installs the packed package, imports the emulator credential(s)
 *      and all templates from workflows/*.json (wired to the emulator credential)
 *      with their Config nodes pointed at a local partner stand-in (port 4020) and the seeded account
 *   5. starts n8n (port 5678) and prints the editor URL and the owner login
 *
 * Ctrl-C stops n8n and the emulator and deletes the throwaway user folder.
 *
 * Options: --port <n8n port>  --emulator-port <port>  --opportunities <n>  --no-build  --keep (keep the
 *          user folder on exit)  --host <address n8n listens on, default 127.0.0.1>  --publish (publish every
 *          template, so its webhooks and schedules are live; failures are reported and skipped)
 *          --partner-port <port of the partner stand-in, default 4020>
 *
 * Templates keep their Schedule and Webhook triggers switched off as shipped (so that *Execute workflow* runs
 * their Manual Trigger); --publish switches them on first, as a user does before publishing.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const harness = require('../test/e2e/n8n');
const { enableTriggers, accountFirstMonth } = require('../test/e2e/templates-helpers');

const ROOT = harness.ROOT;

function parseArgs(argv) {
	const opts = { port: 5678, emulatorPort: 4010, opportunities: 500, build: true, keep: false, host: '127.0.0.1', publish: false, partnerPort: 4020 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => argv[++i];
		if (a === '--port') opts.port = Number(next());
		else if (a === '--emulator-port') opts.emulatorPort = Number(next());
		else if (a === '--opportunities') opts.opportunities = Number(next());
		else if (a === '--no-build') opts.build = false;
		else if (a === '--keep') opts.keep = true;
		else if (a === '--publish') opts.publish = true;
		else if (a === '--partner-port') opts.partnerPort = Number(next());
		else if (a === '--host') opts.host = next();
		else if (a === '-h' || a === '--help') {
			const src = fs.readFileSync(__filename, 'utf8');
			const doc = src.slice(src.indexOf('/*') + 2, src.indexOf('\n */'));
			process.stdout.write(doc.replace(/^ \* ?/gm, '').trim() + '\n');
			process.exit(0);
		} else throw new Error(`unknown option ${a}`);
	}
	return opts;
}

const t0 = Date.now();
const log = (m) => process.stderr.write(`[demo +${Math.round((Date.now() - t0) / 1000)}s] ${m}\n`);

/** A stable 16-character workflow id derived from the template's file name. */
function stableId(name) {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const h = crypto.createHash('sha256').update(`n8n-nodes-lever:${name}`).digest();
	let s = '';
	for (let i = 0; i < 16; i++) s += abc[h[i] % abc.length];
	return s;
}

/** Reads workflows/*.json; skips files that are not n8n workflows. Rewires Lever credentials to `creds`. */
function loadTemplates(creds) {
	const dir = path.join(ROOT, 'workflows');
	if (!fs.existsSync(dir)) return [];
	const out = [];
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		let wf;
		try {
			wf = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		} catch (err) {
			log(`  skipping ${file}: not valid JSON (${err.message})`);
			continue;
		}
		if (!wf || typeof wf !== 'object' || !Array.isArray(wf.nodes) || typeof wf.connections !== 'object') {
			log(`  skipping ${file}: not a workflow`);
			continue;
		}
		const copy = JSON.parse(JSON.stringify(wf));
		copy.id = copy.id || stableId(file);
		copy.name = copy.name || file.replace(/\.json$/, '');
		copy.active = false;
		for (const node of copy.nodes) {
			if (!node.credentials) continue;
			for (const type of Object.keys(node.credentials)) {
				if (creds[type]) node.credentials[type] = { id: creds[type].id, name: creds[type].name };
			}
		}
		out.push({ file, wf: copy });
	}
	return out;
}

/**
 * Stand-in for the partners' side (The Org, Outhire, SureCloud, an HR system): accepts whatever the templates
 * send, prints one line per request, and serves a sample background-check list for the SureCloud template.
 */
function startPartnerSink({ port, emu }) {
	const http = require('http');
	const received = [];
	const day = 24 * 3600 * 1000;
	const backgroundChecks = () => {
		// Three signed offers: a check done in time, one done after the start date, one missing.
		const signed = emu.state.offers.values().filter((o) => o.status === 'signed');
		const start = (o) => (o.fields.find((f) => f.identifier === 'anticipated_start_date') || {}).value;
		return signed.slice(0, 2).map((o, i) => ({
			opportunityId: o._opp,
			completedAt: new Date((start(o) || Date.now()) + (i === 0 ? -5 : 2) * day).toISOString(),
			result: 'clear',
		}));
	};
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const size = chunks.reduce((n, c) => n + c.length, 0);
			received.push({ method: req.method, url: req.url, size, at: new Date().toISOString() });
			log(`partner stand-in: ${req.method} ${req.url}${size ? ` (${(size / 1024).toFixed(1)} KB)` : ''}`);
			const body = req.method === 'GET' && /background-checks/.test(req.url) ? backgroundChecks() : { ok: true };
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const url = `http://127.0.0.1:${server.address().port}`;
			resolve({ url, received, close: () => new Promise((r) => server.close(() => r())) });
		});
	});
}

/**
 * Points each template's Config node at the demo: partner URLs (https://example.com/...) at the stand-in,
 * placeholder Lever user ids at an admin of the seeded account, the sample posting id at a published posting,
 * `batchFrom` (where a template reads full runs in windows of creation date) at the month of the account's
 * first opportunity, as the template's notes ask.
 */
function configureForDemo(wf, { sinkUrl, adminUserId, postingId, batchFrom }) {
	for (const node of wf.nodes) {
		if (node.type !== 'n8n-nodes-base.set' || !/config/i.test(node.name)) continue;
		const list = (node.parameters && node.parameters.assignments && node.parameters.assignments.assignments) || [];
		for (const a of list) {
			if (a.name === 'batchFrom' && batchFrom) a.value = batchFrom;
			if (typeof a.value !== 'string') continue;
			a.value = a.value
				.replace(/https:\/\/example\.com/g, sinkUrl)
				.replace(/00000000-0000-0000-0000-000000000000/g, adminUserId || '00000000-0000-0000-0000-000000000000')
				.replace(/lever-posting-id/g, postingId || 'lever-posting-id');
		}
	}
	return wf;
}

/** "POST <url>" lines for the templates' Webhook nodes (production URLs once published, else test URLs). */
function webhookLines(templates, baseUrl, published) {
	const lines = [];
	for (const { wf } of templates) {
		for (const n of wf.nodes) {
			if (n.type !== 'n8n-nodes-base.webhook' || n.disabled || !n.parameters || !n.parameters.path) continue;
			const kind = published.has(wf.name) ? 'webhook' : 'webhook-test';
			lines.push(`    ${n.parameters.httpMethod || 'GET'} ${baseUrl}/${kind}/${n.parameters.path}`);
		}
	}
	if (!lines.length) return [];
	const note = published.size
		? 'live'
		: 'test URLs: open the workflow and click "Execute workflow" first; --publish makes production URLs live';
	return [`  Webhooks (${note}):`, ...lines];
}

/** OAuth2 app registered in the emulator; the emulator's consent screen approves automatically. */
const DEMO_OAUTH_CLIENT = { clientId: 'n8n-demo', clientSecret: 'n8n-demo-secret' };

/**
 * The OAuth2 credential, already connected: a token minted by the emulator for every scope (with a refresh
 * token, so n8n refreshes it when it expires). "Reconnect" in the editor runs the real authorization flow
 * against the emulator. Null when the built scope list is not available.
 */
function oauthCredential(emu) {
	let scopes;
	try {
		scopes = require(path.join(ROOT, 'dist', 'credentials', 'scopes.js')).LEVER_SCOPES.map((s) => s.scope);
	} catch {
		return null;
	}
	if (!Array.isArray(scopes) || !scopes.length || typeof emu.mintToken !== 'function') return null;
	const token = emu.mintToken(scopes, 24 * 3600, DEMO_OAUTH_CLIENT.clientId);
	return {
		id: 'demoLeverOAuth2A',
		name: 'Lever emulator (OAuth2)',
		type: 'leverAtsOAuth2Api',
		data: {
			environment: 'custom',
			customBaseUrl: emu.apiUrl,
			customAuthUrl: `${emu.url}/oauth/authorize`,
			customTokenUrl: `${emu.url}/oauth/token`,
			scopes,
			clientId: DEMO_OAUTH_CLIENT.clientId,
			clientSecret: DEMO_OAUTH_CLIENT.clientSecret,
			oauthTokenData: token,
		},
	};
}

/**
 * Starts everything `npm run demo` runs (package build + pack, n8n, emulator, partner stand-in, user folder
 * with credentials and templates, `n8n start`) and returns
 * { url, server, emu, sink, folder, creds, templates, published, stop() }. The first-click e2e test drives the
 * same instance in Chromium, so what the README tells a new user to click is what is tested.
 * On failure everything already started is stopped before the error is rethrown.
 */
async function startDemo(options = {}, { log: say = log } = {}) {
	const opts = { ...parseArgs([]), ...options };
	const cleanups = [];
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		for (const fn of cleanups.reverse()) {
			try {
				await fn();
			} catch (err) {
				say(`  cleanup failed: ${err.message}`);
			}
		}
	};
	try {
		// 1. build + pack (or a tarball the caller already has)
		const tgz = opts.tarball || (await harness.packPackage({ build: opts.build, log: say }));
		if (!opts.tarball) cleanups.push(() => fs.rmSync(path.dirname(tgz), { recursive: true, force: true }));

		// 2. n8n (first use: ~8 minutes, progress on stderr)
		await harness.ensureN8n();

		// 3. emulator
		const { startEmulator } = require(path.join(ROOT, 'test', 'emulator'));
		const emu = await startEmulator({
			port: opts.emulatorPort,
			opportunities: opts.opportunities,
			oauthClients: [DEMO_OAUTH_CLIENT],
		});
		cleanups.push(() => emu.close());
		say(`Lever emulator on ${emu.apiUrl} (${opts.opportunities} opportunities; API key "test-key")`);
		const sink = await startPartnerSink({ port: opts.partnerPort, emu });
		cleanups.push(() => sink.close());
		say(`partner stand-in on ${sink.url} (receives what the templates send to partners)`);

		// 4. user folder, credentials, templates
		const folder = await harness.createUserFolder({ tarball: tgz, prefix: 'n8n-nodes-lever-demo-', log: say });
		cleanups.push(() => {
			if (opts.keep) say(`kept the n8n user folder ${folder}`);
			else harness.removeUserFolder(folder);
		});
		const creds = {
			leverAtsApi: {
				id: 'demoLeverApiKey1',
				name: 'Lever emulator (API key)',
				type: 'leverAtsApi',
				data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' },
			},
		};
		const oauth = oauthCredential(emu);
		if (oauth) creds.leverAtsOAuth2Api = oauth;
		say(`importing credentials: ${Object.values(creds).map((c) => c.name).join(', ')}`);
		await harness.importCredentials(folder, Object.values(creds));

		const admin = emu.state.users.values().find((u) => !u.deactivatedAt && u.accessRole === 'super admin');
		const posting = emu.state.postings.values().find((p) => p.state === 'published');
		const templates = loadTemplates(creds).map((t) => ({
			...t,
			wf: configureForDemo(t.wf, { sinkUrl: sink.url, adminUserId: admin && admin.id, postingId: posting && posting.id, batchFrom: accountFirstMonth(emu.state) }),
		}));
		// Publishing needs the schedule and webhook triggers on, as for a user (workflows/README.md, step 4).
		if (opts.publish) for (const t of templates) enableTriggers(t.wf);
		if (templates.length) {
			say(`importing ${templates.length} template(s): ${templates.map((t) => t.file).join(', ')}`);
			await harness.importWorkflows(
				folder,
				templates.map((t) => t.wf),
			);
		} else say('no templates found in workflows/');
		const published = [];
		if (opts.publish) {
			for (const t of templates) {
				try {
					await harness.publishWorkflow(folder, t.wf.id);
					published.push(t.wf.name);
				} catch (err) {
					say(`  could not publish ${t.file}: ${String(err.message).split('\n')[0]}`);
				}
			}
			say(`published ${published.length} of ${templates.length} template(s)`);
		}

		// 5. n8n
		say(`starting n8n on port ${opts.port} (first start runs database migrations)`);
		const server = await harness.startN8n(folder, {
			port: opts.port,
			host: opts.host,
			onLine: (l) => {
				if (/error|warn/i.test(l)) process.stderr.write(`  n8n | ${l}\n`);
			},
		});
		cleanups.push(() => server.stop());
		return { url: server.url, server, emu, sink, folder, creds, templates, published, opts, stop };
	} catch (err) {
		await stop();
		throw err;
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	let demo;
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		log('stopping…');
		if (demo) await demo.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));

	try {
		demo = await startDemo(opts);
		const { server, emu, sink, creds, templates, published } = demo;
		server.child.on('exit', (code, signal) => {
			if (!stopping) {
				log(`n8n exited (${signal || code}); see ${server.logFile}`);
				stopAll(1);
			}
		});

		const url = server.url;
		process.stdout.write(
			[
				'',
				'  n8n with n8n-nodes-lever is running.',
				'',
				`  Editor:    ${url}/home/workflows`,
				`  Login:     ${harness.OWNER.email}`,
				`  Password:  ${harness.OWNER.password}`,
				'',
				`  Lever emulator: ${emu.apiUrl}`,
				`  Partner stand-in: ${sink.url}  (the templates' partner URLs point here; requests are printed)`,
				`  Credentials:    ${Object.values(creds).map((c) => `"${c.name}"`).join(', ')} (ready to use)`,
				`  Templates: ${templates.length} imported${templates.length ? ` (${templates.map((t) => t.wf.name).join('; ')})` : ''}`,
				...(opts.publish ? [`  Published: ${published.length} (webhooks under ${server.url}/webhook/…)`] : []),
				...webhookLines(templates, server.url, new Set(published)),
				`  n8n log:   ${server.logFile}`,
				'',
				'  Press Ctrl-C to stop n8n and the emulator.',
				'',
			].join('\n') + '\n',
		);
	} catch (err) {
		log(`FAILED: ${err.message}`);
		await stopAll(1);
	}
}

module.exports = { startDemo, parseArgs };

if (require.main === module) main();
