'use strict';
/** Deterministic pseudo-random helpers (mulberry32). Same seed → same sequence. */

function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Mix several integers into one 32-bit seed. */
function mixSeed(...parts) {
	let h = 0x811c9dc5;
	for (const p of parts) {
		const s = String(p);
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		h ^= 0x2f;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

const HEX = '0123456789abcdef';

class Rng {
	constructor(seed) {
		this.next = mulberry32(seed);
	}
	float() {
		return this.next();
	}
	int(min, max) {
		// inclusive
		return min + Math.floor(this.next() * (max - min + 1));
	}
	bool(p = 0.5) {
		return this.next() < p;
	}
	pick(arr) {
		return arr[Math.floor(this.next() * arr.length)];
	}
	/** weighted pick: entries [[value, weight], ...] */
	weighted(entries) {
		let total = 0;
		for (const e of entries) total += e[1];
		let r = this.next() * total;
		for (const e of entries) {
			r -= e[1];
			if (r < 0) return e[0];
		}
		return entries[entries.length - 1][0];
	}
	sample(arr, n) {
		const copy = arr.slice();
		const out = [];
		while (out.length < n && copy.length) {
			out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
		}
		return out;
	}
	uuid() {
		let s = '';
		for (let i = 0; i < 32; i++) {
			let v = Math.floor(this.next() * 16);
			if (i === 12) v = 4;
			if (i === 16) v = (v & 0x3) | 0x8;
			s += HEX[v];
			if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
		}
		return s;
	}
	hex(n) {
		let s = '';
		for (let i = 0; i < n; i++) s += HEX[Math.floor(this.next() * 16)];
		return s;
	}
}

module.exports = { mulberry32, mixSeed, Rng };
