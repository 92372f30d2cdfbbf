'use strict';
/** The seed generator: deterministic, realistic, sized from a handful to many opportunities. */
const { startEmulator } = require('./index');
const { api, pageAll, inspect, confidentialAuth } = require('./helpers');

jest.setTimeout(60000);

/** Everything a client can see of an account, without the per-port download URLs. */
async function fingerprint(emu) {
	const strip = (x) => JSON.parse(JSON.stringify(x).split(emu.apiUrl).join('<api>'));
	const all = { auth: confidentialAuth() };
	const opps = await pageAll(emu, '/opportunities', { confidentiality: 'all', expand: 'applications' }, all);
	const postings = await pageAll(emu, '/postings', { confidentiality: 'all', distributionChannel: ['public', 'internal'] }, all);
	const users = await pageAll(emu, '/users', { includeDeactivated: 'true' });
	const stages = await pageAll(emu, '/stages');
	const o = opps[3];
	const notes = await pageAll(emu, `/opportunities/${o.id}/notes`);
	const resumes = (await api(emu, 'GET', `/opportunities/${o.id}/resumes`)).body.data;
	return strip({ opps, postings, users, stages, notes, resumes, counts: emu.state.counts() });
}

test('same seed and sizes → identical account; another seed → a different one', async () => {
	const a = await startEmulator({ seed: 42, opportunities: 120, rateLimit: false });
	const b = await startEmulator({ seed: 42, opportunities: 120, rateLimit: false });
	const c = await startEmulator({ seed: 43, opportunities: 120, rateLimit: false });
	try {
		const [fa, fb, fc] = await Promise.all([fingerprint(a), fingerprint(b), fingerprint(c)]);
		expect(fb).toEqual(fa);
		expect(fc.opps.map((x) => x.id)).not.toEqual(fa.opps.map((x) => x.id));
		// reset restores the seeded state after writes
		const u = a.state.users.values()[0].id;
		await api(a, 'POST', '/opportunities', { query: { perform_as: u }, body: { name: 'Extra' } });
		expect(a.state.opportunities.size).toBe(121);
		await inspect(a, 'POST', '/reset');
		expect(a.state.opportunities.size).toBe(120);
		expect(await fingerprint(a)).toEqual(fa);
	} finally {
		await Promise.all([a.close(), b.close(), c.close()]);
	}
});

test('lazily generated sub-resources equal the eagerly generated ones', async () => {
	const eager = await startEmulator({ seed: 8, opportunities: 60, rateLimit: false, lazyChildren: false });
	const lazy = await startEmulator({ seed: 8, opportunities: 60, rateLimit: false, lazyChildren: true });
	try {
		expect(lazy.state.lazyChildren.size).toBe(60);
		for (const o of eager.state.opportunities.values().slice(0, 60)) {
			if (o.confidentiality !== 'non-confidential') continue;
			for (const sub of ['notes', 'interviews', 'panels', 'feedback', 'offers', 'forms']) {
				const x = await pageAll(eager, `/opportunities/${o.id}/${sub}`);
				const y = await pageAll(lazy, `/opportunities/${o.id}/${sub}`);
				expect(JSON.stringify(y).split(lazy.apiUrl).join('')).toEqual(JSON.stringify(x).split(eager.apiUrl).join(''));
			}
		}
	} finally {
		await Promise.all([eager.close(), lazy.close()]);
	}
});

