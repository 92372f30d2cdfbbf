/**
 * The rate limiter's buckets as the tests see them. Shipped code keeps one BucketRegistry for the whole
 * process and exposes no way to reach it; test/setup/rateLimits.ts makes the transport's `bucketFor`
 * use the registry held here instead, so a test can start from full, unadapted buckets and can see which
 * buckets a run used. The buckets themselves are the shipped TokenBucket and BucketRegistry.
 */
import type { BucketRegistry as Registry } from '../../nodes/Lever/transport/rateLimiter';

type RateLimiterModule = typeof import('../../nodes/Lever/transport/rateLimiter');
const { BucketRegistry } = jest.requireActual<RateLimiterModule>('../../nodes/Lever/transport/rateLimiter');

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

/** Start from empty buckets: the next request creates its bucket full, at the credential's rate. */
export function freshRateLimits(): void {
	registry = new RecordingBucketRegistry();
}
