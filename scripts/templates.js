'use strict';
/*
 * The template pipeline behind `gulp templates` (gulpfile.js): checks every workflows/*.json and copies the
 * checked templates into dist/workflows/, which ships in the npm package.
 *
 * Checks, per template (a problem names the file and the node):
 *   - core node types and type versions exist in every supported n8n version (scripts/n8n-core-nodes.json,
 *     written from the real installs by `node scripts/n8n-core-nodes.js`), except the few in
 *     VERSIONS_WITH_FALLBACK (a Data Table table operation there must continue on error); our own node types exist in the built package
 *     (dist/) with that type version
 *   - no credential ids or secrets: Lever nodes reference only the placeholder credential, no other node
 *     carries credentials, and no string looks like a key, token or private key
 *   - every Lever node's resource, operation and parameter names exist in the built node description, and
 *     each parameter is one the editor shows for that resource and operation
 *   - at least one sticky note; no pinned data
 *   - no expression outside a Code node reads a Code node's items through `$('Name')` (.first(), .item, .all()
 *     ...) or `$items('Name')`: n8n 1.x runs Code nodes without task runners by default and its expression
 *     engine (isolated-vm, the default from 1.123) cannot take those items over, so such an expression comes
 *     out empty without an error. `$json` and `$node['Name'].json` (the item at the same index) work on both.
 *
 * Runs on the machine's Node (no n8n needed): `npm run build` = `n8n-node build && gulp templates`.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const CORE_NODES_FILE = path.join(__dirname, 'n8n-core-nodes.json');

/** The only credential reference a shipped template may carry (README: "pick your own credential"). */
const CREDENTIAL_PLACEHOLDER = Object.freeze({ id: 'LEVER_CREDENTIAL_ID', name: 'Lever account' });

