import { sleep } from 'n8n-workflow';

export interface RateLimitSettings {
	/** Steady refill, requests per second (Lever: 10). */
	perSecond: number;
	/** Bucket size, the burst allowed after a quiet spell (Lever: 20). */
	burst: number;
}

export const LEVER_RATE_LIMIT: RateLimitSettings = { perSecond: 10, burst: 20 };
/** Lever documents 2 applications per second per site for the public Postings API apply; opt-in for the Data API's apply. */
export const LEVER_APPLY_RATE_LIMIT: RateLimitSettings = { perSecond: 2, burst: 2 };

/**
 * How a bucket adapts to Lever's 429s. Lever counts requests per key, but each n8n process (main,
 * every queue-mode worker, webhook processors) has its own bucket and cannot see the others. So a 429 is
 * read as "the processes sharing this key send more than Lever allows": the bucket cuts its own rate, and
 * creeps back up while Lever stays quiet. Every process does the same, so together they settle just
 * under Lever's limit without knowing how many they are.
 *
 * Processes that start together would all spend a full burst at once, and most of a short run's 429s
 * came from that. So a bucket starts slow (like TCP's slow start): half the ceiling, a token or two, the
 * rate doubling every second up to the ceiling. A process alone is at full rate within a second; when
 * several start together, the first 429 tells each one roughly its share: Lever's budget since the start
 * (its burst, then its rate) went to all of them, and this process knows how much of it it sent.
 */
export interface AdaptSettings {
	/** On a 429, the rate drops to at most this share of what Lever accepted from this process just before... */
	decrease: number;
	/** ... or of the ceiling, for the first 429 after running at the ceiling: the others are probably there too. */
	firstDecrease: number;
	/** Recent sending measured over this window (ms) when deciding the cut. */
	windowMs: number;
	/** After a cut, further 429s do not cut again for this long (ms): they answer requests sent at the old rate, or come from other processes that have not cut yet. */
	holdMs: number;
	/**
	 * Once the hold is over and no 429 came, the rate grows by this share of the ceiling per second (the
	 * same step for every process, so their shares even out), ...
	 */
	increasePerSecond: number;
	/** ... and faster the longer Lever stays quiet: one more step per second for every this many ms of quiet, so a process left alone soon gets the whole limit back. */
	accelerateMs: number;
	/** The rate never drops below this share of the ceiling. */
	floor: number;
	/** A new bucket (or one unused for idleMs) starts at this share of the ceiling... */
	startShare: number;
	/** ... holding this share of the burst (at least 1 token)... */
	startFill: number;
	/** ... and doubles its rate every this many ms until the ceiling or its first 429. */
	doublingMs: number;
	/**
	 * The first 429 after a start, while the bucket set the pace, sets the rate to this share of the process's
	 * part of Lever's budget since the start (requests it sent before the refused one, over the ceiling's
	 * burst plus its rate × elapsed time)...
	 */
	startCut: number;
	/**
	 * ... but to no less than this share of its rate: a 429 that a fault or another integration caused
	 * reads as many processes, and must not crush one that is alone (nor one that started late).
	 */
	startCutAtLeast: number;
	/** Later 429s do not cut again for this long (ms), while the processes that started with it meet theirs. */
	startHoldMs: number;
	/** A bucket unused this long (ms) starts slow again: the next run may start together with other processes' runs. */
	idleMs: number;
}

export const ADAPT: AdaptSettings = {
	decrease: 0.7,
	firstDecrease: 0.5,
	windowMs: 3000,
	holdMs: 500,
	increasePerSecond: 0.005,
	accelerateMs: 6000,
	floor: 0.05,
	startShare: 0.5,
	startFill: 0.1,
	doublingMs: 1000,
	startCut: 0.8,
	startCutAtLeast: 0.25,
	startHoldMs: 1000,
	idleMs: 10_000,
};

/**
 * A token bucket like Lever's own, whose rate adapts between a floor and the credential's ceiling.
 * Callers wait for a token instead of being refused, so concurrent requests run at the allowed rate
 * rather than one after another or into 429s. The clock is injectable for tests and simulations.
 */
export class TokenBucket {
	/** Requests per second this process currently allows itself (≤ ceiling.perSecond). */
	private rate = 0;

	private tokens = 0;

	private updatedAt: number;

	/** Doubling the rate after a start, until the ceiling or the first 429. */
	private slowStart = false;

	/** When this bucket last started (slow), and how many tokens it handed out since. */
	private startedAt: number;

	private sentSinceStart = 0;

	/** When a token was last taken (for the idle restart). */
	private lastTakeAt: number;

