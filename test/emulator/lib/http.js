'use strict';
/** Request/response helpers: errors, query access, body parsing (JSON, form, multipart), pagination. */
const { cmpKey } = require('./collection');

class ApiError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}
const badRequest = (m) => new ApiError(400, 'BadRequestError', m);
const notFound = (m) => new ApiError(404, 'ResourceNotFound', m);
const forbidden = (m) => new ApiError(403, 'Forbidden', m);
const unauthorized = (m) => new ApiError(401, 'UnauthorizedError', m);

/** Query wrapper over URLSearchParams keeping repeated keys. */
class Query {
	constructor(searchParams) {
		this.map = new Map();
		for (const [k, v] of searchParams) {
			let arr = this.map.get(k);
			if (!arr) this.map.set(k, (arr = []));
			arr.push(v);
		}
	}
	has(k) {
		return this.map.has(k);
	}
	keys() {
		return [...this.map.keys()];
	}
	all(k) {
		return this.map.get(k) || [];
	}
	one(k) {
		const a = this.map.get(k);
		return a ? a[a.length - 1] : undefined;
	}
	bool(k) {
		const v = this.one(k);
		if (v === undefined || v === '') return undefined;
		if (v === 'true') return true;
		if (v === 'false') return false;
		throw badRequest(`${k} must be true or false`);
	}
	ms(k) {
		const v = this.one(k);
		if (v === undefined || v === '') return undefined;
		if (!/^-?\d+$/.test(v)) throw badRequest(`${k} must be a timestamp in milliseconds`);
		return Number(v);
	}
	toObject() {
		const o = {};
		for (const [k, v] of this.map) o[k] = v.length === 1 ? v[0] : v;
		return o;
	}
}

function readBody(req, limitBytes) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let failed = false;
		req.on('data', (c) => {
			if (failed) return;
			size += c.length;
			if (size > limitBytes) {
				failed = true;
				reject(new ApiError(413, 'PayloadTooLarge', 'Request body too large'));
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => {
			if (!failed) resolve(Buffer.concat(chunks));
		});
		req.on('error', (e) => {
			if (!failed) reject(e);
		});
	});
}

/** Assign `value` at a bracketed key such as `emails[]`, `archived[reason]`, `phones[0][value]`. */
function setNested(target, key, value) {
	const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
	if (!m || !m[2]) {
		if (Object.prototype.hasOwnProperty.call(target, key)) {
			const cur = target[key];
			target[key] = Array.isArray(cur) ? cur.concat([value]) : [cur, value];
		} else target[key] = value;
		return;
	}
	const parts = [m[1]];
	m[2].replace(/\[([^[\]]*)\]/g, (_, p) => {
		parts.push(p);
		return '';
	});
	let obj = target;
	for (let i = 0; i < parts.length - 1; i++) {
		const p = parts[i];
		const nextP = parts[i + 1];
		const wantArray = nextP === '' || /^\d+$/.test(nextP);
		let key2 = p;
		if (Array.isArray(obj) && p === '') {
			const child = wantArray ? [] : {};
			obj.push(child);
			obj = child;
			continue;
		}
		if (Array.isArray(obj)) key2 = Number(p);
		if (obj[key2] === undefined || obj[key2] === null || typeof obj[key2] !== 'object') {
			obj[key2] = wantArray ? [] : {};
		}
		obj = obj[key2];
	}
	const last = parts[parts.length - 1];
	if (Array.isArray(obj)) {
		if (last === '') obj.push(value);
		else obj[Number(last)] = value;
	} else obj[last] = value;
}

function parseUrlEncoded(text) {
	const out = {};
	for (const [k, v] of new URLSearchParams(text)) setNested(out, k, v);
	return out;
}

function parseHeaderParams(value) {
	const out = {};
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m;
	while ((m = re.exec(value))) out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
	return out;
}

/** Minimal multipart/form-data parser. Returns { fields, files: [{field, filename, contentType, data}] }. */
function parseMultipart(buf, contentType) {
	const params = parseHeaderParams(contentType);
	const boundary = params.boundary;
	if (!boundary) throw badRequest('Multipart body without boundary');
	const delim = Buffer.from(`--${boundary}`);
	const fields = {};
	const files = [];
	let pos = buf.indexOf(delim);
	if (pos < 0) throw badRequest('Malformed multipart body');
	for (;;) {
		pos += delim.length;
		if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) break; // closing --
		if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
		const headerEnd = buf.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw badRequest('Malformed multipart body');
		const headerText = buf.slice(pos, headerEnd).toString('utf8');
		const next = buf.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headerEnd + 4);
		if (next < 0) throw badRequest('Malformed multipart body');
		const data = buf.slice(headerEnd + 4, next);
		const headers = {};
		for (const line of headerText.split('\r\n')) {
			const i = line.indexOf(':');
			if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
		}
		const disp = headers['content-disposition'] || '';
		const dp = parseHeaderParams(disp);
		const name = dp.name;
		if (name !== undefined) {
			if (dp.filename !== undefined || dp['filename*'] !== undefined) {
				let filename = dp.filename;
				if (dp['filename*']) {
					const fm = /^[^']*'[^']*'(.*)$/.exec(dp['filename*']);
					if (fm) filename = decodeURIComponent(fm[1]);
				}
				files.push({
					field: name,
					filename: filename || 'file',
					contentType: headers['content-type'] || 'application/octet-stream',
					data: Buffer.from(data),
				});
			} else {
				setNested(fields, name, data.toString('utf8'));
			}
		}
		pos = next + 2;
	}
	return { fields, files };
}

