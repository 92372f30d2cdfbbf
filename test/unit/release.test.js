'use strict';
/*
 * What n8n's verification of community packages looks at, kept true: one repository URL everywhere (package
 * metadata, node and credential documentation links, README), links that land on a heading that exists,
 * no "main" entry for a file that does not exist, the publish workflow with npm provenance, CI on both
 * supported n8n versions, a CHANGELOG entry for the current version. (actionlint checks the workflow files'
 * syntax: `npm run lint:workflows`.)
 */
const fs = require('fs');
const path = require('path');
const installer = require('../../scripts/install-n8n');

const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const pkg = JSON.parse(read('package.json'));
const [, OWNER_REPO] = /github\.com\/([^/]+\/[^/.#]+)/.exec(pkg.repository.url);

/** GitHub's anchor for a markdown heading. */
const slug = (heading) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
const anchorsOf = (rel) => new Set([...read(rel).matchAll(/^#+\s+(.+)$/gm)].map((m) => slug(m[1])));

function filesUnder(rel, re) {
	const out = [];
	for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
		const child = path.join(rel, e.name);
		if (e.isDirectory()) out.push(...filesUnder(child, re));
		else if (re.test(e.name)) out.push(child);
	}
	return out;
}

describe('release metadata', () => {
	it('package.json: no main entry, MIT, repository, homepage and bugs on the same GitHub repository', () => {
		expect(pkg.main).toBeUndefined();
		expect(pkg.license).toBe('MIT');
		expect(pkg.repository.url).toBe(`git+https://github.com/${OWNER_REPO}.git`);
		expect(pkg.homepage).toBe(`https://github.com/${OWNER_REPO}#readme`);
		expect(pkg.bugs.url).toBe(`https://github.com/${OWNER_REPO}/issues`);
		expect(pkg.files).toContain('dist');
	});

	it('every GitHub link of the package points at its repository and at a heading that exists', () => {
		const sources = [
			'README.md',
			'CHANGELOG.md',
			...filesUnder('docs', /\.md$/),
			'workflows/README.md',
			...filesUnder('nodes', /\.(ts|json)$/),
			...filesUnder('credentials', /\.ts$/),
		];
		const links = [];
		for (const rel of sources) {
			for (const m of read(rel).matchAll(/https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?((?:\/blob\/main\/[^\s#'")]+)?)(#[\w-]+)?(?=[\s'")\]]|$)/g)) {
				links.push({ rel, repo: m[1], file: m[2] ? m[2].replace('/blob/main/', '') : 'README.md', anchor: m[3] });
			}
		}
		const ours = links.filter((l) => /n8n-nodes-lever/.test(l.repo));
		expect(ours.length).toBeGreaterThan(5);
		for (const l of ours) {
			expect({ where: l.rel, repo: l.repo }).toEqual({ where: l.rel, repo: OWNER_REPO });
			expect(fs.existsSync(path.join(ROOT, l.file))).toBe(true);
			if (l.anchor && l.anchor !== '#readme') {
				expect({ where: l.rel, link: `${l.file}${l.anchor}`, found: anchorsOf(l.file).has(l.anchor.slice(1)) }).toEqual({
					where: l.rel,
					link: `${l.file}${l.anchor}`,
					found: true,
				});
			}
		}
	});

	it('publish.yml publishes a version tag with npm provenance after build and tests', () => {
		const yml = read('.github/workflows/publish.yml');
		expect(yml).toMatch(/^on:\s*\n\s+push:\s*\n\s+tags:/m);
		expect(yml).toMatch(/id-token:\s*write/);
		expect(yml).toMatch(/run: npm ci/);
		expect(yml).toMatch(/run: npm test/);
		expect(yml).toMatch(/run: npm publish --provenance/);
		expect(yml.indexOf('npm test')).toBeLessThan(yml.indexOf('npm publish'));
	});

	it('ci.yml runs lint and unit tests, the scan, and the e2e suite on every supported n8n version', () => {
		const yml = read('.github/workflows/ci.yml');
		expect(yml).toMatch(/^on:\s*\n\s+push:[\s\S]*\n\s+pull_request:/m);
		for (const step of ['npm test', 'npm run scan', 'npm run test:e2e']) expect(yml).toContain(`run: ${step}`);
		const matrix = [...yml.matchAll(/- n8n: '([^']+)'/g)].map((m) => m[1]);
		expect(matrix.sort()).toEqual(Object.keys(installer.VERSIONS).sort());
	});

	it('CHANGELOG.md has an entry for the current version and the versioning rule', () => {
		const log = read('CHANGELOG.md');
		expect(log).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'));
		expect(log).toMatch(/^## Versioning rule/m);
	});

	it('README states the n8n versions the package is tested with', () => {
		for (const v of Object.keys(installer.VERSIONS)) expect(read('README.md')).toContain(v);
	});
});
