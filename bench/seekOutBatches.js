'use strict';
/*
 * A PROTOTYPE, not a template: SeekOut's first run (the full index build) in batches, so that one execution's
 * memory is bounded by a batch, not by the account (issue 17, "Bounded memory"). The shipped template
 * (workflows/seekout-connect-enrichment.json) is not touched; the bench runs this workflow as the template
 * key `seekOutBatched` (`npm run bench -- --only=templates --templates=seekOut,seekOutBatched`), first run only.
 *
 * One workflow that calls itself, so that it stays one file with one credential to set (n8n 2.x runs a
 * sub-workflow called from a production execution in its published version; the workflow is published
 * because its schedule runs):
 *   Schedule → Config → Open index table (Data Table create, reuse) → Get archive reasons → Plan batches
 *     (one item per window of `batchDays` of the opportunities' creation date, from Config `indexFrom` to
 *     now) → Index each batch (Execute Workflow, this workflow, once per item, waiting) → Run summary
 *   Batch (Execute Workflow Trigger) → Get opportunities (Created After/Before the window) → Get resumes →
 *     Link resume to opportunity → Build rows (one row per opportunity: key, data as JSON, seenAt) → Save rows
 *     (Data Table insert) → Batch summary (one item, all the parent keeps)
 * Each batch is its own execution: its items are freed, and its run data saved, when it ends. The parent
 * holds one small item per batch. Lever cost: the template's first run plus one listing request per window
 * (an empty window still costs a request, a window's last page is partial).
 */

const INDEX_TABLE = 'bench SeekOut index (batched)';

