/**
 * Typings for the Lever emulator (test/emulator/index.js). See test/emulator/README.md.
 */

export interface ApiKeyConfig {
	key: string;
	/** Allowed operations as 'METHOD /path-template', e.g. 'GET /opportunities/{opportunity}'. Absent = all. */
	allow?: string[];
	/** May read confidential postings/opportunities/requisitions (default false, as for most Lever keys). */
	confidential?: boolean;
}

export interface OAuthClientConfig {
	clientId: string;
	clientSecret: string;
	/** If given, /oauth/authorize only accepts these redirect_uri values. */
	redirectUris?: string[];
}

export interface RateLimitConfig {
	perSecond: number;
	burst: number;
}

export interface FaultConfig {
	/** Seed of the fault PRNG (default: the emulator seed). */
	seed?: number;
	rate429?: number;
	rate500?: number;
	rate502?: number;
	rate503?: number;
	/** Fraction of requests whose socket is destroyed before any response is written. */
	rateReset?: number;
	/** Added latency: fixed ms, or [min, max] for a random range. */
	latencyMs?: number | [number, number];
	/** Write response bodies in chunks spread over this many ms. */
	slowBodyMs?: number;
}

export type WebhookEvent =
	| 'applicationCreated'
	| 'candidateHired'
	| 'candidateStageChange'
	| 'candidateArchiveChange'
	| 'candidateDeleted'
	| 'interviewCreated'
	| 'interviewUpdated'
	| 'interviewDeleted'
	| 'contactCreated'
	| 'contactUpdated';

export interface EmulatorOptions {
	/** 0 = random free port (default when used programmatically). */
	port?: number;
	host?: string;
	/** Seed of the data generator (default 7). Same seed + sizes → same account. */
	seed?: number;
	/** Number of opportunities (default 50). Other sizes derive from it unless given. */
	opportunities?: number;
	users?: number;
	postings?: number;
	requisitions?: number;
	deletedOpportunities?: number;
	auditEvents?: number;
	/** Generate per-opportunity sub-resources lazily (default: opportunities > 20000). */
	lazyChildren?: boolean;
	/** Share (0..1) of opportunities at the Offer stage, each on a posting with an offer (default: the seed's own mix, ~19%). */
	offerShare?: number;
	/** "Today" of the seeded account in ms (default 2026-10-01T12:00Z). */
	seedNow?: number;
	/** Default: `test-key` (no confidential access) and `confidential-key` (with it). */
	apiKeys?: ApiKeyConfig[];
	oauthClients?: OAuthClientConfig[];
	accessTokenTtlSeconds?: number;
	/** Token bucket per credential; false switches it off (also switches off the apply limit). */
	rateLimit?: RateLimitConfig | false;
	/** POST /postings/{id}/apply limit: default off (Lever documents 2/s only for the public Postings API); true = 2/s, burst 2. */
	applyRateLimit?: RateLimitConfig | boolean;
	/** Seconds to send in Retry-After on 429/503; false (default) = no header. */
	retryAfter?: number | false;
	faults?: FaultConfig;
	/** Delays between webhook retries; its length is the number of retries (default 5). */
	webhookRetryDelaysMs?: number[];
	webhookTimeoutMs?: number;
	/** Events whose group is "switched off in Lever's settings": subscriptions work, nothing is delivered. */
	disabledWebhookEvents?: WebhookEvent[];
	/** Allowed email domains for POST/PUT /users (default ['northwind.example', 'example.com']); [] = any. */
	userEmailDomains?: string[];
	oauthAutoApprove?: boolean;
	/** GET /opportunities/{id}/files answers a bare array, as Lever's documentation example shows (default false: `{data, hasNext}`). */
	bareFileList?: boolean;
	/** Injectable clock (ms): record stamps, rate limits, OAuth code/token/refresh-token expiry. */
	now?: () => number;
	requestLogSize?: number;
}

export interface RuntimeConfig {
	rateLimit?: RateLimitConfig | false;
	applyRateLimit?: RateLimitConfig | boolean;
	retryAfter?: number | false;
	faults?: FaultConfig;
	disabledWebhookEvents?: WebhookEvent[];
	webhookRetryDelaysMs?: number[];
	oauthAutoApprove?: boolean;
	bareFileList?: boolean;
}

/** Ordered in-memory collection (by createdAt then id). */
export interface Collection<T = Record<string, unknown>> {
	readonly name: string;
	readonly size: number;
	get(id: string): T | undefined;
	has(id: string): boolean;
	/** All records in position order (do not mutate the array). */
	values(): T[];
	/** Records of one opportunity (sub-resources) in position order. */
	children(parentId: string): T[];
}

/**
 * Internal records are stored close to Lever's shape. Keys starting with '_' are internal and never
 * sent (e.g. `_opp` = owning opportunity id, `_apiCreated`, `_content` bytes, webhooks' `_signatureToken`).
 * Opportunities store `contact` (id) and read name/emails/phones/links from the contact on output.
 */
