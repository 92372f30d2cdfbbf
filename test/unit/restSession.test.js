'use strict';
/*
 * restSession (test/e2e/helpers.js), the one wrapper of n8n's internal REST API that the e2e template tests,
 * the queue-mode test and the templates bench share, against a local server in n8n's shape: it logs in and
 * sends the cookie, `call` gives `data` and throws with n8n's message, `login` takes a fresh cookie, and
 * `request` with `maxBytes` leaves a longer answer unread (the bench reads a failed run of a whole account),
 * with `rest: false` it reaches n8n's /types/*.json; and listExecutions, the executions of one workflow.
 */
const http = require('http');
const { listExecutions, restSession } = require('../e2e/helpers');

describe('restSession', () => {
	let server;
	let url;
	let logins = 0;
	const seen = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				seen.push({ method: req.method, url: req.url, cookie: req.headers.cookie, body });
				const json = (status, value, headers = {}) => {
					res.writeHead(status, { 'content-type': 'application/json', ...headers });
					res.end(JSON.stringify(value));
				};
				if (req.url === '/rest/login') return json(200, { data: {} }, { 'set-cookie': `n8n-auth=token${++logins}; Path=/; HttpOnly` });
				if (req.headers.cookie !== `n8n-auth=token${logins}`) return json(401, { message: 'Unauthorized' });
				if (req.url === '/rest/workflows/w1') return json(200, { data: { id: 'w1', echo: body } });
				if (req.url === '/rest/executions/big') return json(200, { data: { data: 'x'.repeat(100000) } });
				if (req.url.startsWith('/rest/executions?')) return json(200, { data: { count: 1, results: [{ id: '7' }] } });
				if (req.url === '/types/nodes.json') return json(200, [{ name: 'n8n-nodes-lever.lever', version: 1 }]);
				return json(404, { message: 'Could not find workflow' });
			});
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${server.address().port}`;
	});

	afterAll(() => new Promise((resolve) => server.close(resolve)));

	it('logs in, sends the cookie and the JSON body, and gives the answer\'s data', async () => {
		const session = await restSession(url);
		expect(session.url).toBe(url);
		expect(await session.call('PATCH', '/workflows/w1', { nodes: [] })).toEqual({ id: 'w1', echo: '{"nodes":[]}' });
		expect(seen.at(-1)).toMatchObject({ method: 'PATCH', url: '/rest/workflows/w1', cookie: `n8n-auth=token${logins}` });
	});

	it('call throws on an HTTP error with the route and n8n\'s message; request resolves it', async () => {
		const session = await restSession(url);
		await expect(session.call('GET', '/workflows/nope')).rejects.toThrow('GET /rest/workflows/nope: HTTP 404 {"message":"Could not find workflow"}');
		expect(await session.request('GET', '/workflows/nope')).toMatchObject({ status: 404, body: { message: 'Could not find workflow' } });
	});

	it('login takes a fresh cookie (after a restart the old one is refused)', async () => {
		const session = await restSession(url);
		await restSession(url); // another login: this server accepts only the newest cookie, as a restarted n8n accepts none
		await expect(session.call('GET', '/workflows/w1')).rejects.toThrow('HTTP 401');
		await session.login();
		expect(await session.call('GET', '/workflows/w1')).toMatchObject({ id: 'w1' });
	});

	it('request with maxBytes: an answer within it is parsed, a longer one is not read', async () => {
		const session = await restSession(url);
		const within = await session.request('GET', '/executions/big', undefined, { maxBytes: 200000 });
		expect(within.status).toBe(200);
		expect(within.body.data.data).toHaveLength(100000);
		expect(await session.request('GET', '/executions/big', undefined, { maxBytes: 50000 })).toEqual({ status: 200, tooLarge: true });
	});

	it('request with rest: false reaches a route outside /rest (n8n\'s /types/nodes.json) with the cookie', async () => {
		const session = await restSession(url);
		expect(await session.request('GET', '/types/nodes.json', undefined, { rest: false })).toMatchObject({ status: 200, body: [{ name: 'n8n-nodes-lever.lever' }] });
		expect(seen.at(-1)).toMatchObject({ url: '/types/nodes.json', cookie: `n8n-auth=token${logins}` });
	});

	it('listExecutions asks for one workflow\'s executions (100, or the limit given; below lastId when given) and gives the list', async () => {
		const session = await restSession(url);
		const query = () => Object.fromEntries(new URL(seen.at(-1).url, url).searchParams);
		expect(await listExecutions(session, 'wf 1')).toEqual([{ id: '7' }]);
		expect(query()).toEqual({ filter: '{"workflowId":"wf 1"}', limit: '100' });
		await listExecutions(session, 'wf1', { limit: 20, lastId: 8 });
		expect(query()).toEqual({ filter: '{"workflowId":"wf1"}', limit: '20', lastId: '8' });
	});
});
