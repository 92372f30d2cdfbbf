'use strict';
/* The layering rules of docs/architecture.md, checked on the source so a change that breaks one fails here. */
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '../..');
const LEVER = path.join(ROOT, 'nodes/Lever');

function tsFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function importsOf(file) {
	const source = fs.readFileSync(file, 'utf8');
	return [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
}

/** Where an import of `file` lands, relative to nodes/Lever (or null for a package). */
function target(file, specifier) {
	if (!specifier.startsWith('.')) return null;
	return path.relative(LEVER, path.resolve(path.dirname(file), specifier));
}

const rel = (file) => path.relative(ROOT, file);

it('helpers/, transport/, shared/ and the two triggers import nothing from actions/', () => {
	const files = [
		...['helpers', 'transport', 'shared', 'triggers'].flatMap((dir) => tsFiles(path.join(LEVER, dir))),
		path.join(LEVER, 'LeverTrigger.node.ts'),
		path.join(LEVER, 'LeverPollTrigger.node.ts'),
	];
	const upward = files.flatMap((file) =>
		importsOf(file)
			.filter((specifier) => target(file, specifier)?.startsWith('actions'))
			.map((specifier) => `${rel(file)} → ${specifier}`),
	);
	expect(upward).toEqual([]);
});

it('code outside nodes/Lever/shared/ imports it through its index, never a module inside it', () => {
	const files = [...tsFiles(path.join(ROOT, 'nodes')), ...tsFiles(path.join(ROOT, 'credentials'))].filter(
		(file) => !file.startsWith(path.join(LEVER, 'shared') + path.sep),
	);
	const inside = files.flatMap((file) =>
		importsOf(file)
			.filter((specifier) => target(file, specifier)?.startsWith(`shared${path.sep}`))
			.map((specifier) => `${rel(file)} → ${specifier}`),
	);
	expect(inside).toEqual([]);
});

it('helpers take the context as their first argument (ctx), never bound as this', () => {
	const bound = tsFiles(path.join(LEVER, 'helpers')).filter((file) => /\(\s*this\s*:/.test(fs.readFileSync(file, 'utf8')));
	expect(bound.map(rel)).toEqual([]);
});

it('the built rate limiter exports no live state (its bucket registry stays inside the module; npm test builds dist first)', () => {
	const built = require(path.join(ROOT, 'dist/nodes/Lever/transport/rateLimiter.js'));
	const state = Object.entries(built).filter(([, value]) => value instanceof Map || value instanceof built.BucketRegistry || value instanceof built.TokenBucket);
	expect(state.map(([name]) => name)).toEqual([]);
});
