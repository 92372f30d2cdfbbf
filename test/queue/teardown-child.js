'use strict';
/*
 * node test/queue/teardown-child.js base|main: starts a queue-mode stack (Redis and PostgreSQL; with `main`
 * also n8n's main process), prints `READY <json>` naming its process groups, ports, postmaster and folders,
 * and waits to be killed (teardown.test.js). The tarball comes from E2E_TARBALL.
 */
const fs = require('fs');
const path = require('path');
const { startStack } = require('./stack');

(async () => {
	const stack = await startStack({ tarball: process.env.E2E_TARBALL, workers: 1, log: (m) => process.stderr.write(`[child] ${m}\n`) });
	if (process.argv[2] === 'main') await stack.startProcess('main');
	const registry = JSON.parse(fs.readFileSync(stack.registryFile, 'utf8'));
	const postmaster = Number(fs.readFileSync(path.join(stack.pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
	const ports = [stack.redisPort, stack.pgPort, ...Object.values(stack.n8n).map((piece) => piece.port)];
	const info = { groups: registry.groups.map((g) => g.pid), postmaster, reaper: stack.reaperPid, ports, dirs: [...registry.dirs], registry: stack.registryFile };
	process.stdout.write(`READY ${JSON.stringify(info)}\n`);
	setInterval(() => {}, 60000);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
