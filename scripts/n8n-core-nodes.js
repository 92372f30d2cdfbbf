#!/usr/bin/env node
'use strict';
/*
 * Writes scripts/n8n-core-nodes.json: every n8n core node type (n8n-nodes-base.*) with the type versions that
 * exist in EVERY supported n8n version (scripts/install-n8n.js VERSIONS), read from each install's own
 * n8n-nodes-base/dist/types/nodes.json. `gulp templates` checks the templates' core nodes against it, so the
 * build needs no n8n install. Rerun after changing the supported versions:
 *
 *   node scripts/n8n-core-nodes.js [--cache <n8n version>=<cache dir>]...   (default: N8N_CACHE_DIR / .cache/n8n)
 */
const fs = require('fs');
const path = require('path');
const installer = require('./install-n8n');
const { CORE_NODES_FILE } = require('./templates');

function typeVersions(nodesJson) {
	const out = new Map();
	for (const d of JSON.parse(fs.readFileSync(nodesJson, 'utf8'))) {
		const type = `n8n-nodes-base.${d.name}`;
		const versions = Array.isArray(d.version) ? d.version : [d.version];
		out.set(type, new Set([...(out.get(type) || []), ...versions]));
	}
	return out;
}

function main(argv) {
	const caches = {};
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--cache') {
			const [version, dir] = argv[++i].split('=');
			caches[version] = path.resolve(dir);
		} else throw new Error(`unknown option ${argv[i]}`);
	}
	const supported = Object.keys(installer.VERSIONS);
	const perVersion = supported.map((version) => {
		const p = installer.paths(caches[version] || installer.CACHE_DIR, version);
		const file = path.join(p.n8nModules, 'n8n-nodes-base', 'dist', 'types', 'nodes.json');
		if (!fs.existsSync(file)) throw new Error(`n8n ${version} is not installed (${file} missing): E2E_N8N_VERSION=${version} npm run install:n8n`);
		return typeVersions(file);
	});
	const nodes = {};
	for (const [type, versions] of perVersion[0]) {
		const common = [...versions].filter((v) => perVersion.every((m) => m.has(type) && m.get(type).has(v)));
		if (common.length) nodes[type] = common.sort((a, b) => a - b);
	}
	const sorted = Object.fromEntries(Object.keys(nodes).sort().map((k) => [k, nodes[k]]));
	const body = Object.entries(sorted).map(([k, v]) => `\t\t${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
	fs.writeFileSync(
		CORE_NODES_FILE,
		`{\n\t"supported": ${JSON.stringify(supported)},\n\t"nodes": {\n${body}\n\t}\n}\n`,
	);
	process.stderr.write(`wrote ${path.relative(process.cwd(), CORE_NODES_FILE)}: ${Object.keys(sorted).length} core node types in n8n ${supported.join(' and ')}\n`);
}

main(process.argv.slice(2));
