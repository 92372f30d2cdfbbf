'use strict';
/*
 * Nothing of a queue-mode stack outlives the process that started it. A child process starts a stack
 * (teardown-child.js) and is then ended as CI or a user would end it: SIGTERM with n8n's main process
 * running (the child's own handlers stop everything), SIGKILL with Redis and PostgreSQL (nothing runs in
 * the child any more: the reaper does it; under jest this is the only path, as a test file's `process`
 * never receives signals), and SIGKILL to both child and reaper (the next stack start removes it).
 * Afterwards no process of the stack's groups, no PostgreSQL process, no open port, folder, registry or
 * reaper remains.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const { until } = require('../e2e/helpers');
const { alive, processes, reapStale } = require('./cleanup');

function startChild(mode) {
	const child = spawn(process.execPath, [path.join(__dirname, 'teardown-child.js'), mode], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stderr.on('data', (chunk) => {
		err += chunk;
	});
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const line = out.split('\n').find((l) => l.startsWith('READY '));
			if (line) resolve(JSON.parse(line.slice(6)));
		});
		child.once('exit', (code, signal) => reject(new Error(`the child exited (${code ?? signal}) before its stack was ready:\n${err.slice(-3000)}`)));
	});
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
	return { child, ready, exited, stderr: () => err };
}

const portOpen = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

/** What still runs or exists of the stack; empty when it is all gone. */
async function leftovers(info) {
	const running = processes();
	const left = running.filter((p) => info.groups.includes(p.pgid)).map((p) => `pid ${p.pid} in group ${p.pgid}`);
	if (alive(info.postmaster)) left.push(`postmaster ${info.postmaster}`);
	left.push(...running.filter((p) => p.ppid === info.postmaster).map((p) => `postgres backend ${p.pid}`));
	if (alive(info.reaper)) left.push(`reaper ${info.reaper}`);
	for (const port of info.ports) if (await portOpen(port)) left.push(`port ${port}`);
	left.push(...[info.registry, ...info.dirs].filter((f) => fs.existsSync(f)));
	return left;
}

async function expectNothingLeft(info) {
	let left = [];
	await until(async () => (left = await leftovers(info)).length === 0, 'the stack to be gone', { timeoutMs: 30000, everyMs: 500 }).catch(() => {});
	expect(left).toEqual([]);
}

describe('a stack never outlives the process that started it', () => {
	test('SIGTERM while n8n main runs: the child stops everything before it exits', async () => {
		const run = startChild('main');
		const info = await run.ready;
		expect(info.groups.length).toBe(2); // redis, n8n main
		expect(await leftovers(info)).toEqual(expect.arrayContaining([`reaper ${info.reaper}`]));
		run.child.kill('SIGTERM');
		expect(await run.exited).toBe('SIGTERM');
		await expectNothingLeft(info);
	}, 5 * 60 * 1000);

	test('SIGKILL: the reaper removes Redis, PostgreSQL and the folders', async () => {
		const run = startChild('base');
		const info = await run.ready;
		run.child.kill('SIGKILL');
		expect(await run.exited).toBe('SIGKILL');
		await expectNothingLeft(info);
	}, 5 * 60 * 1000);

	test('SIGKILL to the child and its reaper: the next start removes what they left', async () => {
		const run = startChild('base');
		const info = await run.ready;
		process.kill(info.reaper, 'SIGKILL');
		run.child.kill('SIGKILL');
		await run.exited;
		await until(() => !alive(info.reaper), 'the reaper to die', { timeoutMs: 10000 });
		expect(await leftovers(info)).toEqual(expect.arrayContaining([`postmaster ${info.postmaster}`, `port ${info.ports[0]}`, info.registry]));
		expect(reapStale()).toBeGreaterThanOrEqual(1); // what startStack calls first
		await expectNothingLeft(info);
	}, 5 * 60 * 1000);
});
