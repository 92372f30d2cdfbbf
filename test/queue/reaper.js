'use strict';
/*
 * node test/queue/reaper.js <registry file>: started detached by stack.js. Exits when the stack removes its
 * registry (a clean stop); when the owner process is gone first, removes what the registry names
 * (cleanup.js) and exits.
 */
const fs = require('fs');
const { reap, ownerAlive } = require('./cleanup');

const file = process.argv[2];

function check() {
	let data;
	try {
		data = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		if (error.code === 'ENOENT') process.exit(0);
		return; // replaced while read: next round
	}
	if (ownerAlive(data)) return;
	reap(data);
	fs.rmSync(file, { force: true });
	process.exit(0);
}

setInterval(check, 500);
check();
