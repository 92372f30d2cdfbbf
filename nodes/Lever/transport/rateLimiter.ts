import { sleep } from 'n8n-workflow';

export interface RateLimitSettings {
	/** Steady refill, requests per second (Lever: 10). */
	perSecond: number;
	/** Bucket size, the burst allowed after a quiet spell (Lever: 20). */
	burst: number;
}

export const LEVER_RATE_LIMIT: RateLimitSettings = { perSecond: 10, burst: 20 };
/** Lever's apply endpoint has its own, stricter limit: 2 per second per site. */
export const LEVER_APPLY_RATE_LIMIT: RateLimitSettings = { perSecond: 2, burst: 2 };

/**
 * A token bucket like Lever's own. Callers wait for a token instead of being refused, so concurrent
 * requests run at the allowed rate rather than one after another or into 429s.
 */
export class TokenBucket {
	private tokens: number;

	private updatedAt: number;

	/** Reservations run in order, so no caller starves while newer ones slip through. */
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private settings: RateLimitSettings,
		private readonly now: () => number = Date.now,
	) {
		this.tokens = settings.burst;
		this.updatedAt = now();
	}

	configure(settings: RateLimitSettings) {
		if (settings.perSecond === this.settings.perSecond && settings.burst === this.settings.burst) return;
		this.refill();
		this.settings = settings;
		this.tokens = Math.min(this.tokens, settings.burst);
	}

	/** Lever said 429: spend what we thought we had, so every caller slows down together. */
	drain() {
		this.refill();
		this.tokens = Math.min(this.tokens, 0);
	}

	/** Milliseconds until a token is free (0 = now); takes it when free. */
	tryTake(): number {
		this.refill();
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.ceil(((1 - this.tokens) / this.settings.perSecond) * 1000);
	}

	async take(signal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => {
			for (let wait = this.tryTake(); wait > 0; wait = this.tryTake()) {
				if (signal?.aborted) return;
				await sleep(wait, signal);
			}
		});
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	private refill() {
		const now = this.now();
		const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
		this.tokens = Math.min(this.settings.burst, this.tokens + elapsedSeconds * this.settings.perSecond);
		this.updatedAt = now;
	}
}

/** One bucket per credential (and per apply site) for the whole n8n process. */
const buckets = new Map<string, TokenBucket>();

export function bucketFor(key: string, settings: RateLimitSettings): TokenBucket {
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = new TokenBucket(settings);
		buckets.set(key, bucket);
	} else {
		bucket.configure(settings);
	}
	return bucket;
}
