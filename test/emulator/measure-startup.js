#!/usr/bin/env node
'use strict';
/** node test/emulator/measure-startup.js [10000 100000 ...] — startup time (listen + seed) and first page latency. */
const { performance } = require('perf_hooks');
const { startEmulator } = require('./index');

(async () => {
	const sizes = process.argv.slice(2).map(Number);
	for (const n of sizes.length ? sizes : [1000, 10000]) {
		const t0 = performance.now();
		const emu = await startEmulator({ opportunities: n, rateLimit: false });
		const t1 = performance.now();
		const r = await fetch(`${emu.apiUrl}/opportunities?limit=100`, { headers: { authorization: emu.basicAuth() } });
		await r.json();
		const t2 = performance.now();
		const heap = Math.round(process.memoryUsage().heapUsed / 1e6);
		process.stdout.write(`${n} opportunities: startup ${Math.round(t1 - t0)} ms (seed ${emu.seedMs()} ms), first page ${Math.round(t2 - t1)} ms, heap ${heap} MB, lazy ${emu.state.lazyChildren.size}\n`);
		await emu.close();
	}
})();
