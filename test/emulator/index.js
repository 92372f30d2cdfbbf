'use strict';
/**
 * Lever Data API v1 emulator: a stateful local HTTP server (see README.md in this folder).
 *   const { startEmulator } = require('./test/emulator');
 *   const emu = await startEmulator({ opportunities: 200 });
 *   ... fetch(`${emu.apiUrl}/opportunities`, { headers: { Authorization: 'Basic ' + btoa('test-key:') } })
 *   await emu.close();
 */
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { performance } = require('perf_hooks');
const { mulberry32, mixSeed } = require('./lib/prng');
const { ApiError, Query, readBody, parseBody, badRequest, unauthorized, forbidden } = require('./lib/http');
const { createState, counts, COLLECTIONS, unlinkOpportunity } = require('./lib/state');
const { generate, sizesFor, postingUrls } = require('./lib/seed');
const table = require('./lib/table');
const { OAuthServer } = require('./lib/oauth');
const { EVENTS, CONDITION_EVENTS: CONDITION_EVENT_LIST, webhookView } = require('./lib/routes3');
const V = require('./lib/views');

const JSON_TYPE = 'application/json; charset=utf-8';
const CONDITION_EVENTS = new Set(CONDITION_EVENT_LIST);
const POSTING_ACTIONS = new Set(['postingTitle', 'postingClose', 'postingPublish', 'postingDelete']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	seed: 7,
	opportunities: 50,
	apiKeys: [{ key: 'test-key' }, { key: 'confidential-key', confidential: true }],
	oauthClients: [{ clientId: 'test-client', clientSecret: 'test-secret' }],
	accessTokenTtlSeconds: 3600,
	rateLimit: { perSecond: 10, burst: 20 },
	// Off: Lever documents 2/s only for the public Postings API apply, not the Data API's (opt in to model it).
	applyRateLimit: false,
	retryAfter: false,
	faults: {},
	webhookRetryDelaysMs: [1000, 5000, 30000, 60000, 300000],
	webhookTimeoutMs: 10000,
	disabledWebhookEvents: [],
	userEmailDomains: ['northwind.example', 'example.com'],
	requestLogSize: 1000,
	quiet: true,
};

/** The apply limit when switched on without numbers (the Postings API's documented 2/s). */
const APPLY_LIMIT = { perSecond: 2, burst: 2 };
const applyLimit = (cfg) => (cfg ? { ...APPLY_LIMIT, ...(cfg === true ? {} : cfg) } : false);

const FAULT_DEFAULTS = { seed: undefined, rate429: 0, rate500: 0, rate502: 0, rate503: 0, rateReset: 0, latencyMs: 0, slowBodyMs: 0 };

class TokenBucket {
	/** `clock` is the emulator's (injectable through options.now), so tests can hold time still. */
	constructor(cfg, clock) {
		this.perSecond = cfg.perSecond;
		this.burst = cfg.burst;
		this.tokens = cfg.burst;
		this.clock = clock;
		this.last = clock();
	}
	take() {
		const now = this.clock();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}
}

class Emulator {
	constructor(options = {}) {
		this.options = { ...DEFAULTS, ...options };
		if (options.faults) this.options.faults = { ...options.faults };
		this.config = {
			rateLimit: this.options.rateLimit === false ? false : { ...DEFAULTS.rateLimit, ...(this.options.rateLimit || {}) },
			applyRateLimit: applyLimit(this.options.applyRateLimit),
			retryAfter: this.options.retryAfter,
			faults: { ...FAULT_DEFAULTS, ...(this.options.faults || {}) },
			disabledWebhookEvents: (this.options.disabledWebhookEvents || []).slice(),
			webhookRetryDelaysMs: this.options.webhookRetryDelaysMs.slice(),
			oauthAutoApprove: this.options.oauthAutoApprove !== false,
			bareFileList: !!this.options.bareFileList,
		};
		this.faultRng = mulberry32(mixSeed('faults', this.config.faults.seed !== undefined ? this.config.faults.seed : this.options.seed));
		this.state = {};
		this.buckets = new Map();
		this.applyBucket = null;
		this.oauth = new OAuthServer(this);
		this.lastStamp = 0;
		this.accountId = crypto.createHash('sha1').update(`account-${this.options.seed}`).digest('hex').slice(0, 8) + '-0000-4000-8000-000000000001';
		this.timers = new Set();
		this.sockets = new Set();
		this.resetRequests();
		this.deliveries = [];
		this.deliverySeq = 0;
		this.closed = false;
	}

