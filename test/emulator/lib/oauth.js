'use strict';
/** Minimal OAuth 2.0 authorization server (authorization code + refresh with rotation). */
const crypto = require('crypto');

const SCOPES = [
	'offline_access', 'applications:read:admin', 'archive_reasons:read:admin', 'audit_events:read:admin', 'confidential:access:admin',
	'contact:read:admin', 'contact:write:admin', 'diversity_surveys:read:admin', 'eeo_responses:read:admin', 'eeo_responses_pii:read:admin',
	'feedback:read:admin', 'feedback:write:admin', 'feedback_templates:read:admin', 'feedback_templates:write:admin', 'files:read:admin',
	'files:write:admin', 'forms:read:admin', 'forms:write:admin', 'form_templates:read:admin', 'form_templates:write:admin', 'groups:read:admin',
	'groups:write:admin', 'interviews:read:admin', 'interviews:write:admin', 'notes:read:admin', 'notes:write:admin', 'offers:read:admin',
	'opportunities:read:admin', 'opportunities:write:admin', 'panels:read:admin', 'panels:write:admin', 'permissions:read:admin',
	'permissions:write:admin', 'postings:read:admin', 'postings:write:admin', 'referrals:read:admin', 'requisitions:read:admin',
	'requisitions:write:admin', 'requisition_fields:read:admin', 'requisition_fields:write:admin', 'resumes:read:admin', 'roles:read:admin',
	'roles:write:admin', 'sources:read:admin', 'stages:read:admin', 'tags:read:admin', 'tasks:read:admin', 'uploads:write:admin',
	'users:read:admin', 'users:write:admin', 'webhooks:read:admin', 'webhooks:write:admin',
];

const b64url = (x) => Buffer.from(x).toString('base64url');
const DAY_MS = 24 * 60 * 60 * 1000;
/** Lever's docs: refresh tokens expire after one year, or after 90 days without use. */
const REFRESH_LIFETIME_MS = 365 * DAY_MS;
const REFRESH_IDLE_MS = 90 * DAY_MS;

class OAuthServer {
	constructor(emu) {
		this.emu = emu;
		this.codes = new Map();
		this.access = new Map();
		this.refresh = new Map();
		this.secret = crypto.randomBytes(32);
	}
	client(id) {
		return this.emu.options.oauthClients.find((c) => c.clientId === id);
	}
	/** Scopes granted by a token, with write → read and pii → non-pii implications. */
	static effectiveScopes(scopes) {
		const set = new Set(scopes);
		for (const sc of scopes) {
			if (sc.endsWith(':write:admin')) set.add(sc.replace(':write:admin', ':read:admin'));
			if (sc === 'eeo_responses_pii:read:admin') set.add('eeo_responses:read:admin');
		}
		return set;
	}
	/**
	 * `grantedAt`: when the user authorized. Rotation hands on the chain's start, so the year counts from
	 * the authorization (an inference: Lever does not say whether a rotated token restarts it); the 90
	 * days count from each token's issue, since using a token replaces it.
	 */
	issue(clientId, scopes, ttlSeconds, withRefresh, grantedAt) {
		const now = this.emu.now();
		const exp = now + ttlSeconds * 1000;
		const payload = {
			'https://oauth.lever.co/userId': this.emu.superAdminId(),
			'https://oauth.lever.co/accountId': this.emu.accountId,
			'https://oauth.lever.co/clientId': clientId,
			iss: `${this.emu.url}/`,
			sub: `${clientId}@clients`,
			aud: `${this.emu.apiUrl}/`,
			iat: Math.floor(now / 1000),
			exp: Math.floor(exp / 1000),
			azp: clientId,
			scope: scopes.join(' '),
			jti: crypto.randomUUID(),
		};
		const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const body = b64url(JSON.stringify(payload));
		const sig = crypto.createHmac('sha256', this.secret).update(`${head}.${body}`).digest('base64url');
		const token = `${head}.${body}.${sig}`;
		this.access.set(token, { clientId, scopes, expiresAt: exp });
		const res = { access_token: token, token_type: 'Bearer', scope: scopes.join(' '), expires_in: ttlSeconds };
		if (withRefresh) {
			const rt = crypto.randomBytes(32).toString('base64url');
			this.refresh.set(rt, { clientId, scopes, grantedAt: grantedAt !== undefined ? grantedAt : now, issuedAt: now });
			res.refresh_token = rt;
		}
		return res;
	}
	lookup(token) {
		const t = this.access.get(token);
		if (!t) return null;
		if (t.expiresAt <= this.emu.now()) return { expired: true };
		return t;
	}
	expire(token) {
		if (token) {
			const t = this.access.get(token);
			if (t) t.expiresAt = 0;
			return t ? 1 : 0;
		}
		for (const t of this.access.values()) t.expiresAt = 0;
		return this.access.size;
	}

