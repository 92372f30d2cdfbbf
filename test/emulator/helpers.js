'use strict';
/** Small HTTP helpers for the emulator's own tests (Node global fetch). */

function basic(key = 'test-key') {
	return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

/** The default account's second key, created with confidential access ('test-key' has none, like most keys). */
const confidentialAuth = () => basic('confidential-key');

function buildUrl(base, path, query) {
	const u = new URL(base + path);
	if (query) {
		for (const [k, v] of Object.entries(query)) {
			if (v === undefined) continue;
			for (const x of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(x));
		}
	}
	return u.toString();
}

/**
 * @param {{apiUrl:string}} emu
 * @param {string} method
 * @param {string} path  relative to /v1
 * @param {{query?:object, body?:any, multipart?:object, auth?:string|null, headers?:object, rawQuery?:string}} [o]
 */
async function api(emu, method, path, o = {}) {
	let url = buildUrl(emu.apiUrl, path, o.query);
	if (o.rawQuery) url += (url.includes('?') ? '&' : '?') + o.rawQuery;
	const headers = { ...(o.headers || {}) };
	if (o.auth !== null) headers.authorization = o.auth || basic();
	let body;
	if (o.multipart) {
		const fd = new FormData();
		for (const [k, v] of Object.entries(o.multipart)) {
			for (const x of Array.isArray(v) ? v : [v]) {
				if (x && typeof x === 'object' && x.filename) fd.append(k, new Blob([x.content], { type: x.type || 'application/octet-stream' }), x.filename);
				else fd.append(k, String(x));
			}
		}
		body = fd;
	} else if (o.body !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(o.body);
	}
	const res = await fetch(url, { method, headers, body });
	const buf = Buffer.from(await res.arrayBuffer());
	const ct = res.headers.get('content-type') || '';
	let json;
	if (ct.includes('application/json') && buf.length) json = JSON.parse(buf.toString('utf8'));
	return { status: res.status, headers: res.headers, body: json, raw: buf, text: buf.toString('utf8') };
}

async function inspect(emu, method, path, body) {
	const res = await fetch(`${emu.url}/_emulator${path}`, {
		method,
		headers: body !== undefined ? { 'content-type': 'application/json' } : {},
		body: body !== undefined ? JSON.stringify(body) : undefined,
	});
	return { status: res.status, body: await res.json() };
}

/** Collect every page of a list endpoint. */
async function pageAll(emu, path, query = {}, o = {}) {
	const out = [];
	let offset;
	for (let i = 0; i < 10000; i++) {
		const r = await api(emu, 'GET', path, { ...o, query: { ...query, offset } });
		if (r.status !== 200) throw new Error(`${path} → ${r.status} ${r.text}`);
		out.push(...r.body.data);
		if (!r.body.hasNext) break;
		offset = r.body.next;
		if (o.between) await o.between(i);
	}
	return out;
}

module.exports = { basic, confidentialAuth, api, inspect, pageAll, buildUrl };
