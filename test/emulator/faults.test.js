'use strict';
/** Fault injection: seeded fractions of 429/5xx/resets, latency, slow bodies; runtime reconfiguration. */
const { startEmulator } = require('./index');
const { api, inspect, confidentialAuth } = require('./helpers');

jest.setTimeout(60000);

async function statuses(emu, n) {
	const out = [];
	for (let i = 0; i < n; i++) {
		try {
			out.push((await api(emu, 'GET', '/stages')).status);
		} catch (e) {
			out.push('reset');
		}
	}
	return out;
}

test('the same fault seed reproduces the same sequence; rates are roughly honoured', async () => {
	const faults = { seed: 99, rate429: 0.1, rate500: 0.05, rate502: 0.05, rate503: 0.05, rateReset: 0.05 };
	const a = await startEmulator({ opportunities: 5, rateLimit: false, faults });
	const b = await startEmulator({ opportunities: 5, rateLimit: false, faults });
	try {
		const sa = await statuses(a, 200);
		const sb = await statuses(b, 200);
		expect(sb).toEqual(sa);
		const count = (s) => sa.filter((x) => x === s).length;
		expect(count(200)).toBeGreaterThan(100);
		for (const s of [429, 500, 502, 503, 'reset']) expect(count(s)).toBeGreaterThan(0);
		const log = a.requests();
		expect(log.faults['429']).toBe(count(429));
		expect(log.faults.reset).toBe(count('reset'));
		const r429 = log.recent.find((e) => e.fault === '429');
		expect(r429.status).toBe(429);
	} finally {
		await a.close();
		await b.close();
	}
});

test('faults never touch /_emulator routes; config changes at runtime over HTTP', async () => {
	const emu = await startEmulator({ opportunities: 5, rateLimit: false });
	try {
		await inspect(emu, 'POST', '/config', { faults: { rate503: 1 }, retryAfter: 3 });
		const r = await api(emu, 'GET', '/stages');
		expect(r.status).toBe(503);
		expect(r.body.code).toBe('ServiceUnavailable');
		expect(r.headers.get('retry-after')).toBe('3');
		expect((await inspect(emu, 'GET', '/state')).status).toBe(200);
		await inspect(emu, 'POST', '/config', { faults: {}, retryAfter: false });
		expect((await api(emu, 'GET', '/stages')).status).toBe(200);
		const reqs = await inspect(emu, 'GET', '/requests');
		expect(reqs.body.counts['GET /stages']).toBe(2);
		expect(reqs.body.faults['503']).toBe(1);
		await inspect(emu, 'POST', '/requests/reset');
		expect((await inspect(emu, 'GET', '/requests')).body.total).toBe(0);
	} finally {
		await emu.close();
	}
});

test('latency (fixed and range) and slow bodies', async () => {
	const emu = await startEmulator({ opportunities: 20, rateLimit: false, faults: { latencyMs: 120 } });
	try {
		let t = Date.now();
		await api(emu, 'GET', '/stages');
		expect(Date.now() - t).toBeGreaterThanOrEqual(110);
		emu.configure({ faults: { latencyMs: [10, 40] } });
		t = Date.now();
		await api(emu, 'GET', '/stages');
		expect(Date.now() - t).toBeLessThan(120);
		emu.configure({ faults: { slowBodyMs: 200 } });
		t = Date.now();
		const r = await api(emu, 'GET', '/opportunities');
		expect(r.status).toBe(200);
		expect(r.body.data.length).toBeGreaterThan(0);
		expect(Date.now() - t).toBeGreaterThanOrEqual(150);
	} finally {
		await emu.close();
	}
});

test('mutate bumps updatedAt for delta sync and is visible through updated_at_start', async () => {
	const emu = await startEmulator({ opportunities: 100, rateLimit: false });
	try {
		const since = Date.now();
		const m = await inspect(emu, 'POST', '/mutate', { action: 'touch', count: 7, seed: 1 });
		expect(m.body.ids).toHaveLength(7);
		const r = await api(emu, 'GET', '/opportunities', { query: { updated_at_start: since, confidentiality: 'all' }, auth: confidentialAuth() });
		expect(r.body.data.map((o) => o.id).sort()).toEqual([...m.body.ids].sort());
		const s = await inspect(emu, 'POST', '/mutate', { action: 'stage', ids: [m.body.ids[0]], stageId: 'offer' });
		expect(emu.state.opportunities.get(s.body.ids[0]).stage).toBe('offer');
		const c = await inspect(emu, 'POST', '/mutate', { action: 'create', count: 3 });
		expect(c.body.ids).toHaveLength(3);
		expect(emu.state.opportunities.size).toBe(103);
		const snap = await inspect(emu, 'GET', '/state?collections=webhooks');
		expect(snap.body.counts.opportunities).toBe(103);
		expect(snap.body.records.webhooks).toEqual([]);
	} finally {
		await emu.close();
	}
});