	/** When the rate was last cut (-Infinity: not since the start). */
	private cutAt = Number.NEGATIVE_INFINITY;

	/** 429s before this time do not cut again. */
	private holdUntil = Number.NEGATIVE_INFINITY;

	/** No token before this time (Lever's Retry-After). */
	private pausedUntil = Number.NEGATIVE_INFINITY;

	/** When recent tokens were taken, oldest first, to measure what this process really sends... */
	private sent: number[] = [];

	/** ... and when recent 429s came, to measure how much of it Lever accepted. */
	private refused: number[] = [];

	/** Reservations run in order, so no caller starves while newer ones slip through. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private ceiling: RateLimitSettings,
		private readonly now: () => number = Date.now,
		private readonly adapt: AdaptSettings = ADAPT,
	) {
		this.updatedAt = now();
		this.startedAt = this.updatedAt;
		this.lastTakeAt = this.updatedAt;
		this.startSlow();
	}

	/** The credential's Requests per Second / Burst: the most this bucket ever allows. */
	configure(ceiling: RateLimitSettings) {
		if (ceiling.perSecond === this.ceiling.perSecond && ceiling.burst === this.ceiling.burst) return;
		this.refill();
		const wasAtCeiling = this.rate >= this.ceiling.perSecond;
		this.ceiling = ceiling;
		this.rate = wasAtCeiling ? ceiling.perSecond : Math.min(Math.max(this.rate, this.floorRate()), ceiling.perSecond);
		this.tokens = Math.min(this.tokens, this.capacity());
	}

	/** The rate this process allows itself now, requests per second. */
	currentRate(): number {
		this.refill();
		return this.rate;
	}

	/**
	 * Lever answered 429 to a request that took its token at `sentAt`. Spends what we thought we had, so
	 * every caller slows down together; honours Retry-After; cuts the rate unless this 429 answers a
	 * request sent before the last cut (or within the hold after it).
	 */
	rateLimited(sentAt: number, retryAfterMs?: number) {
		this.refill();
		const now = this.now();
		// No token left: the bucket set this process's pace (with tokens left, its own work did).
		const paced = this.tokens < 1;
		this.tokens = Math.min(this.tokens, 0);
		if (retryAfterMs !== undefined && retryAfterMs > 0) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
		this.refused.push(now);
		// 429s for requests sent before the last cut (or before a restart), or within the hold after it, do not cut again.
		if (sentAt < this.cutAt || sentAt < this.startedAt || now < this.holdUntil) return;
		if (this.cutAt === Number.NEGATIVE_INFINITY && paced) {
			// The first 429 since the start, while the bucket set the pace: Lever's budget since then went to
			// every process that started with this one, and this process's part of it is its share.
			const sentBefore = this.sentSinceStart - this.sent.filter((at) => at > sentAt).length;
			const budget = this.ceiling.burst + (this.ceiling.perSecond * Math.max(0, sentAt - this.startedAt)) / 1000;
			const share = Math.min(1, sentBefore / budget);
			const estimate = Math.min(this.rate, this.ceiling.perSecond * share) * this.adapt.startCut;
			this.rate = Math.max(this.floorRate(), estimate, this.rate * this.adapt.startCutAtLeast);
			this.holdUntil = now + this.adapt.startHoldMs;
		} else {
			// What Lever let through lately is this process's share of the key, whatever the others do.
			const { sent, accepted } = this.recentPerSecond();
			const atCeiling = this.rate >= this.ceiling.perSecond;
			const cut = Math.min(this.rate, sent, accepted) * this.adapt.decrease;
			this.rate = Math.max(this.floorRate(), atCeiling ? Math.min(cut, this.rate * this.adapt.firstDecrease) : cut);
			this.holdUntil = now + this.adapt.holdMs;
		}
		this.slowStart = false;
		this.cutAt = now;
	}

	/** Milliseconds until a token is free (0 = now); takes it when free. */
	tryTake(): number {
		this.refill();
		const now = this.now();
		if (now < this.pausedUntil) return Math.ceil(this.pausedUntil - now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			this.sent.push(now);
			this.sentSinceStart++;
			this.lastTakeAt = now;
			return 0;
		}
		return Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
	}