export interface EmulatorState {
	users: Collection;
	stages: Collection;
	archiveReasons: Collection;
	postings: Collection;
	deletedPostings: Collection;
	contacts: Collection;
	opportunities: Collection;
	deletedOpportunities: Collection;
	applications: Collection;
	deletedApplications: Collection;
	notes: Collection;
	panels: Collection;
	interviews: Collection;
	feedback: Collection;
	offers: Collection;
	files: Collection;
	resumes: Collection;
	forms: Collection;
	referrals: Collection;
	fileActions: Collection;
	requisitions: Collection;
	requisitionFields: Collection;
	feedbackTemplates: Collection;
	formTemplates: Collection;
	uploads: Collection;
	auditEvents: Collection;
	eeoResponses: Collection;
	diversitySurveys: Collection;
	webhooks: Collection;
	/** canonical email → contact id */
	emailIndex: Map<string, string>;
	/** opportunity id → index, for opportunities whose sub-resources are not generated yet */
	lazyChildren: Map<string, number>;
	counts(): Record<string, number>;
}

export interface RequestLogEntry {
	seq: number;
	at: number;
	method: string;
	path: string;
	/** Path template of the matched operation, e.g. '/opportunities/{opportunity}' (null if none). */
	template: string | null;
	status: number;
	credential?: string;
	fault?: '429' | '500' | '502' | '503' | 'reset';
	rateLimited?: boolean;
	ms?: number;
}

export interface RequestLog {
	total: number;
	/** counts per 'METHOD /template' (e.g. 'GET /opportunities') */
	counts: Record<string, number>;
	byStatus: Record<string, number>;
	/** 429s from the token bucket and from injected faults */
	rateLimited: number;
	faults: { '429': number; '500': number; '502': number; '503': number; reset: number };
	status429: number;
	/** when the first / last request since the last reset arrived (ms since the epoch) */
	firstAt?: number;
	lastAt?: number;
	recent: RequestLogEntry[];
}

export interface WebhookEnvelope {
	id: string;
	triggeredAt: number;
	event: WebhookEvent;
	data: Record<string, unknown>;
	token: string;
	signature: string;
}

export interface Delivery {
	id: number;
	webhookId: string;
	event: WebhookEvent;
	url: string;
	envelope: WebhookEnvelope;
	attempts: Array<{ at: number; status: number | null; error: string | null; ms?: number }>;
	status: 'pending' | 'retrying' | 'delivered' | 'failed' | 'suppressed';
	nextAttemptAt?: number;
}

export interface TokenResponse {
	access_token: string;
	token_type: 'Bearer';
	scope: string;
	expires_in: number;
	refresh_token?: string;
}

export type MutateAction =
	| 'touch'
	| 'stage'
	| 'archive'
	| 'unarchive'
	| 'contact'
	| 'delete'
	| 'create'
	/** posting changes (ids / count pick postings): rename, close, publish on both channels, delete */
	| 'postingTitle'
	| 'postingClose'
	| 'postingPublish'
	| 'postingDelete';

export interface MutateRequest {
	action: MutateAction;
	/** number of (randomly picked, or created) opportunities; default 1 */
	count?: number;
	/** explicit opportunity ids instead of count */
	ids?: string[];
	seed?: number;
	stageId?: string;
	reasonId?: string;
	/** fire the matching webhook events (default true) */
	emit?: boolean;
	tags?: string[];
	origin?: string;
	headline?: string;
	deletedBy?: string;
}

export interface Snapshot {
	seed: number;
	sizes: Record<string, number>;
	seedMs: number;
	counts: Record<string, number>;
	lazyOpportunities: number;
	config: RuntimeConfig;
	records?: Record<string, unknown[]>;
}

export interface RunningEmulator {
	/** http://127.0.0.1:<port> */
	readonly url: string;
	/** url + '/v1' */
	readonly apiUrl: string;
	readonly port: number;
	/** Live state. After reset() the same object holds new collections: re-read its properties. */
	state: EmulatorState;
	close(): Promise<void>;
	configure(cfg: RuntimeConfig): RuntimeConfig;
	/** Back to the seeded account (keeps request log, deliveries and OAuth tokens). */
	reset(): void;
	requests(recent?: number): RequestLog;
	resetRequests(): void;
	deliveries(): Delivery[];
	/** Fire an event to the subscribed webhooks. */
	emit(event: WebhookEvent, data: Record<string, unknown>, opportunityId?: string): Delivery[];
	mutate(req: MutateRequest): { action: MutateAction; ids: string[] };
	/** Issue an access token directly (refresh token included when scopes contain offline_access). */
	mintToken(scopes: string[], ttlSeconds?: number, clientId?: string): TokenResponse;
	/** Expire one access token, or all when omitted; returns how many. */
	expireTokens(token?: string): number;
	snapshot(collections?: string[]): Snapshot;
	/** 'Basic base64(key:)' for the given (default: first) API key. */
	basicAuth(key?: string): string;
	/** Milliseconds the seed generation took. */
	seedMs(): number;
	/** The underlying server object (internal). */
	emulator: unknown;
}

export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;
