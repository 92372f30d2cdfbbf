'use strict';
/*
 * Runs once before the e2e suite: installs n8n into the cache when missing (progress on stderr), builds
 * and packs the package. Tests read the tarball path from E2E_TARBALL (set here, or by the caller to reuse
 * an existing tarball).
 */
const fs = require('fs');
const harness = require('./n8n');

module.exports = async function globalSetup() {
	const log = (m) => process.stderr.write(`[e2e] ${m}\n`);
	const t0 = Date.now();
	await harness.ensureN8n();
	log(`n8n ready (${Math.round((Date.now() - t0) / 1000)}s)`);
	if (process.env.E2E_TARBALL && fs.existsSync(process.env.E2E_TARBALL)) {
		log(`using existing tarball ${process.env.E2E_TARBALL}`);
		return;
	}
	const t1 = Date.now();
	process.env.E2E_TARBALL = await harness.packPackage({ build: process.env.E2E_SKIP_BUILD !== '1', log });
	process.env.E2E_TARBALL_CREATED = process.env.E2E_TARBALL;
	log(`packed ${process.env.E2E_TARBALL} (${Math.round((Date.now() - t1) / 1000)}s)`);
};
