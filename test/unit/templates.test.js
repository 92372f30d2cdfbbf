'use strict';
/*
 * `gulp templates` (gulpfile.js + scripts/templates.js): the shipped templates pass, and a template broken on
 * purpose fails the task with the template's file and the node's name. Needs dist/ (npm test builds first).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const templates = require('../../scripts/templates');

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOWS = path.join(ROOT, 'workflows');
const GULP = path.join(ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js');

function gulpTemplates(env) {
	return spawnSync(process.execPath, [GULP, 'templates', '--cwd', ROOT], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		encoding: 'utf8',
	});
}

/** A temp copy of workflows/ with `edit(wf)` applied to `file`. */
function brokenCopy(file, edit) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lever-templates-'));
	for (const f of fs.readdirSync(WORKFLOWS).filter((x) => x.endsWith('.json'))) fs.copyFileSync(path.join(WORKFLOWS, f), path.join(dir, f));
	const wf = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	edit(wf);
	fs.writeFileSync(path.join(dir, file), JSON.stringify(wf, null, '\t'));
	return dir;
}

const leverNode = (wf) => wf.nodes.find((n) => n.type === 'n8n-nodes-lever.lever');

describe('gulp templates', () => {
	const tmp = [];
	afterAll(() => tmp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

	it('passes every shipped template and bundles each into the output folder byte for byte', () => {
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lever-templates-out-'));
		tmp.push(out);
		const res = gulpTemplates({ TEMPLATES_OUT_DIR: out });
		expect(res.stderr + res.stdout).not.toMatch(/problem/);
		expect(res.status).toBe(0);
		const shipped = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json')).sort();
		expect(fs.readdirSync(out).sort()).toEqual(shipped);
		for (const f of shipped) expect(fs.readFileSync(path.join(out, f), 'utf8')).toBe(fs.readFileSync(path.join(WORKFLOWS, f), 'utf8'));
	});

	it('fails the build on a Lever operation that does not exist, naming the template and the node', () => {
		const file = 'surecloud-compliance-evidence.json';
		let nodeName;
		const dir = brokenCopy(file, (wf) => {
			const node = leverNode(wf);
			nodeName = node.name;
			node.parameters.operation = 'getEverything';
		});
		const out = path.join(dir, 'out');
		tmp.push(dir);
		const res = gulpTemplates({ TEMPLATES_DIR: dir, TEMPLATES_OUT_DIR: out });
		expect(res.status).not.toBe(0);
		expect(res.stderr + res.stdout).toContain(`${file}: node "${nodeName}": operation "getEverything" does not exist`);
		expect(fs.existsSync(out)).toBe(false);
	});

	it.each([
		['a parameter the node does not have', (wf) => (leverNode(wf).parameters.limitt = 5), /parameter "limitt" does not exist/],
		['a real credential id', (wf) => (leverNode(wf).credentials.leverAtsApi.id = 'p9xK2mQ7rT4wZ1aB'), /must be the placeholder/],
		['a literal API key header', (wf) => {
			const http = wf.nodes.find((n) => n.type === 'n8n-nodes-base.httpRequest');
			http.parameters.headerParameters = { parameters: [{ name: 'X-Api-Key', value: 'live-key-123' }] };
		}, /sets "X-Api-Key" to a literal value/],
		['pinned data', (wf) => (wf.pinData = { Config: [{ json: { a: 1 } }] }), /has pinned data/],
		['no sticky note', (wf) => (wf.nodes = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')), /has no sticky note/],
		['a core node version one supported n8n lacks', (wf) => (wf.nodes.find((n) => n.name === 'Config').typeVersion = 3.5), /n8n-nodes-base\.set v3\.5 is not in every supported n8n/],
		['a Data Table table operation v1.1 (not in n8n 1.x) that stops the run on error', (wf) => {
			wf.nodes.push({ id: 'd1', name: 'Data table v1.1', type: 'n8n-nodes-base.dataTable', typeVersion: 1.1, position: [0, 0], parameters: { resource: 'table', operation: 'create' } });
		}, /node "Data table v1.1": n8n-nodes-base\.dataTable v1\.1 fails on the older supported n8n: set On Error to continue/],
		['a Data Table node version no supported n8n has', (wf) => {
			wf.nodes.push({ id: 'd1', name: 'Data table v1.2', type: 'n8n-nodes-base.dataTable', typeVersion: 1.2, position: [0, 0], parameters: {}, onError: 'continueRegularOutput' });
		}, /n8n-nodes-base\.dataTable v1\.2 is not in every supported n8n/],
		['an unknown node type', (wf) => (leverNode(wf).type = 'n8n-nodes-lever.leverr'), /neither an n8n core node nor a node of n8n-nodes-lever/],
		// n8n 1.x without task runners evaluates this to nothing, silently (scripts/templates.js)
		['an expression reading a Code node\'s items with $()', (wf) => {
			wf.nodes.find((n) => n.name === 'Get changed postings').parameters.filters.updatedAfter = "={{ $('Plan run').first().json.updatedAfter }}";
		}, /node "Get changed postings": reads Code node "Plan run" with \$\('Plan run'\)\.first/],
		['$items() of a Code node', (wf) => {
			wf.nodes.find((n) => n.name === 'Respond with counts').parameters.responseBody = "={{ $items('Compare with previous snapshot')[0].json.counts }}";
		}, /node "Respond with counts": reads Code node "Compare with previous snapshot" with \$items\('Compare with previous snapshot'/],
	])('reports %s', (_what, edit, expected) => {
		const wf = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, 'lever-postings-to-the-org.json'), 'utf8'));
		expect(templates.checkTemplate('t.json', wf)).toEqual([]);
		edit(wf);
		const problems = templates.checkTemplate('t.json', wf);
		expect(problems.join('\n')).toMatch(expected);
	});

	it('accepts Data Table nodes v1.1 whose table operation continues on error (n8n 1.x has only v1: the template falls back)', () => {
		const wf = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, 'lever-postings-to-the-org.json'), 'utf8'));
		wf.nodes.push({ id: 'd1', name: 'Data table v1.1', type: 'n8n-nodes-base.dataTable', typeVersion: 1.1, position: [0, 0], parameters: { resource: 'table', operation: 'create' }, onError: 'continueRegularOutput' });
		wf.nodes.push({ id: 'd2', name: 'Save state', type: 'n8n-nodes-base.dataTable', typeVersion: 1.1, position: [0, 0], parameters: { resource: 'row', operation: 'upsert' } });
		expect(templates.coreNodes().nodes['n8n-nodes-base.dataTable']).not.toContain(1.1);
		expect(templates.checkTemplate('t.json', wf)).toEqual([]);
	});

	it('SeekOut: the matching-key block is the same in every Code node that carries it (Code nodes cannot share code)', () => {
		const wf = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, 'seekout-connect-enrichment.json'), 'utf8'));
		const BLOCK = /\/\/ ---- Matching keys:[^\n]*\n[\s\S]*?\/\/ ---- end of the matching keys ----/;
		const blocks = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.code' && BLOCK.test(n.parameters.jsCode)).map((n) => [n.name, BLOCK.exec(n.parameters.jsCode)[0]]);
		expect(blocks.map(([name]) => name).sort()).toEqual(['Build lookup index', 'Match profiles', 'Profile lookup keys']);
		for (const [, block] of blocks) expect(block).toBe(blocks[0][1]);
	});

	it('lists the templates task', () => {
		const res = spawnSync(process.execPath, [GULP, '--tasks', '--cwd', ROOT], { cwd: ROOT, encoding: 'utf8' });
		expect(res.stdout).toMatch(/templates\s+check workflows\/\*\.json and bundle them into dist\/workflows\//);
	});
});
