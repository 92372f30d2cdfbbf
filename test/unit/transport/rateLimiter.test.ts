import type { AdaptSettings } from '../../../nodes/Lever/transport/rateLimiter';
import { ADAPT, TokenBucket } from '../../../nodes/Lever/transport/rateLimiter';
import { simulate } from '../../helpers/rateLimitSimulation';
import { RecordingBucketRegistry } from '../../helpers/rateLimits';

/** A bucket on a hand-moved clock. */
function bucketAt(ceiling = { perSecond: 10, burst: 18 }, adapt: AdaptSettings = ADAPT) {
	const clock = { now: 0 };
	const bucket = new TokenBucket(ceiling, () => clock.now, adapt);
	/** Takes tokens as fast as the bucket allows for `ms`, returns how many. */
	const drive = (ms: number) => {
		const end = clock.now + ms;
		let taken = 0;
		while (clock.now < end) {
			const wait = bucket.tryTake();
			if (wait === 0) taken++;
			else clock.now = Math.min(end, clock.now + wait);
		}
		return taken;
	};
	return { clock, bucket, drive };
}

describe('TokenBucket (adaptive, injectable clock)', () => {
	it('never allows more than the ceiling: the burst, then the credential rate', () => {
		const { bucket, drive } = bucketAt();
		expect(drive(10_000)).toBeLessThanOrEqual(18 + 100 + 1);
		expect(drive(10_000)).toBeGreaterThanOrEqual(99);
		expect(bucket.currentRate()).toBe(10);
	});

	it('halves its rate on the first 429 at the ceiling, and cuts to a share of what Lever accepted after that', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(3000);
		bucket.rateLimited(clock.now - 50);
		expect(bucket.currentRate()).toBeCloseTo(5, 5);
		clock.now += ADAPT.holdMs;
		drive(2000); // ~5/s sent and accepted
		const before = bucket.currentRate();
		bucket.rateLimited(clock.now - 50);
		expect(bucket.currentRate()).toBeLessThan(before * ADAPT.decrease + 0.2);
		expect(bucket.currentRate()).toBeGreaterThan(before * ADAPT.decrease * 0.8);
	});

	it('does not cut twice for requests that left before the last cut, nor within the hold after it', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(3000);
		const sentBefore = clock.now - 80;
		bucket.rateLimited(sentBefore);
		const afterFirstCut = bucket.currentRate();
		clock.now += 20;
		bucket.rateLimited(sentBefore); // same congestion, answered late
		bucket.rateLimited(clock.now - 5); // sent after the cut, but within the hold
		expect(bucket.currentRate()).toBeCloseTo(afterFirstCut, 1);
	});

	it('spends its tokens on a 429, so the next caller waits', () => {
		const { clock, bucket } = bucketAt();
		expect(bucket.tryTake()).toBe(0);
		bucket.rateLimited(clock.now);
		expect(bucket.tryTake()).toBeGreaterThan(0);
	});

	it('honours Retry-After: no token before it has passed', () => {
		const { clock, bucket } = bucketAt();
		bucket.rateLimited(clock.now, 3000);
		expect(bucket.tryTake()).toBeGreaterThanOrEqual(2999);
		clock.now += 2990;
		expect(bucket.tryTake()).toBeGreaterThan(0);
		clock.now += 500;
		for (let wait = bucket.tryTake(); wait > 0; wait = bucket.tryTake()) clock.now += wait;
		expect(clock.now).toBeGreaterThanOrEqual(3000);
	});

	it('shrinks its burst with its rate, so a slowed-down process does not burst at full size', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(3000);
		bucket.rateLimited(clock.now);
		clock.now += 1000; // rests (rate ~5, within the growth's slow start)
		let burst = 0;
		while (bucket.tryTake() === 0) burst++;
		expect(burst).toBeLessThanOrEqual(10);
	});

	it('creeps back up to the ceiling after a quiet period, and not past it', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(3000);
		bucket.rateLimited(clock.now);
		expect(bucket.currentRate()).toBeLessThan(6);
		clock.now += 5000;
		const after5s = bucket.currentRate();
		expect(after5s).toBeGreaterThan(5);
		expect(after5s).toBeLessThan(10);
		clock.now += 60_000;
		expect(bucket.currentRate()).toBe(10);
	});

	it('keeps a floor and takes a lower ceiling from the credential at once', () => {
		const { clock, bucket } = bucketAt();
		for (let i = 0; i < 50; i++) {
			clock.now += 1000;
			bucket.rateLimited(clock.now);
		}
		expect(bucket.currentRate()).toBeCloseTo(10 * ADAPT.floor, 5);
		const fresh = bucketAt();
		fresh.bucket.configure({ perSecond: 4, burst: 4 });
		expect(fresh.bucket.currentRate()).toBe(4);
	});
});

describe('BucketRegistry', () => {
	it('keeps one bucket per key, takes the latest credential settings for it, and separate buckets for other keys', () => {
		const registry = new RecordingBucketRegistry();
		const bucket = registry.bucketFor('key-a', { perSecond: 10, burst: 20 });
		expect(registry.bucketFor('key-a', { perSecond: 4, burst: 8 })).toBe(bucket);
		expect(bucket.currentRate()).toBe(4);
		expect(registry.bucketFor('key-a:apply', { perSecond: 2, burst: 2 })).not.toBe(bucket);
		expect(registry.keys()).toEqual(['key-a', 'key-a:apply']);
	});
});

describe('several n8n processes on one key (simulation in virtual time, Lever at 10/s, burst 20)', () => {
	const sync = { callersPerProcess: 1, requestsPerCaller: 100, latencyMs: 80 };
	// The bucket as it was before it adapted: a fixed 10/s per process.
	const fixed: AdaptSettings = { ...ADAPT, decrease: 1, firstDecrease: 1, floor: 1 };

	it.each([2, 3, 5])('%i processes paging at once settle near Lever’s limit with few 429s', (processes) => {
		const adaptive = simulate({ processes, ...sync });
		expect(adaptive.failed).toBe(0);
		expect(adaptive.completed).toBe(processes * 100);
		expect(adaptive.ceilingRatio).toBeGreaterThan(0.8);
		expect(adaptive.share429).toBeLessThan(processes === 2 ? 0.03 : 0.08);
		// the same run with every process keeping 10/s
		const old = simulate({ processes, ...sync, adapt: fixed });
		expect(old.share429).toBeGreaterThan(adaptive.share429 * 2);
	});

	it('2 processes with 20 writes in flight each settle too (bulk writes)', () => {
		const result = simulate({ processes: 2, callersPerProcess: 40, requestsPerCaller: 25, latencyMs: 150 });
		expect(result.failed).toBe(0);
		expect(result.ceilingRatio).toBeGreaterThan(0.9);
		expect(result.share429).toBeLessThan(0.03);
	});

	it('a process left alone gets the whole limit back', () => {
		const result = simulate({ processes: 2, callersPerProcess: 1, requestsPerCaller: 0, requestsByProcess: [60, 400], latencyMs: 80 });
		expect(result.completed).toBe(460);
		expect(result.ceilingRatio).toBeGreaterThan(0.8);
		expect(result.finalRates[1]).toBe(10);
	});

	it('one process alone never meets a 429 and runs at the ceiling', () => {
		const result = simulate({ processes: 1, ...sync });
		expect(result.refused429).toBe(0);
		expect(result.ceilingRatio).toBeGreaterThan(1);
	});
});
