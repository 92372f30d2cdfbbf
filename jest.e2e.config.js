/** End-to-end suite: a real n8n (installed into .cache/n8n by scripts/install-n8n.js) runs the packed
 * package. Plain CommonJS tests (they need Node built-ins the strict n8n lint forbids in .ts files).
 * Run with `npm run test:e2e` (always in band: each test drives its own n8n processes). */
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 120,
	maxWorkers: 1,
	verbose: true,
};
