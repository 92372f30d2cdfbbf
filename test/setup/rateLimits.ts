/**
 * The transport's rate-limit buckets come from test/helpers/rateLimits.ts in every test file (the real
 * module otherwise), so tests can reset them without a test hook in the shipped code.
 */
jest.mock('../../nodes/Lever/transport/rateLimiter', () => {
	type RateLimiterModule = typeof import('../../nodes/Lever/transport/rateLimiter');
	const actual = jest.requireActual<RateLimiterModule>('../../nodes/Lever/transport/rateLimiter');
	const { testBuckets } = jest.requireActual<typeof import('../helpers/rateLimits')>('../helpers/rateLimits');
	return { ...actual, bucketFor: (...args: Parameters<RateLimiterModule['bucketFor']>) => testBuckets().bucketFor(...args) };
});