/** Parse a request body by content type into { body, files, kind }. */
function parseBody(buf, contentType) {
	const ct = (contentType || '').toLowerCase();
	if (!buf.length) return { body: undefined, files: [], kind: 'empty' };
	if (ct.startsWith('multipart/form-data')) {
		const { fields, files } = parseMultipart(buf, contentType);
		return { body: fields, files, kind: 'multipart' };
	}
	if (ct.startsWith('application/x-www-form-urlencoded')) {
		return { body: parseUrlEncoded(buf.toString('utf8')), files: [], kind: 'form' };
	}
	const text = buf.toString('utf8');
	try {
		return { body: JSON.parse(text), files: [], kind: 'json' };
	} catch (e) {
		throw badRequest('Request body is not valid JSON');
	}
}

// ---------------------------------------------------------------- pagination

function encodeToken(sort, t, id) {
	return encodeURIComponent(JSON.stringify([sort, t, id]));
}

function decodeToken(raw) {
	let s = raw;
	for (let i = 0; i < 3 && /^%[0-9a-fA-F]{2}/.test(s); i++) {
		try {
			s = decodeURIComponent(s);
		} catch (e) {
			break;
		}
	}
	let v;
	try {
		v = JSON.parse(s);
	} catch (e) {
		throw badRequest('Invalid offset token');
	}
	if (!Array.isArray(v) || v.length !== 3 || (v[0] !== 1 && v[0] !== -1) || typeof v[1] !== 'number' || typeof v[2] !== 'string') {
		throw badRequest('Invalid offset token');
	}
	return v;
}

function parseLimit(q) {
	const raw = q.one('limit');
	if (raw === undefined) return 100;
	if (!/^\d+$/.test(raw)) throw badRequest(`Invalid limit: ${raw}. limit must be an integer between 1 and 100`);
	const n = Number(raw);
	if (n < 1 || n > 100) throw badRequest(`Invalid limit: ${raw}. limit must be an integer between 1 and 100`);
	return n;
}

/**
 * Cursor pagination over an array sorted ascending by (timeKey, idKey).
 * @param {object[]} list
 * @param {{ q: Query, filter?: (r:any)=>boolean, timeKey?: string, idKey?: string, descending?: boolean, map?: (r:any)=>any }} o
 */
function paginate(list, o) {
	const limit = parseLimit(o.q);
	const timeKey = o.timeKey || 'createdAt';
	const idKey = o.idKey || 'id';
	const sort = o.descending ? -1 : 1;
	const kt = (r) => (typeof r[timeKey] === 'number' ? r[timeKey] : 0);
	const raw = o.q.one('offset');
	let start;
	if (raw !== undefined && raw !== '') {
		const [s, t, id] = decodeToken(raw);
		if (s !== sort) throw badRequest('Invalid offset token: Offset token is invalid for sort');
		// binary search for the first record strictly after (t, id) in iteration order
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			const r = list[mid];
			if (cmpKey(kt(r), r[idKey], t, id) <= 0) lo = mid + 1;
			else hi = mid;
		}
		start = o.descending ? lo - 1 - (lo > 0 && list[lo - 1] && cmpKey(kt(list[lo - 1]), list[lo - 1][idKey], t, id) === 0 ? 1 : 0) : lo;
	} else start = o.descending ? list.length - 1 : 0;
	const out = [];
	let hasNext = false;
	let last = null;
	const step = o.descending ? -1 : 1;
	for (let i = start; i >= 0 && i < list.length; i += step) {
		const r = list[i];
		if (o.filter && !o.filter(r)) continue;
		if (out.length === limit) {
			hasNext = true;
			break;
		}
		out.push(r);
		last = r;
	}
	const res = { data: o.map ? out.map(o.map) : out, hasNext };
	if (hasNext) res.next = encodeToken(sort, kt(last), last[idKey]);
	return res;
}

module.exports = {
	ApiError,
	badRequest,
	notFound,
	forbidden,
	unauthorized,
	Query,
	readBody,
	parseBody,
	parseMultipart,
	setNested,
	paginate,
	parseLimit,
	encodeToken,
	decodeToken,
};