test('a realistic account: roles, stages, reasons, postings, offers, files with bytes', async () => {
	const emu = await startEmulator({ seed: 7, opportunities: 300, rateLimit: false });
	try {
		const st = emu.state;
		expect(st.opportunities.size).toBe(300);
		for (const id of ['lead-new', 'lead-reached-out', 'lead-responded', 'applicant-new', 'offer']) expect(st.stages.get(id)).toBeTruthy();
		expect(st.stages.values().some((s) => /^[0-9a-f-]{36}$/.test(s.id))).toBe(true);
		expect(st.archiveReasons.values().some((r) => r.type === 'hired' && r.text === 'Hired')).toBe(true);
		const states = new Set(st.postings.values().map((p) => p.state));
		for (const s of ['published', 'internal', 'closed', 'draft']) expect(states.has(s)).toBe(true);
		const p = st.postings.values().find((x) => x.state === 'published' && x.salaryRange);
		expect(p.salaryRange).toEqual({ min: expect.any(Number), max: expect.any(Number), currency: expect.any(String), interval: 'per-year-salary' });
		expect(['onsite', 'remote', 'hybrid', 'unspecified']).toContain(p.workplaceType);
		expect(p.urls.show).toMatch(/^https:\/\/jobs\.lever\.co\//);
		expect(st.postings.values().find((x) => x.state === 'draft').urls).toBeNull();
		expect(st.deletedPostings.size).toBeGreaterThan(0);
		const statuses = new Set(st.offers.values().map((o) => o.status));
		expect(statuses.has('signed')).toBe(true);
		const signed = st.offers.values().find((o) => o.status === 'signed');
		expect(signed.signatures.candidate.signedAt).toEqual(expect.any(Number));
		expect(signed.fields.find((f) => f.identifier === 'anticipated_start_date').value).toEqual(expect.any(Number));
		const c = st.contacts.values()[0];
		expect(c._links[0]).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
		expect(st.feedbackTemplates.get('no-feedback')).toBeTruthy();
		expect(st.requisitions.values().some((r) => r.headcountTotal === 'unlimited' && r.headcountInfinite)).toBe(true);
		// downloads return bytes with the right content type
		const res = st.resumes.values()[0];
		const d = await api(emu, 'GET', `/opportunities/${res._opp}/resumes/${res.id}/download`);
		expect(d.status).toBe(200);
		expect(d.headers.get('content-type')).toBe('application/pdf');
		expect(d.raw.subarray(0, 5).toString()).toBe('%PDF-');
		const off = st.offers.values().find((o) => o.sentDocument && o.confidentiality !== 'confidential' && st.opportunities.get(o._opp).confidentiality === 'non-confidential');
		const od = await api(emu, 'GET', `/opportunities/${off._opp}/offers/${off.id}/download`, { query: { status: 'sent' } });
		expect(od.status).toBe(200);
		expect(od.headers.get('content-type')).toBe('application/pdf');
		const bad = st.files.values().find((f) => f.status === 'error');
		if (bad) expect((await api(emu, 'GET', `/opportunities/${bad._opp}/files/${bad.id}/download`)).status).toBe(422);
	} finally {
		await emu.close();
	}
});

test('handful and zero opportunities work', async () => {
	for (const n of [0, 3]) {
		const emu = await startEmulator({ opportunities: n, rateLimit: false });
		try {
			const r = await api(emu, 'GET', '/opportunities', { query: { confidentiality: 'all' }, auth: confidentialAuth() });
			expect(r.body.data).toHaveLength(n);
			expect(r.body.hasNext).toBe(false);
		} finally {
			await emu.close();
		}
	}
});

test('offer fields: hiring_manager holds a user id, as Lever documents', async () => {
	const emu = await startEmulator({ opportunities: 60, rateLimit: false });
	try {
		const offer = emu.state.offers.values().find((o) => o.fields.some((f) => f.identifier === 'hiring_manager' && f.value));
		const r = await api(emu, 'GET', `/opportunities/${offer._opp}/offers`, { auth: confidentialAuth() });
		const field = r.body.data.find((o) => o.id === offer.id).fields.find((f) => f.identifier === 'hiring_manager');
		expect(emu.state.users.get(field.value)).toBeTruthy();
	} finally {
		await emu.close();
	}
});

test('offerShare: that share of opportunities at the Offer stage, each on a posting with an offer; without it the account is unchanged', async () => {
	const plain = await startEmulator({ seed: 9, opportunities: 400, rateLimit: false });
	const again = await startEmulator({ seed: 9, opportunities: 400, rateLimit: false, offerShare: undefined });
	const scaled = await startEmulator({ seed: 9, opportunities: 2000, rateLimit: false, offerShare: 0.02 });
	try {
		expect(await fingerprint(again)).toEqual(await fingerprint(plain));
		const atOffer = scaled.state.opportunities.values().filter((o) => o.stage === 'offer');
		expect(atOffer.length).toBeGreaterThan(20);
		expect(atOffer.length).toBeLessThan(70);
		for (const o of atOffer) {
			expect(o.applications.length).toBe(1);
			const offers = (await api(scaled, 'GET', `/opportunities/${o.id}/offers`, { auth: confidentialAuth() })).body.data;
			expect(offers).toHaveLength(1);
		}
		// the default mix puts far more at Offer
		const defaultShare = plain.state.opportunities.values().filter((o) => o.stage === 'offer').length / 400;
		expect(defaultShare).toBeGreaterThan(0.08);
	} finally {
		await Promise.all([plain.close(), again.close(), scaled.close()]);
	}
});

test('posting mutations: rename, close, publish and delete bump updatedAt and show in the listings', async () => {
	const emu = await startEmulator({ seed: 5, opportunities: 50, postings: 60, rateLimit: false });
	try {
		const since = Date.now();
		const renamed = emu.mutate({ action: 'postingTitle', count: 2, seed: 1 }).ids;
		const closed = emu.mutate({ action: 'postingClose', count: 1, seed: 2 }).ids;
		const published = emu.mutate({ action: 'postingPublish', count: 1, seed: 3 }).ids;
		const deleted = emu.mutate({ action: 'postingDelete', count: 1, seed: 4 }).ids;
		expect(new Set([...renamed, ...closed, ...published, ...deleted]).size).toBe(5);
		const changed = await pageAll(emu, '/postings', { updated_at_start: String(since) });
		expect(changed.map((p) => p.id).sort()).toEqual([...renamed, ...closed, ...published].sort());
		expect(changed.find((p) => p.id === renamed[0]).text).toMatch(/\(updated\)$/);
		expect(changed.find((p) => p.id === closed[0]).state).toBe('closed');
		expect(changed.find((p) => p.id === published[0])).toMatchObject({ state: 'published', distributionChannels: ['public', 'internal'] });
		const gone = await pageAll(emu, '/postings/deleted', { deleted_at_start: String(since) });
		expect(gone.map((p) => p.id)).toEqual(deleted);
		expect(emu.state.postings.get(deleted[0])).toBeUndefined();
		expect(emu.requests().firstAt).toBeGreaterThanOrEqual(since);
		expect(emu.requests().lastAt).toBeGreaterThanOrEqual(emu.requests().firstAt);
	} finally {
		await emu.close();
	}
});
