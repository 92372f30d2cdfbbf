/** Unit and emulator-backed tests. TypeScript tests run through ts-jest; the emulator's own
 * conformance tests are plain CommonJS (.test.js) because they need Node built-ins that the
 * strict n8n lint forbids in .ts files. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
	},
	testTimeout: 30000,
	// nock's interception is process-wide but each test file loads its own nock: remove it after each file.
	// The rate limiter's buckets: see test/setup/rateLimits.ts.
	setupFilesAfterEnv: ['<rootDir>/test/setup/nock.ts', '<rootDir>/test/setup/rateLimits.ts'],
};
