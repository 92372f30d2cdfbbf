/** Queue-mode suite (npm run test:queue): Redis, PostgreSQL and n8n main + 2 workers + a webhook processor
 * on loopback (test/queue/stack.js), the packed package in each. Shares the e2e suite's setup (n8n install,
 * build and pack). Always in band. */
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/queue'],
	testMatch: ['<rootDir>/test/queue/**/*.test.js'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 120,
	maxWorkers: 1,
	verbose: true,
	// undici keeps idle sockets to the stopped n8n processes open for a while; the stack itself is gone
	forceExit: true,
};
