'use strict';
/*
 * The README's "What to click first", literally, in headless Chromium against the instance `npm run demo`
 * starts (scripts/demo.js startDemo: emulator, partner stand-in, credentials, every template as shipped):
 * sign in, open each template that has a Manual Trigger from the workflow list, click the main *Execute
 * workflow* button, and see the run start from the Manual Trigger (not a webhook waiting for a call, not the
 * schedule) and the Lever nodes finish with items. One screenshot per template after its run goes to
 * test/e2e/tmp/screenshots/, or to docs/ with E2E_UPDATE_DOCS=1 (workflows/README.md shows them).
 */
const fs = require('fs');
const path = require('path');
const { executionById, harness, listExecutions, restSession, tarball } = require('./helpers');
const editor = require('./editor');
const { startDemo } = require('../../scripts/demo');

const LEVER_TYPE = `${harness.PACKAGE_NAME}.lever`;
const outDir =
	process.env.E2E_UPDATE_DOCS === '1' ? path.join(harness.ROOT, 'docs') : path.join(harness.ROOT, 'test', 'e2e', 'tmp', 'screenshots');

/** The templates as shipped in workflows/. */
function allTemplates() {
	const dir = path.join(harness.ROOT, 'workflows');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, wf: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}
const hasManualTrigger = ({ wf }) => wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
const manualTemplates = () => allTemplates().filter(hasManualTrigger);
const shotFor = (file) => path.join(outDir, `template-${file.replace(/\.json$/, '')}.png`);

/**
 * The newest manual execution of a workflow through n8n's REST API, its run data unflattened (n8n stores it
 * flatted); `count`: how many manual ones there are, `subExecutions`: the executions it started by calling the
 * workflow (mode `integrated`, SureCloud's and SeekOut's windows).
 */
async function lastExecution(session, workflowId) {
	// the list's filter ignores `mode` (n8n 2.40.7): sort them here
	const all = await listExecutions(session, workflowId);
	const runs = all.filter((e) => e.mode === 'manual');
	const detail = await executionById(session, runs[0].id);
	const subExecutions = all.filter((e) => e.mode === 'integrated');
	return { ...detail, count: runs.length, subExecutions, data: detail.run };
}

describe("the README's first click: Execute workflow runs each template's manual path", () => {
	const list = manualTemplates();
	let demo;
	let session;
	let browser;
	let page;

	beforeAll(async () => {
		editor.ensureChromium();
		demo = await startDemo(
			{ tarball: tarball(), port: 0, emulatorPort: 0, partnerPort: 0, opportunities: 60, keep: process.env.E2E_KEEP === '1' },
			{ log: (m) => process.stderr.write(`[e2e first-click] ${m}\n`) },
		);
		session = await restSession(demo.url);
		browser = await editor.launch();
		page = await browser.context.newPage();
		page.setDefaultTimeout(60000);
		await editor.signIn(page, demo.url, harness.OWNER);
	});

	afterAll(async () => {
		if (browser) await browser.close();
		if (demo) await demo.stop();
	});

	test('there are templates with a Manual Trigger', () => {
		expect(list.map((t) => t.file)).toEqual(
			expect.arrayContaining(['lever-postings-to-the-org.json', 'surecloud-compliance-evidence.json']),
		);
	});

	test.each(manualTemplates().map((t) => [t.file, t]))('%s', async (file, { wf }) => {
		const manual = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
		const otherTriggers = wf.nodes.filter((n) => n !== manual && /(Trigger|\.webhook)$/.test(n.type));
		const shotFile = shotFor(file);
		const seen = await editor.executeFromList(page, demo.url, { name: wf.name, shotFile });

		// The run started from the Manual Trigger; no webhook waited for a call and the schedule did not fire.
		expect(seen.buttonText).not.toMatch(/waiting/i);
		expect(seen.nodes[manual.name]).toMatchObject({ ran: true });
		for (const t of otherTriggers) expect(seen.nodes[t.name].ran).toBe(false);

		// n8n stored one successful manual execution of this workflow, started from the Manual Trigger; the Lever
		// nodes the canvas shows as done each returned items.
		const execution = await lastExecution(session, demo.templates.find((t) => t.file === file).wf.id);
		expect([execution.mode, execution.status, execution.count]).toEqual(['manual', 'success', 1]);
		const runData = execution.data.resultData.runData;
		// A template that reads a full run in windows (SureCloud, SeekOut on n8n 2.x: their Data Tables) calls
		// itself once per window: each such execution succeeded; the manual run started no other.
		const windows = runData['Read each window'] ? runData['Read each window'][0].data.main[0].length : 0;
		expect(execution.subExecutions.map((e) => e.status)).toEqual(Array(windows).fill('success'));
		process.stderr.write(`[e2e first-click] ${file}: ${windows} window execution(s)\n`);
		expect(Object.keys(runData)).toContain(manual.name);
		for (const t of otherTriggers) expect(Object.keys(runData)).not.toContain(t.name);
		const ran = Object.values(seen.nodes).filter((n) => n.type === LEVER_TYPE && n.ran);
		const items = Object.fromEntries(ran.map((n) => [n.name, runData[n.name][0].data.main[0].length]));
		process.stderr.write(`[e2e first-click] ${file}: ${JSON.stringify(items)}\n`);
		expect(ran.length).toBeGreaterThan(0);
		for (const [node, count] of Object.entries(items)) expect({ node, hasItems: count > 0 }).toEqual({ node, hasItems: true });
		expect(fs.statSync(shotFile).size).toBeGreaterThan(10000);
	});

	// Templates without a Manual Trigger (OfferZen: webhook only) start from a partner's call; their screenshot
	// shows the workflow as imported.
	test.each(allTemplates().filter((t) => !hasManualTrigger(t)).map((t) => [t.file, t]))('%s (opened only)', async (file, { wf }) => {
		const seen = await editor.executeFromList(page, demo.url, { name: wf.name, shotFile: shotFor(file), execute: false });
		expect(Object.keys(seen.nodes)).toEqual(expect.arrayContaining(wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name)));
		expect(fs.statSync(shotFor(file)).size).toBeGreaterThan(10000);
	});
});
