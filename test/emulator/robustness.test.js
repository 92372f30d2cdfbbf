'use strict';
/** Malformed input never produces a 500: every operation answers a documented 4xx instead. */
const { startEmulator } = require('./index');
const { api } = require('./helpers');
const { operations } = require('./operations.json');

jest.setTimeout(60000);

test('no operation answers 5xx to wrong types, empty or garbage bodies', async () => {
	const emu = await startEmulator({ opportunities: 30, rateLimit: false });
	try {
		const opp = emu.state.opportunities.values()[5];
		const user = emu.state.users.values()[0].id;
		const wrongTypes = { stage: 5, reason: 5, tags: [1], links: {}, value: {}, interviews: 'x', fields: {}, values: 'x', data: 'x', url: 5, event: 'x', text: 7, categories: 'x', salaryRange: 'x', name: {}, email: 5, baseTemplateId: {}, panel: {}, timezone: {}, requisitionCode: {}, headcountTotal: {}, id: {}, type: {}, personalInformation: 'x', phones: 'x', postings: {}, archived: 'x', content: 'x', options: 'x', subfields: 'x' };
		const bodies = [undefined, [], 'str', wrongTypes];
		const bad = [];
		for (const op of operations) {
			const path = op.path.replace(/\{(\w+)\}/g, (_, n) => (n === 'opportunity' ? opp.id : n === 'stage' ? 'lead-new' : n === 'requisition_field' ? 'cost_center' : 'x'));
			for (const body of op.method === 'GET' ? [undefined] : bodies) {
				for (const query of [{ perform_as: user }, { perform_as: user, limit: '5', expand: 'user', include: 'id', offset: '%5B1%2C0%2C%22x%22%5D' }]) {
					const r = await api(emu, op.method, path, { query, body });
					if (r.status >= 500) bad.push(`${op.method} ${path} ${JSON.stringify(body)} → ${r.status} ${r.text.slice(0, 120)}`);
				}
			}
		}
		const raw = await fetch(`${emu.apiUrl}/opportunities?perform_as=${user}`, { method: 'POST', headers: { authorization: emu.basicAuth(), 'content-type': 'multipart/form-data; boundary=zzz' }, body: 'not multipart at all' });
		expect(raw.status).toBe(400);
		const txt = await fetch(`${emu.apiUrl}/webhooks`, { method: 'POST', headers: { authorization: emu.basicAuth(), 'content-type': 'application/json' }, body: '{oops' });
		expect(txt.status).toBe(400);
		expect(bad).toEqual([]);
	} finally {
		await emu.close();
	}
});