	now() {
		return this.options.now ? this.options.now() : Date.now();
	}
	/** Strictly increasing timestamp for records written through the API. */
	stamp() {
		const t = Math.max(this.now(), this.lastStamp + 1);
		this.lastStamp = t;
		return t;
	}
	superAdminId() {
		const u = this.state.users && this.state.users.values().find((x) => x.accessRole === 'super admin');
		return u ? u.id : null;
	}

	seedState() {
		const fresh = createState();
		for (const k of Object.keys(this.state)) delete this.state[k];
		Object.assign(this.state, fresh);
		const t0 = performance.now();
		const info = generate(this.state, this.options, { apiUrl: this.apiUrl });
		this.seedInfo = { ...info, ms: Math.round(performance.now() - t0) };
		this.state.counts = () => counts(this.state);
	}

	// ------------------------------------------------------------------ lifecycle
	async listen() {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((e) => {
				if (!res.headersSent) this.sendJson(res, 500, { code: 'InternalServerError', message: String(e && e.message) });
				else res.destroy();
			});
		});
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, resolve);
		});
		this.port = this.server.address().port;
		const h = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
		this.url = `http://${h.includes(':') ? `[${h}]` : h}:${this.port}`;
		this.apiUrl = `${this.url}/v1`;
		this.seedState();
	}
	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
		});
	}
	timer(fn, ms) {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		this.timers.add(t);
		return t;
	}

	configure(cfg = {}) {
		if (cfg.rateLimit !== undefined) {
			this.config.rateLimit = cfg.rateLimit === false ? false : { ...DEFAULTS.rateLimit, ...(this.config.rateLimit || {}), ...cfg.rateLimit };
			this.buckets.clear();
		}
		if (cfg.applyRateLimit !== undefined) {
			this.config.applyRateLimit = applyLimit(cfg.applyRateLimit);
			this.applyBucket = null;
		}
		if (cfg.retryAfter !== undefined) this.config.retryAfter = cfg.retryAfter;
		if (cfg.faults !== undefined) {
			this.config.faults = { ...FAULT_DEFAULTS, ...(cfg.faults || {}) };
			this.faultRng = mulberry32(mixSeed('faults', this.config.faults.seed !== undefined ? this.config.faults.seed : this.options.seed));
		}
		if (cfg.disabledWebhookEvents !== undefined) this.config.disabledWebhookEvents = (cfg.disabledWebhookEvents || []).slice();
		if (cfg.webhookRetryDelaysMs !== undefined) this.config.webhookRetryDelaysMs = cfg.webhookRetryDelaysMs.slice();
		if (cfg.oauthAutoApprove !== undefined) this.config.oauthAutoApprove = !!cfg.oauthAutoApprove;
		if (cfg.bareFileList !== undefined) this.config.bareFileList = !!cfg.bareFileList;
		return this.config;
	}

	reset() {
		this.lastStamp = 0;
		this.seedState();
		this.buckets.clear();
		this.applyBucket = null;
	}

	// ------------------------------------------------------------------ request log
	resetRequests() {
		this.log = { total: 0, byEndpoint: {}, byStatus: {}, rateLimited: 0, faults: { 429: 0, 500: 0, 502: 0, 503: 0, reset: 0 }, recent: [] };
		this.reqSeq = 0;
	}
	record(entry) {
		const l = this.log;
		l.total++;
		const k = `${entry.method} ${entry.template || entry.path}`;
		l.byEndpoint[k] = (l.byEndpoint[k] || 0) + 1;
		if (entry.status) l.byStatus[entry.status] = (l.byStatus[entry.status] || 0) + 1;
		if (entry.rateLimited) l.rateLimited++;
		if (entry.fault) l.faults[entry.fault]++;
		if (l.firstAt === undefined) l.firstAt = entry.at;
		l.lastAt = entry.at;
		l.recent.push(entry);
		if (l.recent.length > this.options.requestLogSize) l.recent.shift();
	}
	requests(recent = 100) {
		const l = this.log;
		return {
			total: l.total,
			counts: { ...l.byEndpoint },
			byStatus: { ...l.byStatus },
			rateLimited: l.rateLimited,
			faults: { ...l.faults },
			status429: l.byStatus[429] || 0,
			// when the first and the last request since the reset arrived (ms since the epoch)
			firstAt: l.firstAt,
			lastAt: l.lastAt,
			recent: l.recent.slice(-recent),
		};
	}

	// ------------------------------------------------------------------ responses
	baseHeaders(extra) {
		// HTTP's Date (whole seconds) from the emulator's clock, so a skewed `now` shows in it as Lever's would.
		return { server: 'lever-data-api', 'x-lever-region': 'global', date: new Date(this.now()).toUTCString(), ...extra };
	}
	sendJson(res, status, obj, extra) {
		const payload = obj === undefined ? '' : JSON.stringify(obj, (k, v) => (k && k[0] === '_' ? undefined : v));
		const headers = this.baseHeaders(extra);
		if (payload) {
			headers['content-type'] = JSON_TYPE;
			headers['content-length'] = Buffer.byteLength(payload);
		}
		res.writeHead(status, headers);
		res.end(payload);
	}
	async sendBytes(res, status, buf, headers, slowMs) {
		headers['content-length'] = buf.length;
		res.writeHead(status, this.baseHeaders(headers));
		if (slowMs > 0 && buf.length > 1) {
			const parts = Math.min(5, buf.length);
			const size = Math.ceil(buf.length / parts);
			for (let i = 0; i < buf.length; i += size) {
				res.write(buf.subarray(i, i + size));
				await sleep(slowMs / parts);
				if (res.destroyed) return;
			}
			res.end();
		} else res.end(buf);
	}
	errorHeaders(status) {
		const ra = this.config.retryAfter;
		if ((status === 429 || status === 503) && ra !== false && ra !== undefined && ra !== null) return { 'retry-after': String(ra) };
		return {};
	}

	// ------------------------------------------------------------------ main handler
	async handle(req, res) {
		const started = performance.now();
		const u = new URL(req.url, 'http://emulator.local');
		let path = u.pathname;
		if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
		if (path === '/_emulator' || path.startsWith('/_emulator/')) return this.handleInspect(req, res, u, path);
		if (path === '/oauth/authorize' || path === '/authorize' || path === '/oauth/token') return this.handleOAuth(req, res, u, path, started);
		const raw = await readBody(req, 31 * 1024 * 1024).catch((e) => e);
		const entry = { seq: ++this.reqSeq, at: Date.now(), method: req.method, path, template: null, status: 0 };
		const finish = (status, extra = {}) => {
			entry.status = status;
			Object.assign(entry, extra);
			entry.ms = Math.round(performance.now() - started);
			this.record(entry);
		};
		if (!path.startsWith('/v1/') && path !== '/v1') {
			this.sendJson(res, 404, { code: 'ResourceNotFound', message: `Route ${req.method} ${path} was not found` });
			return finish(404);
		}
		let apiPath = path.slice(3) || '/';
		if (apiPath.startsWith('/candidates/') || apiPath === '/candidates') apiPath = apiPath.replace('/candidates', '/opportunities');
		entry.template = table.templateOf(apiPath);

		// faults (never on /_emulator or /oauth)
		const f = this.config.faults;
		const lat = Array.isArray(f.latencyMs) ? f.latencyMs[0] + this.faultRng() * (f.latencyMs[1] - f.latencyMs[0]) : f.latencyMs;
		const roll = this.faultRng();
		if (lat > 0) await sleep(lat);
		let acc = 0;
		const faultKinds = [['429', f.rate429], ['500', f.rate500], ['502', f.rate502], ['503', f.rate503], ['reset', f.rateReset]];
		for (const [kind, rate] of faultKinds) {
			acc += rate || 0;
			if (rate > 0 && roll < acc) {
				if (kind === 'reset') {
					req.socket.destroy();
					return finish(0, { fault: 'reset' });
				}
				const st = Number(kind);
				const bodies = {
					429: { code: 'TooManyRequests', message: 'Rate limit exceeded. Please retry with exponential backoff.' },
					500: { code: 'InternalServerError', message: 'An unexpected error occurred' },
					502: { code: 'BadGateway', message: 'Bad gateway' },
					503: { code: 'ServiceUnavailable', message: 'Lever is undergoing maintenance. Please retry later.' },
				};
				this.sendJson(res, st, bodies[st], this.errorHeaders(st));
				return finish(st, { fault: kind, rateLimited: st === 429 });
			}
		}

		let result;
		try {
			if (raw instanceof Error) throw raw;
			result = await this.dispatch(req, u, apiPath, raw, entry);
		} catch (e) {
			if (e instanceof ApiError) result = { status: e.status, body: { code: e.code, message: e.message } };
			else result = { status: 500, body: { code: 'InternalServerError', message: String((e && e.stack) || e) } };
		}
		const slow = f.slowBodyMs || 0;
		if (result.raw) {
			await this.sendBytes(res, result.status, result.raw, { 'content-type': result.contentType, ...(result.headers || {}) }, slow);
		} else if (result.status === 204) {
			res.writeHead(204, this.baseHeaders());
			res.end();
		} else {
			const extra = this.errorHeaders(result.status);
			if (slow > 0) {
				const payload = Buffer.from(JSON.stringify(result.body, (k, v) => (k && k[0] === '_' ? undefined : v)));
				await this.sendBytes(res, result.status, payload, { 'content-type': JSON_TYPE, ...extra }, slow);
			} else this.sendJson(res, result.status, result.body, extra);
		}
		finish(result.status, result.status === 429 ? { rateLimited: true } : {});
	}

	authenticate(req) {
		const h = req.headers.authorization;
		if (!h) throw unauthorized('Missing authentication. Use HTTP Basic auth with your API key as the username, or an OAuth bearer token.');
		if (/^basic /i.test(h)) {
			const dec = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
			const i = dec.indexOf(':');
			const key = i >= 0 ? dec.slice(0, i) : dec;
			const k = this.options.apiKeys.find((x) => x.key === key);
			if (!k) throw unauthorized('Invalid API key');
			return { type: 'key', id: `key:${key}`, key: k, confidential: !!k.confidential };
		}
		if (/^bearer /i.test(h)) {
			const tok = h.slice(7).trim();
			const t = this.oauth.lookup(tok);
			if (!t) throw unauthorized('Invalid access token');
			if (t.expired) throw unauthorized('Access token expired');
			const scopes = OAuthServer.effectiveScopes(t.scopes);
			return { type: 'bearer', id: `client:${t.clientId}`, clientId: t.clientId, scopes, confidential: scopes.has('confidential:access:admin') };
		}
		throw unauthorized('Unsupported authorization scheme');
	}

	async dispatch(req, u, apiPath, raw, entry) {
		const auth = this.authenticate(req);
		entry.credential = auth.id;
		const m = table.match(req.method, apiPath);
		if (!m) throw new ApiError(404, 'ResourceNotFound', `Route ${req.method} /v1${apiPath} was not found`);
		if (m.methodMismatch) throw new ApiError(404, 'ResourceNotFound', `Route ${req.method} /v1${apiPath} was not found`);
		const route = m.route;
		entry.template = route.path;
		if (auth.type === 'key') {
			const allow = auth.key.allow;
			if (allow && !allow.includes(route.key)) throw forbidden(`This API key is not permitted to access ${route.key}`);
		} else if (!route.scopes.some((sc) => auth.scopes.has(sc))) {
			throw forbidden(`Missing required scope: ${route.scopes[0]} (needed for ${route.key})`);
		}
		// rate limit per credential
		if (this.config.rateLimit) {
			let b = this.buckets.get(auth.id);
			if (!b) this.buckets.set(auth.id, (b = new TokenBucket(this.config.rateLimit, () => this.now())));
			if (!b.take()) throw new ApiError(429, 'TooManyRequests', 'Rate limit exceeded. Please retry with exponential backoff.');
		}
		const q = new Query(u.searchParams);
		for (const k of q.keys()) {
			// Lever takes multi-values as repeated keys; bracket forms (qs "brackets"/"indices") are refused,
			// except accessRole[] on /users which the docs themselves use.
			const m = /^([^[\]]+)\[[^\]]*\]/.exec(k);
			if (!m || k === 'accessRole[]') continue;
			if (m[1] === 'expand') throw badRequest(`${q.all(k).join(',')} is not expandable`);
			throw badRequest(`Invalid query parameter ${k}: repeat the key instead of using brackets`);
		}
		for (const k of ['expand']) {
			for (const v of q.all(k)) if (v.includes(',')) throw badRequest(`${v} is not expandable`);
		}
		let performAs = null;
		const pa = q.one('perform_as');
		if (route.pa === 'R' && (pa === undefined || pa === '')) throw badRequest('Missing required parameter: perform_as');
		if (pa !== undefined && pa !== '' && (route.pa === 'R' || route.pa === 'O')) {
			performAs = this.state.users.get(pa);
			if (!performAs) throw badRequest(`perform_as: user ${pa} was not found`);
			if (performAs.deactivatedAt) throw badRequest(`perform_as: user ${pa} is deactivated`);
		}
		let parsed = { body: undefined, files: [], kind: 'empty' };
		if (req.method !== 'GET' && raw.length) parsed = parseBody(raw, req.headers['content-type']);
		const ctx = { emu: this, st: this.state, req, q, params: m.params, body: parsed.body, files: parsed.files, bodyKind: parsed.kind, auth, performAs, route };
		return route.handler(ctx);
	}

	takeApplyToken() {
		if (!this.config.rateLimit || !this.config.applyRateLimit) return true;
		if (!this.applyBucket) this.applyBucket = new TokenBucket(this.config.applyRateLimit, () => this.now());
		return this.applyBucket.take();
	}

	// ------------------------------------------------------------------ OAuth
	async handleOAuth(req, res, u, path, started) {
		const raw = await readBody(req, 1024 * 1024);
		let out;
		if (path === '/oauth/token') {
			if (req.method !== 'POST') out = { status: 405, json: { error: 'invalid_request', error_description: 'Use POST' } };
			else {
				let params = {};
				try {
					params = parseBody(raw, req.headers['content-type'] || 'application/x-www-form-urlencoded').body || {};
				} catch (e) {
					params = {};
				}
				out = this.oauth.token(params, req.headers.authorization);
			}
		} else out = this.oauth.authorize(u.searchParams);
		this.record({ seq: ++this.reqSeq, at: Date.now(), method: req.method, path, template: path, status: out.status, ms: Math.round(performance.now() - started) });
		if (out.status === 302) {
			res.writeHead(302, { location: out.location });
			res.end();
			return;
		}
		const payload = JSON.stringify(out.json);
		res.writeHead(out.status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload), 'cache-control': 'no-store' });
		res.end(payload);
	}

	// ------------------------------------------------------------------ webhooks
	/** Fire an event to every subscription. `opp` (optional) is used for origin conditions. */
	emit(event, data, opp) {
		const out = [];
		for (const w of this.state.webhooks.values()) {
			if (w.event !== event) continue;
			if (CONDITION_EVENTS.has(event) && opp && w.conditions && Array.isArray(w.conditions.origins) && !w.conditions.origins.includes(opp.origin)) continue;
			out.push(this.deliver(w, event, data));
		}
		return out;
	}
	deliver(w, event, data) {
		const triggeredAt = this.now();
		const token = crypto.randomBytes(24).toString('hex');
		const signature = crypto.createHmac('sha256', w._signatureToken).update(token + String(triggeredAt)).digest('hex');
		const envelope = { id: crypto.randomUUID(), triggeredAt, event, data, token, signature };
		const d = { id: ++this.deliverySeq, webhookId: w.id, event, url: w.url, envelope, attempts: [], status: 'pending' };
		this.deliveries.push(d);
		if (this.deliveries.length > 5000) this.deliveries.shift();
		if (this.config.disabledWebhookEvents.includes(event)) {
			d.status = 'suppressed';
			return d;
		}
		this.attempt(d);
		return d;
	}
	attempt(d) {
		if (this.closed) return;
		const payload = JSON.stringify(d.envelope);
		const started = Date.now();
		let target;
		try {
			target = new URL(d.url);
		} catch (e) {
			d.status = 'failed';
			d.attempts.push({ at: started, status: null, error: 'invalid url' });
			return;
		}
		const mod = target.protocol === 'https:' ? https : http;
		let done = false;
		const after = (status, error) => {
			if (done) return;
			done = true;
			d.attempts.push({ at: started, status, error: error || null, ms: Date.now() - started });
			if (status >= 200 && status < 300) {
				d.status = 'delivered';
				return;
			}
			const delays = this.config.webhookRetryDelaysMs;
			const n = d.attempts.length; // attempts so far; retries allowed = delays.length
			if (n <= delays.length && !this.closed) {
				d.status = 'retrying';
				d.nextAttemptAt = Date.now() + delays[n - 1];
				this.timer(() => this.attempt(d), delays[n - 1]);
			} else d.status = 'failed';
		};
		const r = mod.request(
			target,
			{ method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Lever-Webhooks', 'content-length': Buffer.byteLength(payload) }, timeout: this.options.webhookTimeoutMs, agent: false },
			(resp) => {
				resp.resume();
				resp.on('end', () => after(resp.statusCode));
				resp.on('error', (e) => after(null, e.message));
			},
		);
		r.on('timeout', () => r.destroy(new Error('timeout')));
		r.on('error', (e) => after(null, e.message));
		r.end(payload);
	}

	// ------------------------------------------------------------------ mutations for tests/benchmarks
	pickOpps(body) {
		const st = this.state;
		if (Array.isArray(body.ids)) return body.ids.map((id) => st.opportunities.get(id)).filter(Boolean);
		const all = st.opportunities.values();
		const count = Math.min(body.count === undefined ? 1 : body.count, all.length);
		if (!count) return [];
		const rng = mulberry32(mixSeed('mutate', body.seed === undefined ? this.reqSeq : body.seed));
		const picked = new Set();
		while (picked.size < count) picked.add(all[Math.floor(rng() * all.length)]);
		return [...picked];
	}
	mutate(body = {}) {
		const st = this.state;
		const action = body.action || 'touch';
		const emitEvents = body.emit !== false;
		if (action === 'create') {
			const R = require('./lib/routes');
			const users = st.users.values().filter((x) => !x.deactivatedAt);
			const ids = [];
			const n = body.count === undefined ? 1 : body.count;
			for (let i = 0; i < n; i++) {
				const performer = users[i % users.length];
				const email = `mutate-${this.reqSeq}-${i}-${Date.now()}@example.org`;
				const ctx = { emu: this, st, performAs: performer, auth: { confidential: true } };
				const r = R.helpers.createOpportunityRecord(ctx, { name: `Generated Candidate ${i}`, emails: [email], phones: [], links: [], tags: body.tags || [], sources: ['Emulator'], origin: body.origin || 'sourced', owner: performer.id, followers: [performer.id], posting: null, performer });
				if (emitEvents) R.helpers.emitCreated(ctx, r);
				ids.push(r.opp.id);
			}
			return { action, ids };
		}
		if (POSTING_ACTIONS.has(action)) return this.mutatePostings(action, body);
		const opps = this.pickOpps(body);
		const ids = [];
		for (const o of opps) {
			const t = this.stamp();
			ids.push(o.id);
			const base = { opportunityId: o.id, candidateId: o.id, contactId: o.contact };
			if (action === 'touch') {
				o.updatedAt = t;
			} else if (action === 'stage') {
				const stages = st.stages.values();
				const to = body.stageId ? st.stages.get(body.stageId) : stages[(stages.findIndex((s) => s.id === o.stage) + 1) % stages.length];
				if (!to) throw badRequest(`Stage ${body.stageId} was not found`);
				const from = o.stage;
				o.stage = to.id;
				o.updatedAt = t;
				st.opportunities.rekey(o, t); // lastInteractionAt, as the API's stage change
				o.lastAdvancedAt = t;
				o.stageChanges.push({ toStageId: to.id, toStageIndex: to._rank, userId: null, updatedAt: t });
				if (emitEvents) this.emit('candidateStageChange', { ...base, fromStageId: from, toStageId: to.id }, o);
			} else if (action === 'archive') {
				const reasons = st.archiveReasons.values();
				const reason = body.reasonId ? st.archiveReasons.get(body.reasonId) : reasons.find((r) => r.type === 'non-hired' && r.status === 'active');
				if (!reason) throw badRequest('archive reason not found');
				const from = o.archived;
				o.archived = { reason: reason.id, archivedAt: t };
				o.updatedAt = t;
				st.opportunities.rekey(o, t);
				if (emitEvents) {
					this.emit('candidateArchiveChange', { ...base, fromArchived: from, toArchived: o.archived }, o);
					if (reason.type === 'hired') this.emit('candidateHired', base, o);
				}
			} else if (action === 'unarchive') {
				const from = o.archived;
				o.archived = null;
				o.updatedAt = t;
				st.opportunities.rekey(o, t);
				if (emitEvents && from) this.emit('candidateArchiveChange', { ...base, fromArchived: from, toArchived: null }, o);
			} else if (action === 'contact') {
				const c = st.contacts.get(o.contact);
				if (c) c.headline = body.headline || `${c.headline || ''} (updated)`.trim();
				o.updatedAt = t;
				if (emitEvents) this.emit('contactUpdated', { contactId: o.contact }, o);
			} else if (action === 'delete') {
				const view = V.oppView(st, o);
				st.opportunities.remove(o.id);
				unlinkOpportunity(st, o);
				st.deletedOpportunities.insert({ ...view, deletedBy: body.deletedBy || null, deletedAt: t });
				for (const aid of o.applications) {
					const a = st.applications.get(aid);
					if (a) {
						st.applications.remove(aid);
						st.deletedApplications.insert({ id: aid, deletedAt: t, opportunityId: o.id, postingId: a.posting });
					}
				}
				if (emitEvents) this.emit('candidateDeleted', { ...base, deletedBy: body.deletedBy || null }, o);
			} else throw badRequest(`Unknown mutate action ${action}`);
		}
		return { action, ids };
	}

	/**
	 * Posting changes for delta benchmarks: `postingTitle` renames, `postingClose` closes, `postingPublish`
	 * publishes (both channels), `postingDelete` moves to the deleted postings; each bumps `updatedAt`.
	 * Picks `ids`, else `count` postings (seeded by `seed`) among those the change applies to.
	 */
	mutatePostings(action, body) {
		const st = this.state;
		const applies = {
			postingTitle: (p) => p.state === 'published',
			postingClose: (p) => p.state === 'published',
			postingPublish: (p) => p.state === 'internal' || p.state === 'draft',
			postingDelete: (p) => p.state === 'published' || p.state === 'closed',
		}[action];
		let picked;
		if (Array.isArray(body.ids)) picked = body.ids.map((id) => st.postings.get(id)).filter(Boolean);
		else {
			const pool = st.postings.values().filter((p) => p.confidentiality === 'non-confidential' && applies(p));
			const count = Math.min(body.count === undefined ? 1 : body.count, pool.length);
			const rng = mulberry32(mixSeed('mutate-postings', body.seed === undefined ? this.reqSeq : body.seed));
			const set = new Set();
			while (set.size < count) set.add(pool[Math.floor(rng() * pool.length)]);
			picked = [...set];
		}
		for (const p of picked) {
			const t = this.stamp();
			p.updatedAt = t;
			if (action === 'postingTitle') p.text = `${p.text} (updated)`;
			else if (action === 'postingClose') p.state = 'closed';
			else if (action === 'postingPublish') {
				p.state = 'published';
				p.distributionChannels = ['public', 'internal'];
				p.urls = postingUrls(p);
			} else if (action === 'postingDelete') {
				st.postings.remove(p.id);
				st.deletedPostings.insert({ ...p, deletedAt: t });
			}
		}
		return { action, ids: picked.map((p) => p.id) };
	}

	snapshot(collections, full) {
		const out = { seed: this.options.seed, sizes: this.seedInfo && this.seedInfo.sizes, seedMs: this.seedInfo && this.seedInfo.ms, counts: counts(this.state), lazyOpportunities: this.state.lazyChildren ? this.state.lazyChildren.size : 0, config: this.config };
		const names = full ? Object.keys(COLLECTIONS) : collections;
		if (names && names.length) {
			out.records = {};
			for (const n of names) if (this.state[n]) out.records[n] = this.collectionRecords(n);
		}
		return out;
	}
	collectionRecords(n) {
		if (n === 'webhooks') {
			// `enabled` is emulator-only: false when the event group is "switched off in Lever's settings"
			return this.state.webhooks.values().map((w) => ({ ...webhookView(w), signatureToken: w._signatureToken, enabled: !this.config.disabledWebhookEvents.includes(w.event) }));
		}
		if (n === 'opportunities') return this.state.opportunities.values().map((o) => V.oppView(this.state, o));
		return this.state[n].values();
	}

	// ------------------------------------------------------------------ /_emulator
	async handleInspect(req, res, u, path) {
		const raw = await readBody(req, 5 * 1024 * 1024);
		let body = {};
		if (raw.length) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch (e) {
				return this.sendJson(res, 400, { code: 'BadRequestError', message: 'Body must be JSON' });
			}
		}
		const send = (status, obj) => {
			const payload = JSON.stringify(obj, (k, v) => (k === '_content' ? undefined : Buffer.isBuffer(v) ? undefined : v));
			res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload) });
			res.end(payload);
		};
		const sub = path.slice('/_emulator'.length) || '/';
		const M = req.method;
		try {
			if (M === 'GET' && (sub === '/state' || sub === '/')) {
				const cols = (u.searchParams.get('collections') || '').split(',').filter(Boolean);
				return send(200, this.snapshot(cols, u.searchParams.get('full') === '1' || u.searchParams.get('full') === 'true'));
			}
			if (M === 'GET' && sub.startsWith('/state/')) {
				const n = sub.slice(7);
				if (!this.state[n] || !COLLECTIONS[n]) return send(404, { code: 'ResourceNotFound', message: `Unknown collection ${n}` });
				return send(200, { data: this.collectionRecords(n) });
			}
			if (M === 'POST' && sub === '/reset') {
				this.reset();
				return send(200, { ok: true, counts: counts(this.state) });
			}
			if (M === 'GET' && sub === '/config') return send(200, this.config);
			if (M === 'POST' && sub === '/config') return send(200, this.configure(body));
			if (M === 'GET' && sub === '/requests') return send(200, this.requests(Number(u.searchParams.get('recent') || 100)));
			if (M === 'POST' && sub === '/requests/reset') {
				this.resetRequests();
				return send(200, { ok: true });
			}
			if (M === 'POST' && sub === '/events') {
				if (!EVENTS.includes(body.event)) return send(400, { code: 'BadRequestError', message: `event must be one of: ${EVENTS.join(', ')}` });
				const opp = body.opportunityId ? this.state.opportunities.get(body.opportunityId) : null;
				const ds = this.emit(body.event, body.data || {}, opp || undefined);
				return send(200, { deliveries: ds.map((d) => d.id) });
			}
			if (M === 'GET' && sub === '/deliveries') {
				const wid = u.searchParams.get('webhookId');
				const ev = u.searchParams.get('event');
				return send(200, { data: this.deliveries.filter((d) => (!wid || d.webhookId === wid) && (!ev || d.event === ev)) });
			}
			if (M === 'POST' && sub === '/deliveries/reset') {
				this.deliveries = [];
				return send(200, { ok: true });
			}
			if (M === 'GET' && sub === '/webhooks') return send(200, { data: this.collectionRecords('webhooks') });
			if (M === 'POST' && sub === '/mutate') return send(200, this.mutate(body));
			if (M === 'POST' && sub === '/oauth/token') {
				const clientId = body.clientId || this.options.oauthClients[0].clientId;
				const scopes = Array.isArray(body.scopes) ? body.scopes : String(body.scopes || '').split(/\s+/).filter(Boolean);
				return send(200, this.oauth.issue(clientId, scopes, body.ttlSeconds || this.options.accessTokenTtlSeconds, scopes.includes('offline_access') || !!body.refresh));
			}
			if (M === 'POST' && sub === '/oauth/expire') return send(200, { expired: this.oauth.expire(body.token) });
			return send(404, { code: 'ResourceNotFound', message: `Unknown emulator route ${M} ${path}` });
		} catch (e) {
			if (e instanceof ApiError) return send(e.status, { code: e.code, message: e.message });
			return send(500, { code: 'InternalServerError', message: String(e && e.stack) });
		}
	}
}

