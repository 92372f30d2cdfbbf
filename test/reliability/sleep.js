'use strict';
/**
 * Installs a compressed `sleep` in n8n-workflow for the test file that calls it, BEFORE it requires the node
 * (./helpers): the transport's backoff and rate-limit waits are recorded at their real length but last at
 * most `capMs`, so fault suites with hundreds of retries run in seconds. Everything else is n8n-workflow.
 */
function compressSleep(capMs = 2) {
	const waits = [];
	jest.doMock('n8n-workflow', () => {
		const actual = jest.requireActual('n8n-workflow');
		return {
			...actual,
			sleep: async (ms, signal) => {
				waits.push(ms);
				return await actual.sleep(Math.min(ms, capMs), signal);
			},
		};
	});
	return waits;
}

module.exports = { compressSleep };
