/**
 * A discrete-event simulation, in virtual time, of several n8n processes sharing one Lever key: each
 * process has its own copy of the package's TokenBucket (as every queue-mode worker does), its callers
 * take tokens in order like TokenBucket.take, and Lever is a token bucket of its own (10/s, burst 20) that
 * answers 429 when empty. A 429 goes back to the process's bucket (rateLimited) and the request is retried,
 * with an exponential backoff from its second 429 on, as the transport does.
 */
import type { AdaptSettings, RateLimitSettings } from '../../nodes/Lever/transport/rateLimiter';
import { ADAPT, LEVER_RATE_LIMIT, TokenBucket } from '../../nodes/Lever/transport/rateLimiter';

export interface SimulationOptions {
	processes: number;
	/** Callers per process, each sending its requests one after another (a paginated sync = 1). */
	callersPerProcess: number;
	/** Requests each caller sends... */
	requestsPerCaller: number;
	/** ... or, per process, requests each of its callers sends. */
	requestsByProcess?: number[];
	/** Round trip in ms; Lever sees the request halfway. A deterministic jitter of ±jitterMs is added. */
	latencyMs: number;
	jitterMs?: number;
	/** Processes start this many ms apart (0: all at once). */
	staggerMs?: number;
	/** Lever's own limit. */
	lever?: RateLimitSettings;
	/** Each process's ceiling (the credential's Requests per Second / Burst, less the reserve). */
	ceiling?: RateLimitSettings;
	adapt?: AdaptSettings;
	/** Give up on a request after this many attempts (the transport's Max Attempts). */
	maxAttempts?: number;
	/** Share of requests Lever refuses with 429 whatever its bucket holds (spurious 429s, as the fault tests inject). */
	spurious429?: number;
	/** Seed of the deterministic jitter (and backoff) sequence; another seed is another run of the same setup. */
	seed?: number;
	/** Receives a line per 429 (debugging). */
	trace?: (line: string) => void;
}

export interface SimulationResult {
	requests: number;
	refused429: number;
	/** Requests that ran out of attempts. */
	failed: number;
	completed: number;
	/** First request to last answer, seconds of virtual time. */
	seconds: number;
	/** Accepted requests per second, over Lever's limit. */
	ceilingRatio: number;
	share429: number;
	/** Each process's rate at the end. */
	finalRates: number[];
	/** When each 429 came, seconds of virtual time (the start-up ones are those of the first seconds). */
	refusedAt: number[];
	/** When each process got its last answer, seconds of virtual time (an unfair split shows as one finishing long after the others). */
	finishedAt: number[];
}

interface Event {
	at: number;
	seq: number;
	run: () => void;
}

export function simulate(options: SimulationOptions): SimulationResult {
	const lever = options.lever ?? LEVER_RATE_LIMIT;
	const ceiling = options.ceiling ?? { perSecond: 10, burst: 18 };
	const maxAttempts = options.maxAttempts ?? 6;
	const jitter = options.jitterMs ?? options.latencyMs / 5;
	let now = 0;
	let seq = 0;
	const events: Event[] = [];
	const schedule = (at: number, run: () => void) => {
		events.push({ at, seq: seq++, run });
	};
	let random = options.seed ?? 12345;
	const nextRandom = () => {
		random = (random * 1103515245 + 12345) % 2147483648;
		return random / 2147483648;
	};

	// Lever: one bucket for the key
	let leverTokens = lever.burst;
	let leverAt = 0;
	const leverAdmits = () => {
		leverTokens = Math.min(lever.burst, leverTokens + ((now - leverAt) / 1000) * lever.perSecond);
		leverAt = now;
		if (leverTokens >= 1) {
			leverTokens -= 1;
			return true;
		}
		return false;
	};

	const result = { requests: 0, refused429: 0, failed: 0, completed: 0 };
	let firstAt = Number.POSITIVE_INFINITY;
	let lastAt = 0;
	const buckets: TokenBucket[] = [];
	const finishedAt: number[] = [];
	const refusedAt: number[] = [];

	for (let p = 0; p < options.processes; p++) {
		const bucket = new TokenBucket(ceiling, () => now, options.adapt ?? ADAPT);
		buckets.push(bucket);
		// Callers waiting for a token, in order; only the first one polls (like TokenBucket.take's queue).
		const waiting: Array<(sentAt: number) => void> = [];
		let pumping = false;
		const pump = () => {
			pumping = false;
			while (waiting.length) {
				const wait = bucket.tryTake();
				if (wait > 0) {
					pumping = true;
					schedule(now + wait, pump);
					return;
				}
				waiting.shift()!(now);
			}
		};
		const take = (then: (sentAt: number) => void) => {
			waiting.push(then);
			if (!pumping) pump();
		};

		const send = (caller: { left: number }, attempt: number) => {
			take((sentAt) => {
				result.requests++;
				firstAt = Math.min(firstAt, now);
				const roundTrip = options.latencyMs + (nextRandom() * 2 - 1) * jitter;
				schedule(now + roundTrip / 2, () => {
					const admitted = leverAdmits() && !(options.spurious429 && nextRandom() < options.spurious429);
					schedule(now + roundTrip / 2, () => {
						lastAt = now;
						finishedAt[p] = now / 1000;
						if (admitted) {
							result.completed++;
							caller.left--;
							if (caller.left > 0) send(caller, 1);
							return;
						}
						result.refused429++;
						refusedAt.push(now / 1000);
						if (options.trace) options.trace(`${(now / 1000).toFixed(2)}s p${p} 429 (sent ${(sentAt / 1000).toFixed(2)}) rate ${bucket.currentRate().toFixed(2)}`);
						bucket.rateLimited(sentAt);
						if (options.trace) options.trace(`   -> p${p} rate ${bucket.currentRate().toFixed(2)}`);
						if (attempt >= maxAttempts) {
							result.failed++;
							caller.left--;
							if (caller.left > 0) send(caller, 1);
							return;
						}
						const backoff = attempt >= 2 ? 500 * 2 ** (attempt - 2) * (0.5 + nextRandom() / 2) : 0;
						schedule(now + backoff, () => send(caller, attempt + 1));
					});
				});
			});
		};

		const startAt = p * (options.staggerMs ?? 0);
		for (let c = 0; c < options.callersPerProcess; c++) {
			const caller = { left: options.requestsByProcess?.[p] ?? options.requestsPerCaller };
			schedule(startAt, () => send(caller, 1));
		}
	}

	while (events.length) {
		let next = 0;
		for (let i = 1; i < events.length; i++) {
			if (events[i].at < events[next].at || (events[i].at === events[next].at && events[i].seq < events[next].seq)) next = i;
		}
		const [event] = events.splice(next, 1);
		now = event.at;
		event.run();
	}

	const seconds = (lastAt - firstAt) / 1000;
	return {
		...result,
		seconds,
		ceilingRatio: result.completed / seconds / lever.perSecond,
		share429: result.refused429 / result.requests,
		finalRates: buckets.map((bucket) => bucket.currentRate()),
		refusedAt,
		finishedAt,
	};
}
