'use strict';
/*
 * Every resource of the Lever node runs inside a real n8n: for each resource, one Lever node doing a read
 * (Get Many where the resource has it, else Get), with its required ids taken from the emulator's seeded
 * account. All nodes hang off one Manual Trigger so that n8n boots once; each node continues on error so a
 * failure in one resource is reported without hiding the others.
 */
const path = require('path');
const { harness, setupInstance } = require('./helpers');

/** resource → emulator collection (records the items must come from) and how to find a parent record. */
const COLLECTIONS = {
	application: { collection: 'applications', parent: (r) => r.opportunityId },
	archiveReason: { collection: 'archiveReasons' },
	auditEvent: { collection: 'auditEvents' },
	contact: { collection: 'contacts' },
	diversitySurvey: { collection: 'diversitySurveys', mayBeEmpty: true },
	eeoResponse: { collection: 'eeoResponses' },
	feedback: { collection: 'feedback', parent: (r) => r._opp },
	feedbackTemplate: { collection: 'feedbackTemplates' },
	file: { collection: 'files', parent: (r) => r._opp },
	formTemplate: { collection: 'formTemplates' },
	interview: { collection: 'interviews', parent: (r) => r._opp },
	note: { collection: 'notes', parent: (r) => r._opp },
	offer: { collection: 'offers', parent: (r) => r._opp },
	opportunity: { collection: 'opportunities' },
	panel: { collection: 'panels', parent: (r) => r._opp },
	posting: { collection: 'postings' },
	profileForm: { collection: 'forms', parent: (r) => r._opp },
	referral: { collection: 'referrals', parent: (r) => r._opp },
	requisition: { collection: 'requisitions' },
	requisitionField: { collection: 'requisitionFields' },
	resume: { collection: 'resumes', parent: (r) => r._opp },
	stage: { collection: 'stages' },
	user: { collection: 'users' },
	webhook: { collection: 'webhooks', mayBeEmpty: true },
};

/** The built node's description (the same code n8n loads from the tarball). */
function nodeDescription() {
	const { Lever } = require(path.join(harness.ROOT, 'dist', 'nodes', 'Lever', 'Lever.node.js'));
	return new Lever().description;
}

function shownFor(p, resource, operation) {
	const show = p.displayOptions && p.displayOptions.show;
	if (!show) return false;
	return (show.resource || []).includes(resource) && (!show.operation || show.operation.includes(operation));
}

/** One read per resource: [{ resource, operation, parameters, expect }]. */
function plan(state) {
	const d = nodeDescription();
	const resources = d.properties.find((p) => p.name === 'resource').options.map((o) => o.value);
	const out = [];
	for (const resource of resources) {
		const opProp = d.properties.find((p) => p.name === 'operation' && shownFor(p, resource));
		if (!opProp) continue; // e.g. Custom API Call
		const ops = opProp.options.map((o) => o.value);
		const operation = ops.includes('getMany') ? 'getMany' : ops.find((o) => o === 'get');
		if (!operation) continue; // write-only resources (upload)
		const meta = COLLECTIONS[resource] || {};
		const records = meta.collection && state[meta.collection] ? state[meta.collection].values() : [];
		const parameters = { resource, operation };
		if (operation === 'getMany') Object.assign(parameters, { returnAll: false, limit: 3 });
		let parentId;
		for (const p of d.properties.filter((x) => x.required && shownFor(x, resource, operation))) {
			let value;
			if (p.name === 'opportunityId') {
				const rec = records.find((r) => meta.parent && meta.parent(r));
				parentId = rec ? meta.parent(rec) : state.opportunities.values()[0].id;
				value = parentId;
			} else if (p.name === 'postingId') value = state.postings.values()[0].id;
			else if (p.name === 'contactId') value = state.contacts.values()[0].id;
			else if (/Id$/.test(p.name) && records.length) value = records[0].id;
			else throw new Error(`no value for required parameter ${resource}.${operation}.${p.name}: extend the e2e plan`);
			parameters[p.name] = p.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
		}
		out.push({ resource, operation, parameters, meta, parentId });
	}
	return out;
}

describe('every Lever resource runs in n8n', () => {
	let inst;

	beforeAll(async () => {
		inst = await setupInstance({ emulator: { opportunities: 50 } });
	});

	afterAll(async () => {
		if (inst) await inst.close();
	});

	test('one read per resource, in one n8n execution', async () => {
		const steps = plan(inst.emu.state);
		expect(steps.length).toBeGreaterThanOrEqual(20);
		const trigger = {
			id: 'c0000000-0000-4000-8000-000000000000',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const nodes = steps.map((s, i) => ({
			id: `c0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
			name: `Lever ${s.resource}`,
			type: `${harness.PACKAGE_NAME}.lever`,
			typeVersion: 1,
			position: [300, i * 120],
			parameters: s.parameters,
			credentials: inst.credential,
			onError: 'continueRegularOutput',
		}));
		const wf = {
			id: 'e2eAllResources1',
			name: 'e2e: one read per resource',
			nodes: [trigger, ...nodes],
			connections: {
				[trigger.name]: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
			},
			settings: { executionOrder: 'v1' },
		};
		await harness.importWorkflow(inst.folder, wf);
		const run = await harness.execute(inst.folder, wf.id);
		if (!run.ok) throw new Error(`n8n execute failed (exit ${run.code}):\n${(run.stdout + run.stderr).slice(-6000)}`);

		const problems = [];
		const summary = [];
		for (const s of steps) {
			const name = `Lever ${s.resource}`;
			const items = harness.nodeOutput(run.result, name);
			if (!items) {
				problems.push(`${name}: did not run`);
				continue;
			}
			summary.push(`${s.resource}.${s.operation}: ${items.length}`);
			const errors = items.filter((i) => i.error);
			if (errors.length) {
				problems.push(`${name} (${s.operation}): ${JSON.stringify(errors[0].error).slice(0, 300)}`);
				continue;
			}
			const { collection, mayBeEmpty } = s.meta;
			const records = collection ? inst.emu.state[collection].values() : [];
			const expected = s.parentId && s.meta.parent ? records.filter((r) => s.meta.parent(r) === s.parentId) : records;
			if (!items.length && expected.length && !mayBeEmpty) problems.push(`${name}: no items, emulator has ${expected.length}`);
			if (collection) {
				const ids = new Set(records.map((r) => r.id));
				const foreign = items.filter((i) => i.id !== undefined && !ids.has(i.id));
				if (foreign.length) problems.push(`${name}: ${foreign.length} item(s) not in the emulator's ${collection}`);
			}
		}
		process.stderr.write(`[e2e] items per resource: ${summary.join(', ')}\n`);
		expect(problems).toEqual([]);
	});
});