/** Start an emulator; resolves once it listens and the account is seeded. */
async function startEmulator(options = {}) {
	const emu = new Emulator(options);
	await emu.listen();
	return {
		get url() {
			return emu.url;
		},
		get apiUrl() {
			return emu.apiUrl;
		},
		get port() {
			return emu.port;
		},
		state: emu.state,
		emulator: emu,
		close: () => emu.close(),
		configure: (cfg) => emu.configure(cfg),
		reset: () => emu.reset(),
		requests: (n) => emu.requests(n),
		resetRequests: () => emu.resetRequests(),
		deliveries: () => emu.deliveries,
		emit: (event, data, opportunityId) => emu.emit(event, data, opportunityId ? emu.state.opportunities.get(opportunityId) : undefined),
		mutate: (body) => emu.mutate(body),
		mintToken: (scopes, ttlSeconds, clientId) => emu.oauth.issue(clientId || emu.options.oauthClients[0].clientId, scopes, ttlSeconds || emu.options.accessTokenTtlSeconds, scopes.includes('offline_access')),
		expireTokens: (token) => emu.oauth.expire(token),
		snapshot: (collections) => emu.snapshot(collections),
		basicAuth: (key) => `Basic ${Buffer.from(`${key || emu.options.apiKeys[0].key}:`).toString('base64')}`,
		seedMs: () => emu.seedInfo.ms,
	};
}

module.exports = { startEmulator, Emulator, sizesFor };
