'use strict';
/**
 * An ordered in-memory collection. Records are kept sorted by their position key
 * (timeKey, id), createdAt by default, so that cursor pagination never skips or repeats a record
 * while other records are created or updated. A key that can change (opportunities are ordered by
 * lastInteractionAt) must be changed through `rekey`, which moves the record to its new place.
 */

function cmpKey(aT, aId, bT, bId) {
	if (aT !== bT) return aT < bT ? -1 : 1;
	if (aId === bId) return 0;
	return aId < bId ? -1 : 1;
}

class Collection {
	/**
	 * @param {string} name
	 * @param {{ parentKey?: string, timeKey?: string, idKey?: string }} [opts]
	 */
	constructor(name, opts = {}) {
		this.name = name;
		this.parentKey = opts.parentKey || null;
		this.timeKey = opts.timeKey || 'createdAt';
		this.idKey = opts.idKey || 'id';
		this.map = new Map();
		this.order = [];
		this.byParent = this.parentKey ? new Map() : null;
	}
	get size() {
		return this.map.size;
	}
	get(id) {
		return this.map.get(id);
	}
	has(id) {
		return this.map.has(id);
	}
	keyTime(rec) {
		const t = rec[this.timeKey];
		return typeof t === 'number' ? t : 0;
	}
	/** Insert keeping order; appends in O(1) when the record sorts last (the usual case). */
	insert(rec) {
		const id = rec[this.idKey];
		if (this.map.has(id)) throw new Error(`${this.name}: duplicate id ${id}`);
		this.map.set(id, rec);
		const t = this.keyTime(rec);
		const last = this.order[this.order.length - 1];
		if (!last || cmpKey(this.keyTime(last), last[this.idKey], t, id) < 0) {
			this.order.push(rec);
		} else {
			const pos = this.lowerBound(t, id);
			this.order.splice(pos, 0, rec);
		}
		if (this.byParent) {
			const p = rec[this.parentKey];
			let arr = this.byParent.get(p);
			if (!arr) this.byParent.set(p, (arr = []));
			// children lists are small; keep them ordered too
			let i = arr.length;
			while (i > 0 && cmpKey(this.keyTime(arr[i - 1]), arr[i - 1][this.idKey], t, id) > 0) i--;
			arr.splice(i, 0, rec);
		}
		return rec;
	}
	/** Bulk load records (seed): one sort instead of many ordered inserts. */
	loadSorted(recs) {
		if (this.order.length) {
			for (const rec of recs) this.insert(rec);
			return;
		}
		const kt = (r) => this.keyTime(r);
		const idKey = this.idKey;
		const sorted = recs.slice().sort((a, b) => cmpKey(kt(a), a[idKey], kt(b), b[idKey]));
		this.order = sorted;
		for (const rec of sorted) {
			this.map.set(rec[idKey], rec);
			if (this.byParent) {
				const p = rec[this.parentKey];
				let arr = this.byParent.get(p);
				if (!arr) this.byParent.set(p, (arr = []));
				arr.push(rec);
			}
		}
	}
	remove(id) {
		const rec = this.map.get(id);
		if (!rec) return undefined;
		this.map.delete(id);
		const pos = this.lowerBound(this.keyTime(rec), id);
		if (this.order[pos] === rec) this.order.splice(pos, 1);
		else {
			const i = this.order.indexOf(rec);
			if (i >= 0) this.order.splice(i, 1);
		}
		if (this.byParent) {
			const arr = this.byParent.get(rec[this.parentKey]);
			if (arr) {
				const i = arr.indexOf(rec);
				if (i >= 0) arr.splice(i, 1);
				if (!arr.length) this.byParent.delete(rec[this.parentKey]);
			}
		}
		return rec;
	}
	/** Set a record's time key to `t` and move it to its new place (top-level order only). */
	rekey(rec, t) {
		if (this.byParent) throw new Error(`${this.name}: rekey is not supported for child collections`);
		const id = rec[this.idKey];
		if (this.map.get(id) !== rec) throw new Error(`${this.name}: rekey of unknown record ${id}`);
		this.remove(id);
		rec[this.timeKey] = t;
		this.insert(rec);
	}
	children(parentId) {
		return (this.byParent && this.byParent.get(parentId)) || [];
	}
	/** first index whose key is >= (t, id) */
	lowerBound(t, id) {
		let lo = 0;
		let hi = this.order.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			const r = this.order[mid];
			if (cmpKey(this.keyTime(r), r[this.idKey], t, id) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
	values() {
		return this.order;
	}
	clear() {
		this.map.clear();
		this.order = [];
		if (this.byParent) this.byParent.clear();
	}
}

module.exports = { Collection, cmpKey };