	/** Waits for a token; resolves with the time it was taken (pass it to rateLimited on a 429). */
	async take(signal?: AbortSignal): Promise<number> {
		const turn = this.queue.then(async () => {
			for (let wait = this.tryTake(); wait > 0; wait = this.tryTake()) {
				if (signal?.aborted) break;
				await sleep(wait, signal);
			}
			return this.now();
		});
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	/** (Re)starts slow: a low rate and few tokens, doubling up to the ceiling unless a 429 comes first. */
	private startSlow() {
		this.startedAt = this.now();
		this.sentSinceStart = 0;
		this.cutAt = Number.NEGATIVE_INFINITY;
		this.holdUntil = Number.NEGATIVE_INFINITY;
		this.slowStart = this.adapt.startShare < 1;
		this.rate = this.ceiling.perSecond * Math.min(1, this.adapt.startShare);
		this.tokens = this.slowStart ? Math.min(this.capacity(), Math.max(1, this.ceiling.burst * this.adapt.startFill)) : this.capacity();
	}

	/**
	 * What this process really sent lately (requests/s; less than its rate when latency or demand held it
	 * back), and how much of that Lever accepted.
	 */
	private recentPerSecond() {
		if (this.sent.length < 2) return { sent: this.rate, accepted: this.rate };
		const spanSeconds = (this.now() - this.sent[0]) / 1000 + 1 / this.rate;
		const accepted = Math.max(1, this.sent.length - this.refused.length);
		return { sent: this.sent.length / spanSeconds, accepted: accepted / spanSeconds };
	}

	private floorRate() {
		return this.ceiling.perSecond * this.adapt.floor;
	}

	/** The burst shrinks with the rate: a process that had to slow down must not burst at full size. */
	private capacity() {
		return Math.max(1, (this.ceiling.burst * this.rate) / this.ceiling.perSecond);
	}

	private refill() {
		const now = this.now();
		if (now - this.lastTakeAt >= this.adapt.idleMs && now >= this.pausedUntil && !this.slowStart) {
			this.lastTakeAt = now;
			this.updatedAt = now;
			this.startSlow();
			return;
		}
		const from = Math.max(this.updatedAt, this.pausedUntil);
		const elapsedSeconds = Math.max(0, now - from) / 1000;
		if (this.slowStart) this.doubleUp(elapsedSeconds);
		else this.creepUp(now, elapsedSeconds);
		this.updatedAt = now;
		const horizon = now - this.adapt.windowMs;
		for (const times of [this.sent, this.refused]) {
			let old = 0;
			while (old < times.length && times[old] <= horizon) old++;
			if (old) times.splice(0, old);
		}
	}

	/** Slow start: the rate doubles every doublingMs up to the ceiling; tokens accrue at the growing rate. */
	private doubleUp(elapsedSeconds: number) {
		const doublingSeconds = this.adapt.doublingMs / 1000;
		const toCeiling = Math.max(0, doublingSeconds * Math.log2(this.ceiling.perSecond / this.rate));
		const growing = Math.min(elapsedSeconds, toCeiling);
		const grownRate = this.rate * 2 ** (growing / doublingSeconds);
		const earned = ((grownRate - this.rate) * doublingSeconds) / Math.LN2 + (elapsedSeconds - growing) * this.ceiling.perSecond;
		this.rate = Math.min(this.ceiling.perSecond, grownRate);
		if (elapsedSeconds >= toCeiling) this.slowStart = false;
		this.tokens = Math.min(this.capacity(), this.tokens + earned);
	}

	/** After a cut: creeps back up once the hold is over, faster the longer Lever stays quiet. */
	private creepUp(now: number, elapsedSeconds: number) {
		const quietFrom = this.holdUntil;
		const quietStart = Math.max(0, this.updatedAt - quietFrom) / 1000;
		const quietEnd = Math.max(0, now - quietFrom) / 1000;
		if (quietEnd > quietStart && this.rate < this.ceiling.perSecond) {
			const steps = quietEnd - quietStart + (quietEnd ** 2 - quietStart ** 2) / (2 * (this.adapt.accelerateMs / 1000));
			this.rate = Math.min(this.ceiling.perSecond, this.rate + this.adapt.increasePerSecond * this.ceiling.perSecond * steps);
		}
		this.tokens = Math.min(this.capacity(), this.tokens + elapsedSeconds * this.rate);
	}
}

/** Buckets by Lever identity (and per apply site): the bucket of a key is created once, then re-configured. */
export class BucketRegistry {
	private readonly buckets = new Map<string, TokenBucket>();

	constructor(private readonly adapt: AdaptSettings = ADAPT) {}

	bucketFor(key: string, settings: RateLimitSettings): TokenBucket {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = new TokenBucket(settings, Date.now, this.adapt);
			this.buckets.set(key, bucket);
		} else {
			bucket.configure(settings);
		}
		return bucket;
	}
}

/** The whole n8n process shares one registry, so every run and every node with the same key shares its bucket. */
const processBuckets = new BucketRegistry();

export function bucketFor(key: string, settings: RateLimitSettings): TokenBucket {
	return processBuckets.bucketFor(key, settings);
}