/** Strings that look like a secret wherever they appear in a template. */
const SECRET_PATTERNS = [
	[/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
	[/\bBearer\s+(?!\{\{)[A-Za-z0-9._~+/-]{16,}/, 'a bearer token'],
	[/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
	[/\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}/, 'an API key'],
	[/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
	[/\bxox[abpr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
];
/**
 * Core node versions a template may use although an older supported n8n lacks them, because the template
 * survives that n8n: the Data Table node v1.1 (its table operations find or create a table by name) loads as
 * v1 on n8n 1.x, where a table operation fails; with On Error set to continue, the template sees no table id
 * and keeps its state in static data instead (docs/templates-at-scale.md). So a table operation must continue
 * on error; row operations run only once a table was opened (and a failed write should fail the run).
 */
const VERSIONS_WITH_FALLBACK = Object.freeze({
	'n8n-nodes-base.dataTable': Object.freeze({ versions: [1.1], mustContinue: (node) => (node.parameters || {}).resource === 'table' }),
});

/** Parameter names whose literal (non-expression) value would be a secret. */
const SECRET_PARAMETER = /^(api[-_]?key|password|secret|token|access[-_]?token|client[-_]?secret|authorization|x-api-key)$/i;

/** Built node descriptions of this package, keyed by node type (`n8n-nodes-lever.lever`). */
function packageNodes() {
	const out = new Map();
	for (const rel of PKG.n8n.nodes) {
		const file = path.join(ROOT, rel);
		if (!fs.existsSync(file)) throw new Error(`${rel} is missing: run \`n8n-node build\` before \`gulp templates\``);
		const mod = require(file);
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		const description = new Cls().description;
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		out.set(`${PKG.name}.${description.name}`, { description, versions });
	}
	return out;
}

/** { supported: [n8n versions], nodes: { type: [type versions present in every supported n8n] } } */
function coreNodes() {
	return JSON.parse(fs.readFileSync(CORE_NODES_FILE, 'utf8'));
}

// ------------------------------------------------------------------------------------------ Lever parameters

/** Does a property's displayOptions let the editor show it for this node's parameter values? */
function isShown(prop, values, typeVersion) {
	const { show = {}, hide = {} } = prop.displayOptions || {};
	const valueOf = (key) => (key === '@version' ? typeVersion : values[key]);
	const matches = (expected, actual) =>
		expected.some((e) => (e && typeof e === 'object' && '_cnd' in e ? true : e === actual));
	for (const [key, expected] of Object.entries(show)) if (!matches(expected, valueOf(key))) return false;
	for (const [key, expected] of Object.entries(hide)) if (matches(expected, valueOf(key))) return false;
	return true;
}

/** Option names a collection / fixedCollection parameter accepts. */
function childNames(prop) {
	if (prop.type === 'collection') return new Set((prop.options || []).map((o) => o.name));
	if (prop.type === 'fixedCollection') return new Set((prop.options || []).map((o) => o.name));
	return null;
}

/** Problems with one of our nodes' parameters against the built description ([] = fine). */
function checkPackageNode(node, { description }) {
	const problems = [];
	const params = node.parameters || {};
	// Values the editor would use for the keys displayOptions look at (defaults when not set).
	const values = {};
	for (const prop of description.properties) if (!(prop.name in values) && prop.default !== undefined) values[prop.name] = prop.default;
	Object.assign(values, params);
	// resource and operation first: they decide which other parameters exist
	for (const key of ['resource', 'operation']) {
		const candidates = description.properties.filter((p) => p.name === key && isShown(p, values, node.typeVersion));
		if (!candidates.length) continue;
		const allowed = candidates.flatMap((p) => (p.options || []).map((o) => o.value));
		if (!allowed.includes(values[key])) {
			problems.push(`${key} "${values[key]}" does not exist${key === 'operation' ? ` for resource "${values.resource}"` : ''}`);
			return problems;
		}
	}
	for (const [name, value] of Object.entries(params)) {
		const shown = description.properties.filter((p) => p.name === name && isShown(p, values, node.typeVersion));
		if (!shown.length) {
			const exists = description.properties.some((p) => p.name === name);
			problems.push(
				exists
					? `parameter "${name}" is not shown for ${values.resource ? `${values.resource} / ${values.operation}` : 'these settings'}`
					: `parameter "${name}" does not exist`,
			);
			continue;
		}
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const allowed = new Set(shown.flatMap((p) => [...(childNames(p) || [])]));
			if (!allowed.size) continue;
			for (const key of Object.keys(value)) {
				if (key === '__rl' || key === 'mode' || key === 'value' || key === 'cachedResultName' || key === 'cachedResultUrl') continue;
				if (!allowed.has(key)) problems.push(`parameter "${name}" has no option "${key}"`);
			}
		}
	}
	return problems;
}

// ------------------------------------------------------------------------------------------------ expressions

const CODE_NODE_TYPES = new Set(['n8n-nodes-base.code', 'n8n-nodes-base.function', 'n8n-nodes-base.functionItem']);
/** `$('Name').first` / `.item` / ... and `$items('Name')`: the accessors that copy a node's whole items. */
const ITEM_ACCESS = /\$\(\s*(['"])(.+?)\1\s*\)\s*\.\s*(first|last|all|item|itemMatching|pairedItem)\b|\$items\(\s*(['"])(.+?)\4/g;

/** Expressions (strings starting with "=") of a node's parameters that read a Code node's items by name. */
function codeItemReads(node, codeNodes) {
	const found = new Map();
	const walk = (value) => {
		if (typeof value === 'string') {
			if (!value.startsWith('=')) return;
			for (const m of value.matchAll(ITEM_ACCESS)) {
				const name = m[2] ?? m[5];
				if (codeNodes.has(name)) found.set(m[0], { name, access: m[0] });
			}
		} else if (value && typeof value === 'object') {
			for (const v of Object.values(value)) walk(v);
		}
	};
	walk(node.parameters || {});
	return [...found.values()];
}

// ------------------------------------------------------------------------------------------------ secrets

function secretProblems(node) {
	const problems = [];
	const walk = (value, where) => {
		if (typeof value === 'string') {
			for (const [re, what] of SECRET_PATTERNS) if (re.test(value)) problems.push(`${where} contains what looks like ${what}`);
			return;
		}
		if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
		if (value && typeof value === 'object') {
			// {name, value} pairs (HTTP headers, Set assignments) and plain keys
			if (typeof value.name === 'string' && typeof value.value === 'string' && SECRET_PARAMETER.test(value.name)) {
				if (value.value && !value.value.startsWith('=')) problems.push(`${where} sets "${value.name}" to a literal value`);
			}
			for (const [k, v] of Object.entries(value)) {
				if (SECRET_PARAMETER.test(k) && typeof v === 'string' && v && !v.startsWith('=')) {
					problems.push(`${where}.${k} is a literal value`);
				}
				walk(v, `${where}.${k}`);
			}
		}
	};
	walk(node.parameters || {}, 'parameters');
	return problems;
}

// ------------------------------------------------------------------------------------------------ templates

/**
 * Checks one parsed workflow. Returns a list of "<file>: node "<name>": <problem>" strings (empty = fine).
 */
function checkTemplate(file, wf, { core = coreNodes(), ours = packageNodes() } = {}) {
	const problems = [];
	const say = (node, msg) => problems.push(node ? `${file}: node "${node.name}": ${msg}` : `${file}: ${msg}`);
	if (!wf || !Array.isArray(wf.nodes) || typeof wf.connections !== 'object') {
		say(null, 'not an n8n workflow (needs "nodes" and "connections")');
		return problems;
	}
	if (!wf.id || !wf.name) say(null, 'needs a stable "id" and a "name"');
	if (wf.pinData && Object.keys(wf.pinData).length) say(null, `has pinned data (${Object.keys(wf.pinData).join(', ')}): remove it`);
	if (!wf.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')) say(null, 'has no sticky note: add an overview note');
	const names = new Set();
	const codeNodes = new Set(wf.nodes.filter((n) => CODE_NODE_TYPES.has(n.type)).map((n) => n.name));
	for (const node of wf.nodes) {
		if (names.has(node.name)) say(node, 'the name is used twice');
		names.add(node.name);
		if (node.pinData) say(node, 'has pinned data');
		const pkgNode = ours.get(node.type);
		if (pkgNode) {
			if (!pkgNode.versions.includes(node.typeVersion)) {
				say(node, `${node.type} has no type version ${node.typeVersion} (the package has ${pkgNode.versions.join(', ')})`);
			}
			for (const p of checkPackageNode(node, pkgNode)) say(node, p);
		} else if (node.type.startsWith('n8n-nodes-base.')) {
			const versions = core.nodes[node.type];
			const fallback = VERSIONS_WITH_FALLBACK[node.type];
			if (!versions) say(node, `${node.type} is not a node type of n8n ${core.supported.join(' and ')}`);
			else if (fallback && fallback.versions.includes(node.typeVersion)) {
				if (fallback.mustContinue(node) && !/^continue/.test(node.onError || '')) {
					say(node, `${node.type} v${node.typeVersion} fails on the older supported n8n: set On Error to continue (onError: continueRegularOutput) and fall back`);
				}
			} else if (!versions.includes(node.typeVersion)) {
				say(node, `${node.type} v${node.typeVersion} is not in every supported n8n (${core.supported.join(', ')}): use ${versions.join(', ')}`);
			}
		} else {
			say(node, `${node.type} is neither an n8n core node nor a node of ${PKG.name}`);
		}
		const creds = node.credentials || {};
		for (const [type, ref] of Object.entries(creds)) {
			if (!pkgNode) say(node, `carries a credential (${type}); templates may reference only the Lever credential`);
			else if (!ref || ref.id !== CREDENTIAL_PLACEHOLDER.id || ref.name !== CREDENTIAL_PLACEHOLDER.name) {
				say(node, `credential ${type} must be the placeholder ${JSON.stringify(CREDENTIAL_PLACEHOLDER)}, not a real credential id`);
			}
		}
		for (const p of secretProblems(node)) say(node, p);
		if (!CODE_NODE_TYPES.has(node.type)) {
			for (const { name, access } of codeItemReads(node, codeNodes)) {
				say(
					node,
					`reads Code node "${name}" with ${access}: on n8n 1.x (Code nodes without task runners) that expression comes out empty; use $json, or $node['${name}'].json for the item at the same index`,
				);
			}
		}
	}
	return problems;
}

/** Checks every *.json in `dir`. Returns { files: [{ file, wf }], problems: [] }. */
function checkAll(dir = path.join(ROOT, 'workflows')) {
	const core = coreNodes();
	const ours = packageNodes();
	const files = [];
	const problems = [];
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		let wf;
		try {
			wf = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		} catch (err) {
			problems.push(`${file}: not valid JSON (${err.message})`);
			continue;
		}
		problems.push(...checkTemplate(file, wf, { core, ours }));
		files.push({ file, wf });
	}
	if (!files.length && !problems.length) problems.push(`${dir}: no templates (*.json)`);
	return { files, problems };
}

/** Writes the checked templates to `outDir` (byte for byte as in workflows/). */
function bundle(files, srcDir, outDir) {
	fs.rmSync(outDir, { recursive: true, force: true });
	fs.mkdirSync(outDir, { recursive: true });
	for (const { file } of files) fs.copyFileSync(path.join(srcDir, file), path.join(outDir, file));
	return files.map(({ file }) => path.join(outDir, file));
}

module.exports = { checkAll, checkTemplate, checkPackageNode, bundle, packageNodes, coreNodes, CREDENTIAL_PLACEHOLDER, CORE_NODES_FILE, VERSIONS_WITH_FALLBACK };
