/**
 * The rate limiter's buckets as the tests see them. Shipped code keeps one BucketRegistry for the whole
 * process and exposes no way to reach it; test/setup/rateLimits.ts makes the transport's `bucketFor`
 * use the registry held here instead, so a test can start from full, unadapted buckets and can see which
 * buckets a run used. The buckets themselves are the shipped TokenBucket and BucketRegistry.
 */
import type { AdaptSettings, BucketRegistry as Registry } from '../../nodes/Lever/transport/rateLimiter';

type RateLimiterModule = typeof import('../../nodes/Lever/transport/rateLimiter');
const { ADAPT, BucketRegistry } = jest.requireActual<RateLimiterModule>('../../nodes/Lever/transport/rateLimiter');

/** The shipped registry, plus the keys it was asked for (in first-use order), so a test can see which buckets a run used. */
export class RecordingBucketRegistry extends BucketRegistry {
	private readonly usedKeys = new Set<string>();

	bucketFor(...args: Parameters<Registry['bucketFor']>): ReturnType<Registry['bucketFor']> {
		this.usedKeys.add(args[0]);
		return super.bucketFor(...args);
	}

	keys(): string[] {
		return [...this.usedKeys];
	}
}

let registry = new RecordingBucketRegistry();

/** The registry the transport uses in this test file. */
export function testBuckets(): RecordingBucketRegistry {
	return registry;
}

/**
 * Start from new buckets. By default they begin full, at the credential's rate, without the slow start a
 * process's first requests get, for tests of something else (poll budgets, items, faults) that run many
 * short runs against a key alone and should not wait a second per run; pass the shipped ADAPT to test
 * the slow start itself.
 */
export function freshRateLimits(adapt: AdaptSettings = { ...ADAPT, startShare: 1 }): void {
	registry = new RecordingBucketRegistry(adapt);
}