let n = 0;
const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: `5e0b0000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
	name,
	type,
	typeVersion,
	position: [n * 220, extra.row ? 300 : 0],
	parameters,
	...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'row')),
});

// the index record of one opportunity, as the template's "Build lookup index" keeps it (compact)
const BUILD_ROWS = `const batch = $('Batch').first().json;
const reasons = new Map(batch.archiveReasons.map((r) => [r.id, r.text]));
const resumesOf = new Map();
for (const { json: r } of $('Link resume to opportunity').all()) {
	if (!r.opportunityId || !r.file) continue;
	if (!resumesOf.has(r.opportunityId)) resumesOf.set(r.opportunityId, []);
	resumesOf.get(r.opportunityId).push(r);
}
const rows = [];
for (const { json: o } of $('Get opportunities').all()) {
	if (!o.id) continue;
	const companies = [];
	const resumes = [];
	for (const r of resumesOf.get(o.id) || []) {
		for (const p of (r.parsedData && r.parsedData.positions) || []) if (p.org && !p.end && !companies.includes(p.org)) companies.push(p.org);
		resumes.push({ name: r.file.name, downloadUrl: r.file.downloadUrl, uploadedAt: r.file.uploadedAt });
	}
	const stage = o.stage && typeof o.stage === 'object' ? o.stage : { id: o.stage, text: null };
	const record = {
		contactId: (o.contact && o.contact.id) || o.contact || o.id,
		name: o.name,
		emails: (o.emails || []).map((e) => String(e).trim().toLowerCase()),
		phones: (o.phones || []).map((p) => (p && typeof p === 'object' ? p.value : p)),
		links: o.links || [],
		companies,
		resumes,
		opportunity: {
			opportunityId: o.id,
			stage: stage.text,
			status: o.archived ? 'archived' : 'active',
			archiveReason: o.archived ? reasons.get(o.archived.reason) || o.archived.reason : null,
			owner: o.owner && typeof o.owner === 'object' ? o.owner.name : null,
		},
	};
	rows.push({ json: { key: o.id, data: JSON.stringify(record), seenAt: batch.startedAt } });
}
return rows;`;

const PLAN_BATCHES = `const config = $('Config').first().json;
const DAY = 24 * 60 * 60 * 1000;
const startedAt = Date.now();
const archiveReasons = $('Get archive reasons').all().filter((i) => i.json.id).map((i) => ({ id: i.json.id, text: i.json.text }));
const windows = [];
for (let from = Date.parse(config.indexFrom); from <= startedAt; from += config.batchDays * DAY) {
	// both ends of Lever's created_at range are inclusive
	windows.push({ json: { createdAfter: new Date(from).toISOString(), createdBefore: new Date(Math.min(from + config.batchDays * DAY - 1, startedAt)).toISOString(), startedAt, archiveReasons } });
}
return windows;`;

/** The prototype workflow, its Lever nodes on `credential` ({ leverAtsApi: { id, name } }). */
function seekOutBatchedWorkflow({ id = 'benchSeekOutBatch', credential, indexFrom = '2020-01-01T00:00:00.000Z', batchDays = 15 }) {
	n = 0;
	const lever = (name, parameters, extra = {}) => node(name, 'n8n-nodes-lever.lever', 1, { authentication: 'apiKey', ...parameters }, { credentials: credential, ...extra });
	const table = { __rl: true, mode: 'name', value: INDEX_TABLE };
	const parent = [
		node('Schedule', 'n8n-nodes-base.scheduleTrigger', 1.2, { rule: { interval: [{ field: 'days', triggerAtHour: 3 }] } }),
		node('Config', 'n8n-nodes-base.set', 3.4, {
			assignments: {
				assignments: [
					{ id: 'c1', name: 'indexFrom', value: indexFrom, type: 'string' },
					{ id: 'c2', name: 'batchDays', value: batchDays, type: 'number' },
				],
			},
			options: {},
		}),
		node('Open index table', 'n8n-nodes-base.dataTable', 1.1, {
			resource: 'table',
			operation: 'create',
			tableName: INDEX_TABLE,
			columns: { column: [{ name: 'key', type: 'string' }, { name: 'data', type: 'string' }, { name: 'seenAt', type: 'number' }] },
			options: { createIfNotExists: true },
		}),
		lever('Get archive reasons', { resource: 'archiveReason', operation: 'getMany', returnAll: true }, { executeOnce: true, alwaysOutputData: true }),
		node('Plan batches', 'n8n-nodes-base.code', 2, { jsCode: PLAN_BATCHES }),
		node('Index each batch', 'n8n-nodes-base.executeWorkflow', 1.2, {
			source: 'database',
			workflowId: { __rl: true, mode: 'id', value: '={{ $workflow.id }}' },
			mode: 'each',
			options: { waitForSubWorkflow: true },
		}),
		node('Run summary', 'n8n-nodes-base.code', 2, { jsCode: 'return [{ json: { batches: $input.all().length, opportunities: $input.all().reduce((n, i) => n + (i.json.opportunities || 0), 0) } }];' }),
	];
	const child = [
		node('Batch', 'n8n-nodes-base.executeWorkflowTrigger', 1, {}, { row: true }),
		lever('Get opportunities', {
			resource: 'opportunity',
			operation: 'getMany',
			returnAll: true,
			expand: ['owner', 'stage'],
			filters: { createdAfter: "={{ $node['Batch'].json.createdAfter }}", createdBefore: "={{ $node['Batch'].json.createdBefore }}" },
			simplify: false,
		}, { executeOnce: true, alwaysOutputData: true, row: true }),
		lever('Get resumes', { resource: 'resume', operation: 'getMany', opportunityId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, returnAll: true }, { alwaysOutputData: true, onError: 'continueRegularOutput', row: true }),
		node('Link resume to opportunity', 'n8n-nodes-base.set', 3.4, {
			assignments: { assignments: [{ id: 'l1', name: 'opportunityId', value: "={{ $json.file ? $('Get opportunities').item.json.id : '' }}", type: 'string' }] },
			includeOtherFields: true,
			options: {},
		}, { row: true }),
		node('Build rows', 'n8n-nodes-base.code', 2, { jsCode: BUILD_ROWS }, { row: true }),
		node('Save rows', 'n8n-nodes-base.dataTable', 1.1, {
			resource: 'row',
			operation: 'insert',
			dataTableId: table,
			columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
			options: {},
		}, { row: true }),
		node('Batch summary', 'n8n-nodes-base.code', 2, { jsCode: "return [{ json: { createdAfter: $('Batch').first().json.createdAfter, opportunities: $('Build rows').all().length } }];" }, { executeOnce: true, row: true }),
	];
	const connections = {};
	for (const chain of [parent, child]) {
		for (let i = 0; i < chain.length - 1; i++) connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: 'bench: SeekOut index in batches (prototype)', active: false, nodes: [...parent, ...child], connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

module.exports = { seekOutBatchedWorkflow, INDEX_TABLE };
