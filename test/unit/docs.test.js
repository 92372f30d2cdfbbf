'use strict';
/* docs/operations.md is derived from the node's operation table (dist, built by npm test first). */
const fs = require('fs');
const { render, TARGET } = require('../../scripts/operations-doc');

it('docs/operations.md lists exactly the operations the node has', () => {
	expect(fs.readFileSync(TARGET, 'utf8')).toBe(render());
});
