'use strict';
/** The CLI prints exactly one ready line, honours its flags and stops on SIGTERM. */
const { spawn } = require('child_process');
const path = require('path');
const { parseArgs } = require('./cli');

jest.setTimeout(30000);

test('flags parse into options', () => {
	const o = parseArgs(['--port', '0', '--api-key', 'k1', '--confidential-api-key', 'k2', '--opportunities', '12', '--seed', '3', '--rate', '5', '--burst', '9', '--rate-429', '0.05', '--rate-503=0.02', '--latency', '50', '--latency-max', '100', '--slow-body', '20']);
	expect(o).toMatchObject({ port: 0, opportunities: 12, seed: 3, apiKeys: [{ key: 'k1' }, { key: 'k2', confidential: true }], rateLimit: { perSecond: 5, burst: 9 } });
	expect(o.apiKeys[0].confidential).toBeUndefined(); // like most Lever keys: no confidential access
	expect(o.faults).toEqual({ rate429: 0.05, rate503: 0.02, latencyMs: [50, 100], slowBodyMs: 20 });
	expect(parseArgs(['--no-rate-limit']).rateLimit).toBe(false);
	expect(parseArgs([]).port).toBe(4010);
});

test('prints "Lever emulator listening on <url>", serves the API, exits on SIGTERM', async () => {
	const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--port', '0', '--api-key', 'cli-key', '--opportunities', '5', '--no-rate-limit'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	const url = await new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			out += d;
			const m = /^Lever emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out);
			if (m) resolve(m[1]);
		});
		child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
	});
	const r = await fetch(`${url}/v1/opportunities`, { headers: { authorization: `Basic ${Buffer.from('cli-key:').toString('base64')}` } });
	expect(r.status).toBe(200);
	expect((await r.json()).data.length).toBeGreaterThan(0);
	const code = await new Promise((resolve) => {
		child.on('exit', (c) => resolve(c));
		child.kill('SIGTERM');
	});
	expect(code).toBe(0);
	expect(out.trim().split('\n')).toHaveLength(1);
});
