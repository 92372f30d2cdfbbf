'use strict';
/*
 * Every template in workflows/*.json imports into a real n8n that has the packed package installed, and
 * every node in it is a type (and type version) that n8n knows. Running each template against the emulator
 * is the job of the template tests; this one catches unknown types, typos in type names, and `CUSTOM.*`
 * types before those run.
 */
const fs = require('fs');
const path = require('path');
const { harness, restSession, tarball } = require('./helpers');
const { VERSIONS_WITH_FALLBACK } = require('../../scripts/templates');

/** A newer version than this n8n has, used on purpose: the template falls back there (scripts/templates.js). */
const withFallback = (node) => (VERSIONS_WITH_FALLBACK[node.type]?.versions ?? []).includes(node.typeVersion);

function templates() {
	const dir = process.env.E2E_WORKFLOWS_DIR || path.join(harness.ROOT, 'workflows');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, wf: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }))
		.filter(({ wf }) => wf && Array.isArray(wf.nodes) && wf.connections && typeof wf.connections === 'object');
}

describe('templates import into n8n', () => {
	const list = templates();
	let folder;
	let server;

	beforeAll(async () => {
		if (!list.length) return;
		folder = await harness.createUserFolder({ tarball: tarball() });
		await harness.importWorkflows(
			folder,
			list.map(({ file, wf }) => ({ ...wf, id: wf.id || harness.randomId(), name: wf.name || file })),
		);
		server = await harness.startN8n(folder);
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (folder && process.env.E2E_KEEP !== '1') harness.removeUserFolder(folder);
	});

	if (!list.length) {
		test.todo('no templates in workflows/ yet');
		return;
	}

	test('every template is in n8n and uses only node types and versions n8n has', async () => {
		const session = await restSession(server.url);
		const known = new Map();
		for (const t of (await session.request('GET', '/types/nodes.json', undefined, { rest: false })).body) {
			const versions = Array.isArray(t.version) ? t.version : [t.version];
			known.set(t.name, new Set([...(known.get(t.name) || []), ...versions]));
		}
		const wfRes = await session.request('GET', '/workflows?limit=500');
		expect(wfRes.status).toBe(200);
		const stored = new Set((wfRes.body.data || []).map((w) => w.name));

		const problems = [];
		for (const { file, wf } of list) {
			if (!stored.has(wf.name || file)) problems.push(`${file}: not imported`);
			for (const node of wf.nodes) {
				if (!known.has(node.type)) problems.push(`${file}: node "${node.name}" has unknown type ${node.type}`);
				else if (node.typeVersion !== undefined && !known.get(node.type).has(node.typeVersion) && !withFallback(node)) {
					problems.push(
						`${file}: node "${node.name}" uses ${node.type} v${node.typeVersion}; n8n has ${[...known.get(node.type)].join(', ')}`,
					);
				}
			}
		}
		expect(problems).toEqual([]);
		expect(server.log()).not.toMatch(/Unrecognized node type/i);
	});
});
