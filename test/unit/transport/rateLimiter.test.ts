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

	it('starts slow: few tokens at half the ceiling, doubling to the full rate within a second', () => {
		const { clock, bucket, drive } = bucketAt();
		let burst = 0;
		while (bucket.tryTake() === 0) burst++;
		expect(burst).toBeLessThanOrEqual(2);
		expect(bucket.currentRate()).toBe(10 * ADAPT.startShare);
		clock.now += ADAPT.doublingMs / 2;
		expect(bucket.currentRate()).toBeCloseTo(10 * ADAPT.startShare * Math.SQRT2, 5);
		// a process alone: at the ceiling after one doubling, then paced at it
		drive(ADAPT.doublingMs);
		expect(bucket.currentRate()).toBe(10);
		expect(drive(5000)).toBeGreaterThanOrEqual(49);
	});

	it('cuts to its share of Lever’s budget on the first 429 after the start, and to a share of what Lever accepted after that', () => {
		const { clock, bucket, drive } = bucketAt();
		const taken = drive(3000); // alone for 3 s: ~30 of the 18 + 10/s × 3 s Lever would have allowed
		const sentAt = clock.now - 50;
		bucket.rateLimited(sentAt);
		const budget = 18 + 10 * (sentAt / 1000);
		expect(bucket.currentRate()).toBeCloseTo(10 * (taken / budget) * ADAPT.startCut, 0);
		clock.now += ADAPT.startHoldMs;
		drive(2000); // sent at the new rate and accepted
		const before = bucket.currentRate();
		bucket.rateLimited(clock.now - 50);
		expect(bucket.currentRate()).toBeLessThan(before * ADAPT.decrease + 0.2);
		expect(bucket.currentRate()).toBeGreaterThan(before * ADAPT.decrease * 0.8);
	});

	it('cuts no deeper than to a quarter of its rate on that first 429: a fault must not crush a process that is alone', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(1000); // at the ceiling after a second
		clock.now += 9000; // resting, then a burst, then a 429 (another integration, a fault)
		while (bucket.tryTake() === 0);
		bucket.rateLimited(clock.now);
		// its part of Lever's budget (18 + 10/s × 10 s): some 27 requests, a share of 0.23
		expect(bucket.currentRate()).toBeCloseTo(10 * ADAPT.startCutAtLeast, 5);
	});

	it('reads no share from a 429 that came while its own work, not the bucket, set the pace', () => {
		const { clock, bucket } = bucketAt();
		clock.now += 2000; // a single request now and then: tokens are left
		expect(bucket.tryTake()).toBe(0);
		bucket.rateLimited(clock.now);
		// the usual first cut at the ceiling, not its tiny part of Lever's budget
		expect(bucket.currentRate()).toBeCloseTo(10 * ADAPT.firstDecrease, 5);
	});

	it('halves its rate on a 429 after it crept back to the ceiling: the others are probably there too', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(3000);
		bucket.rateLimited(clock.now - 50);
		drive(60_000); // in use, no 429: back at the ceiling
		expect(bucket.currentRate()).toBe(10);
		bucket.rateLimited(clock.now - 50);
		expect(bucket.currentRate()).toBeCloseTo(10 * ADAPT.firstDecrease, 5);
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
		clock.now += ADAPT.startHoldMs - 100; // the processes that started together meet their first 429s
		bucket.rateLimited(clock.now - 80);
		expect(bucket.currentRate()).toBeCloseTo(afterFirstCut, 1);
		clock.now += 200;
		bucket.rateLimited(clock.now - 80); // after the hold: cuts again
		expect(bucket.currentRate()).toBeLessThan(afterFirstCut * ADAPT.decrease + 0.2);
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
		clock.now += 1000; // rests (rate ~5, within the hold after the cut)
		let burst = 0;
		while (bucket.tryTake() === 0) burst++;
		expect(burst).toBeLessThanOrEqual(10);
	});

	it('creeps back up to the ceiling while Lever stays quiet, and not past it', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(3000);
		bucket.rateLimited(clock.now);
		const afterCut = bucket.currentRate();
		expect(afterCut).toBeLessThan(6);
		drive(5000);
		const after5s = bucket.currentRate();
		expect(after5s).toBeGreaterThan(afterCut);
		expect(after5s).toBeLessThan(10);
		drive(30_000);
		expect(bucket.currentRate()).toBe(10);
		drive(30_000);
		expect(bucket.currentRate()).toBe(10);
	});

	it('starts slow again after standing unused, and keeps its rate while in use', () => {
		const { clock, bucket, drive } = bucketAt();
		drive(ADAPT.idleMs * 2); // in use all along: at the ceiling
		expect(bucket.currentRate()).toBe(10);
		clock.now += ADAPT.idleMs - 200; // the last token went at most 100 ms before
		expect(bucket.currentRate()).toBe(10);
		clock.now += 400; // unused for idleMs: the next run may start together with other processes' runs
		let burst = 0;
		while (bucket.tryTake() === 0) burst++;
		expect(burst).toBeLessThanOrEqual(2);
		expect(bucket.currentRate()).toBe(10 * ADAPT.startShare);
	});

	it('keeps a floor and takes a lower ceiling from the credential at once', () => {
		const { clock, bucket } = bucketAt();
		for (let i = 0; i < 50; i++) {
			clock.now += 1000;
			bucket.tryTake(); // in use (unused for 10 s, it would start afresh)
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
	const bulk = { callersPerProcess: 20, requestsPerCaller: 25, latencyMs: 150 };
	/** Four runs of the same setup with other jitter, so a threshold does not rest on one lucky sequence. */
	const seeds = [12345, 1, 2, 3];
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	const runs = (options: Parameters<typeof simulate>[0]) => seeds.map((seed) => simulate({ ...options, seed }));
	/** 429s in the first 5 s: the start-up burst. */
	const startUp429 = (result: ReturnType<typeof simulate>) => result.refusedAt.filter((at) => at < 5).length;
	// The bucket as it was before it adapted: a fixed 10/s per process, starting with its full burst.
	const fixed: AdaptSettings = { ...ADAPT, floor: 1, startShare: 1 };

	it.each([2, 3, 5])('%i processes paging at once settle near Lever’s limit with few 429s', (processes) => {
		const adaptive = simulate({ processes, ...sync });
		expect(adaptive.failed).toBe(0);
		expect(adaptive.completed).toBe(processes * 100);
		expect(adaptive.ceilingRatio).toBeGreaterThan(0.8);
		expect(adaptive.share429).toBeLessThan(processes === 2 ? 0.02 : 0.06);
		// the same run with every process keeping 10/s
		const old = simulate({ processes, ...sync, adapt: fixed });
		expect(old.share429).toBeGreaterThan(adaptive.share429 * 2);
	});

	it.each([3, 4, 5])('%i processes starting together spend no full burst each: few 429s in their first seconds', (processes) => {
		// every process used to start with a full bucket: 40-90 start-up 429s for bulk writes, 9-19 for syncs
		expect(mean(runs({ processes, ...bulk }).map(startUp429))).toBeLessThan(2.5 * processes);
		expect(mean(runs({ processes, ...sync }).map(startUp429))).toBeLessThan(2.5 * processes);
	});

	it.each([
		[2, 0.015],
		[3, 0.025],
		[4, 0.035],
		[5, 0.045],
	])('%i processes writing in bulk (20 writes in flight each) get under %d of their requests refused', (processes, share) => {
		const results = runs({ processes, ...bulk });
		expect(results.every((result) => result.failed === 0 && result.completed === processes * 500)).toBe(true);
		expect(mean(results.map((result) => result.share429))).toBeLessThan(share);
	});

	it('2 processes keep at least 0.9 of Lever’s limit, paging and writing in bulk', () => {
		for (const options of [{ ...sync, requestsPerCaller: 1000 }, bulk, { ...bulk, callersPerProcess: 40 }]) {
			for (const result of runs({ processes: 2, ...options })) {
				expect(result.failed).toBe(0);
				expect(result.ceilingRatio).toBeGreaterThan(0.9);
				expect(result.share429).toBeLessThan(0.02);
			}
		}
	});

	it('a process left alone gets the whole limit back', () => {
		const result = simulate({ processes: 2, callersPerProcess: 1, requestsPerCaller: 0, requestsByProcess: [60, 400], latencyMs: 80 });
		expect(result.completed).toBe(460);
		expect(result.ceilingRatio).toBeGreaterThan(0.8);
		expect(result.finalRates[1]).toBe(10);
	});

	it('one process alone never meets a 429 and runs at the ceiling after its first second', () => {
		const result = simulate({ processes: 1, ...sync });
		expect(result.refused429).toBe(0);
		expect(result.ceilingRatio).toBeGreaterThan(0.95);
		const writes = simulate({ processes: 1, ...bulk, requestsPerCaller: 50 });
		expect(writes.refused429).toBe(0);
		expect(writes.ceilingRatio).toBeGreaterThan(0.95);
	});
});
