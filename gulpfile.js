'use strict';
/*
 * gulp's one job here: the template pipeline (the icons are copied by `n8n-node build`).
 *
 *   gulp templates   checks every workflows/*.json (scripts/templates.js) and bundles the checked templates
 *                    into dist/workflows/, which ships in the npm package. Any problem fails the task with
 *                    the template's file and the node's name.
 *
 * `npm run build` runs `n8n-node build` and then this task. TEMPLATES_DIR / TEMPLATES_OUT_DIR point it at
 * other folders (the build test breaks a copy of a template on purpose).
 */
const path = require('path');
const templates = require('./scripts/templates');

function templatesTask(done) {
	const src = path.resolve(process.env.TEMPLATES_DIR || path.join(__dirname, 'workflows'));
	const out = path.resolve(process.env.TEMPLATES_OUT_DIR || path.join(__dirname, 'dist', 'workflows'));
	const { files, problems } = templates.checkAll(src);
	if (problems.length) {
		const err = new Error(`${problems.length} template problem(s):\n  ${problems.join('\n  ')}`);
		err.showStack = false;
		return done(err);
	}
	const written = templates.bundle(files, src, out);
	process.stdout.write(`checked and bundled ${written.length} template(s) into ${path.relative(__dirname, out)}/\n`);
	return done();
}
templatesTask.description = 'check workflows/*.json and bundle them into dist/workflows/';

exports.templates = templatesTask;
