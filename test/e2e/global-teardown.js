'use strict';
/* Removes the tarball's temp dir that global-setup created (not one the caller passed in). */
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function globalTeardown() {
	const tgz = process.env.E2E_TARBALL_CREATED;
	if (tgz && path.dirname(tgz).startsWith(path.join(os.tmpdir(), 'n8n-nodes-lever-pack-'))) {
		fs.rmSync(path.dirname(tgz), { recursive: true, force: true });
	}
};
