'use strict';
/*
 * The real n8n editor, in headless Chromium, with the packed package installed: n8n serves our node and
 * credential types, the nodes panel finds the Lever nodes with their icons, and the Lever node's Opportunity
 * operation list opens. Screenshots go to test/e2e/tmp/screenshots/, or to docs/ with E2E_UPDATE_DOCS=1
 * (the README uses docs/nodes-panel.png, docs/lever-actions.png and docs/lever-operations.png).
 */
const fs = require('fs');
const path = require('path');
const { harness, restSession, tarball } = require('./helpers');
const editor = require('./editor');

/** Node and credential type names the package declares (read from the built dist files). */
function declaredTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(harness.ROOT, 'package.json'), 'utf8'));
	const load = (rel) => {
		const mod = require(path.join(harness.ROOT, rel));
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		return new Cls();
	};
	return {
		nodes: pkg.n8n.nodes.map((rel) => {
			const d = load(rel).description;
			return { name: `${harness.PACKAGE_NAME}.${d.name}`, displayName: d.displayName, usableAsTool: !!d.usableAsTool };
		}),
		credentials: pkg.n8n.credentials.map((rel) => load(rel).name),
	};
}

describe('the n8n editor shows the Lever nodes', () => {
	let folder;
	let server;
	const outDir =
		process.env.E2E_UPDATE_DOCS === '1'
			? path.join(harness.ROOT, 'docs')
			: path.join(harness.ROOT, 'test', 'e2e', 'tmp', 'screenshots');

	beforeAll(async () => {
		editor.ensureChromium();
		folder = await harness.createUserFolder({ tarball: tarball() });
		server = await harness.startN8n(folder);
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (folder && process.env.E2E_KEEP !== '1') harness.removeUserFolder(folder);
	});

	test('n8n serves every node and credential type the package declares', async () => {
		const declared = declaredTypes();
		const session = await restSession(server.url);
		const get = async (p) => {
			const res = await session.request('GET', p, undefined, { rest: false });
			expect(res.status).toBe(200);
			return res.body;
		};
		const nodeNames = new Set((await get('/types/nodes.json')).map((n) => n.name));
		for (const n of declared.nodes) {
			expect(nodeNames).toContain(n.name);
			if (n.usableAsTool) expect(nodeNames).toContain(`${n.name}Tool`);
		}
		const credNames = new Set((await get('/types/credentials.json')).map((c) => c.name));
		for (const c of declared.credentials) expect(credNames).toContain(c);
		expect(server.log()).not.toMatch(/Unrecognized node type|Failed to load|error loading package/i);
	});

	test('nodes panel, Lever actions and the Opportunity operation list (screenshots)', async () => {
		const declared = declaredTypes();
		const seen = await editor.captureEditor({
			url: server.url,
			owner: harness.OWNER,
			outDir,
			log: (m) => process.stderr.write(`[e2e] ${m}\n`),
		});
		// Every node of the package is found by a "Lever" search, with a loaded icon. The nodes panel shows
		// triggers without " Trigger" and merges a trigger with the action node of the same name.
		const panelNames = [...new Set(declared.nodes.map((n) => n.displayName.replace(/ Trigger$/, '')))];
		for (const name of panelNames) expect(seen.searchResults).toContain(name);
		expect(seen.icons.length).toBeGreaterThan(0);
		for (const icon of seen.icons) {
			expect(icon.src).toContain(`/icons/${harness.PACKAGE_NAME}/`);
			expect(icon.loaded).toBe(true);
		}
		expect(seen.actions).toMatch(/OPPORTUNITY ACTIONS/i);
		expect(seen.actions).toContain('Create an opportunity');
		expect(seen.resource).toBe('Opportunity');
		expect(seen.operations).toEqual(expect.arrayContaining(['Create', 'Get', 'Get Many', 'Archive']));
		for (const f of Object.values(seen.files)) expect(fs.statSync(f).size).toBeGreaterThan(10000);
	});
});
