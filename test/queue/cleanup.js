'use strict';
/*
 * What a queue-mode stack leaves running if its owner dies, and how it is removed. Each stack keeps a
 * registry file under <tmp>/n8n-lever-queue-stacks/: the owner's pid and start time, the process groups
 * it started (Redis, every n8n process with its task runners), the PostgreSQL data directory and its
 * folders. A reaper process (reaper.js, started detached with the stack) watches the owner and removes
 * all of it once the owner is gone, whatever ended it: SIGTERM, SIGINT, SIGKILL, a crash, or jest
 * exiting after a timeout. This matters under jest: a test file's `process` is a sandbox copy, so
 * signal and exit handlers registered there never run. A later stack start also removes what any dead
 * owner left behind (reapStale), in case a reaper was killed too.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const REGISTRY_DIR = path.join(os.tmpdir(), 'n8n-lever-queue-stacks');

/** Running (a zombie, dead but not yet collected by its parent, does not count). */
function alive(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

/** Every running process as {pid, ppid, pgid} (from /proc). */
function processes() {
	const list = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (state !== 'Z') list.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid) });
		} catch {
			// exited meanwhile
		}
	}
	return list;
}

/** The process's start time in clock ticks (/proc/<pid>/stat field 22): tells a reused pid apart. */
function startTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function cmdline(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
	} catch {
		return '';
	}
}

const ownerAlive = (data) => alive(data.owner) && startTime(data.owner) === data.ownerStart;

/**
 * Removes everything a registry names; synchronous, so it also runs from an exit handler. A group is
 * killed unless its leader is alive as some other program (its pid reused); a group whose leader died
 * keeps its id while members remain, so it cannot belong to anyone else.
 */
function reap(data) {
	for (const group of data.groups) {
		if (alive(group.pid) && !cmdline(group.pid).includes(group.match)) continue;
		try {
			process.kill(-group.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	const pg = data.postgres;
	if (pg && fs.existsSync(path.join(pg.data, 'postmaster.pid'))) {
		spawnSync('runuser', ['-u', 'postgres', '--', path.join(pg.bin, 'pg_ctl'), '-D', pg.data, '-m', 'immediate', '-w', '-t', '20', 'stop'], { stdio: 'ignore' });
	}
	for (const dir of data.dirs) {
		if (dir.startsWith(os.tmpdir() + path.sep)) fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Reaps the stacks of owners that are gone; returns how many. */
function reapStale(log = () => {}) {
	let count = 0;
	let files = [];
	try {
		files = fs.readdirSync(REGISTRY_DIR).filter((f) => f.endsWith('.json'));
	} catch {
		return 0;
	}
	for (const name of files) {
		const file = path.join(REGISTRY_DIR, name);
		let data;
		try {
			data = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch {
			continue; // being written
		}
		if (ownerAlive(data)) continue;
		reap(data);
		fs.rmSync(file, { force: true });
		log(`removed what a stopped run left (owner pid ${data.owner}: ${data.groups.map((g) => g.name).join(', ') || 'no processes'}${data.postgres ? ', postgres' : ''})`);
		count++;
	}
	return count;
}

/** One stack's registry; every change is written at once, so the reaper always sees the current state. */
class Registry {
	constructor() {
		fs.mkdirSync(REGISTRY_DIR, { recursive: true });
		this.file = path.join(REGISTRY_DIR, `${process.pid}-${crypto.randomBytes(4).toString('hex')}.json`);
		this.data = { owner: process.pid, ownerStart: startTime(process.pid), reaper: null, groups: [], postgres: null, dirs: [] };
		this.save();
	}

	save() {
		const tmp = `${this.file}.tmp`;
		fs.writeFileSync(tmp, JSON.stringify(this.data));
		fs.renameSync(tmp, this.file);
	}

	/** A detached process group (its leader's pid) and a word of the leader's command line. */
	addGroup(name, pid, match) {
		this.data.groups.push({ name, pid, match });
		this.save();
	}

	removeGroup(pid) {
		this.data.groups = this.data.groups.filter((g) => g.pid !== pid);
		this.save();
	}

	setPostgres(bin, data) {
		this.data.postgres = bin ? { bin, data } : null;
		this.save();
	}

	addDir(dir) {
		this.data.dirs.push(dir);
		this.save();
	}

	/** Starts the reaper: detached (its own group, so a Ctrl-C to the terminal does not reach it). */
	startReaper() {
		const child = spawn(process.execPath, [path.join(__dirname, 'reaper.js'), this.file], { detached: true, stdio: 'ignore' });
		child.unref();
		this.data.reaper = child.pid;
		this.save();
		return child.pid;
	}

	/** Removes everything now (signal and exit handlers of a plain node process). */
	reapNow() {
		reap(this.data);
		this.close();
	}

	/** The stack stopped cleanly: nothing left to watch; the reaper exits when the file is gone. */
	close() {
		fs.rmSync(this.file, { force: true });
	}
}

module.exports = { Registry, reap, reapStale, ownerAlive, alive, processes, REGISTRY_DIR };