	authorize(q) {
		const get = (k) => q.get(k);
		const clientId = get('client_id');
		const redirectUri = get('redirect_uri');
		const client = clientId && this.client(clientId);
		if (!client) return { status: 400, json: { error: 'invalid_client', error_description: 'Unknown client_id' } };
		if (!redirectUri) return { status: 400, json: { error: 'invalid_request', error_description: 'Missing redirect_uri' } };
		if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
			return { status: 400, json: { error: 'invalid_request', error_description: 'redirect_uri does not match a registered callback' } };
		}
		let target;
		try {
			target = new URL(redirectUri);
		} catch (e) {
			return { status: 400, json: { error: 'invalid_request', error_description: 'redirect_uri is not a valid URL' } };
		}
		const state = get('state');
		const fail = (error, description) => {
			if (state !== null) target.searchParams.set('state', state);
			target.searchParams.set('error', error);
			target.searchParams.set('error_description', description);
			return { status: 302, location: target.toString() };
		};
		if (get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
		if (state === null || state === '') return fail('invalid_request', 'Missing state');
		const audience = get('audience');
		if (audience !== `${this.emu.apiUrl}/`) return fail('access_denied', `Service not found: ${audience}`);
		const scopes = (get('scope') || '').split(/[\s+]+/).filter(Boolean);
		const unknown = scopes.filter((sc) => !SCOPES.includes(sc));
		if (unknown.length) return fail('invalid_scope', `Unknown scope(s): ${unknown.join(' ')}`);
		if (this.emu.config.oauthAutoApprove === false) return fail('access_denied', 'User did not authorize the request');
		const code = crypto.randomBytes(18).toString('base64url');
		this.codes.set(code, { clientId, redirectUri, scopes, expiresAt: this.emu.now() + 10 * 60 * 1000 });
		target.searchParams.set('code', code);
		target.searchParams.set('state', state);
		return { status: 302, location: target.toString() };
	}

	token(params, authHeader) {
		let clientId = params.client_id;
		let clientSecret = params.client_secret;
		if (authHeader && /^basic /i.test(authHeader)) {
			const dec = Buffer.from(authHeader.slice(6).trim(), 'base64').toString('utf8');
			const i = dec.indexOf(':');
			clientId = decodeURIComponent(dec.slice(0, i));
			clientSecret = decodeURIComponent(dec.slice(i + 1));
		}
		const client = clientId && this.client(clientId);
		if (!client || client.clientSecret !== clientSecret) return { status: 401, json: { error: 'invalid_client', error_description: 'Unauthorized' } };
		const ttl = this.emu.options.accessTokenTtlSeconds;
		if (params.grant_type === 'authorization_code') {
			const c = params.code && this.codes.get(params.code);
			if (!c || c.clientId !== clientId || c.expiresAt < this.emu.now()) return { status: 403, json: { error: 'invalid_grant', error_description: 'Invalid authorization code' } };
			this.codes.delete(params.code);
			if (params.redirect_uri !== c.redirectUri) return { status: 403, json: { error: 'invalid_grant', error_description: 'redirect_uri does not match the one used to authorize' } };
			return { status: 200, json: this.issue(clientId, c.scopes, ttl, c.scopes.includes('offline_access')) };
		}
		if (params.grant_type === 'refresh_token') {
			const r = params.refresh_token && this.refresh.get(params.refresh_token);
			const now = this.emu.now();
			const expired = r && (now >= r.grantedAt + REFRESH_LIFETIME_MS || now >= r.issuedAt + REFRESH_IDLE_MS);
			if (expired) this.refresh.delete(params.refresh_token);
			if (!r || r.clientId !== clientId || expired) return { status: 403, json: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } };
			this.refresh.delete(params.refresh_token); // rotation
			return { status: 200, json: this.issue(clientId, r.scopes, ttl, true, r.grantedAt) };
		}
		return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code or refresh_token' } };
	}
}

module.exports = { OAuthServer, SCOPES };
