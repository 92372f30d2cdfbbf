/**
 * Jest gives every test file its own copy of nock, but the HTTP interception nock installs is
 * process-wide: a file that leaves its interceptor in place makes the next file in the same worker
 * talk to a nock it cannot reach ("Disallowed net connect"). So every file removes its interceptor
 * when it ends; the next file's nock installs a fresh one when it loads.
 */
import nock from 'nock';

afterAll(() => {
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
