'use strict';
/*
 * Credential definitions, read from the built package (npm test builds first). Plain JS because the
 * expressions n8n evaluates in credentials are checked here by evaluating them, which the strict lint
 * forbids in .ts files.
 */
const path = require('path');

const dist = path.join(__dirname, '..', '..', '..', 'dist', 'credentials');
const { LeverAtsApi } = require(path.join(dist, 'LeverAtsApi.credentials.js'));
const { LeverAtsOAuth2Api } = require(path.join(dist, 'LeverAtsOAuth2Api.credentials.js'));

/** Evaluates an n8n credential expression (`={{ js }}` parts) with `$credentials`/`$self` bound. */
function evaluate(expression, data) {
	expect(expression.startsWith('=')).toBe(true);
	return expression
		.slice(1)
		.replace(/\{\{([\s\S]+?)\}\}/g, (_match, code) => String(new Function('$credentials', '$self', `return (${code});`)(data, data)));
}

const property = (credential, name) => credential.properties.find((entry) => entry.name === name);

describe('API key credential', () => {
	const credential = new LeverAtsApi();

	it('has a name n8n never shipped, ends in Api, and a password field for the key', () => {
		expect(credential.name).toBe('leverAtsApi');
		expect(credential.displayName).toMatch(/API$/);
		expect(property(credential, 'apiKey').typeOptions.password).toBe(true);
	});

	it('authenticates with HTTP Basic: the key as user name, empty password', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { auth: { username: '={{$credentials.apiKey}}', password: '' } },
		});
	});

	it.each([
		['production', 'https://api.lever.co/v1'],
		['sandbox', 'https://api.sandbox.lever.co/v1'],
		['eu', 'https://api.eu.lever.co/v1'],
	])('tests against the %s host', (environment, baseUrl) => {
		expect(evaluate(credential.test.request.baseURL, { environment })).toBe(baseUrl);
	});

	it('uses the custom base URL only for Custom, without a trailing slash', () => {
		expect(evaluate(credential.test.request.baseURL, { environment: 'custom', customBaseUrl: 'http://127.0.0.1:4010/v1/' })).toBe(
			'http://127.0.0.1:4010/v1',
		);
		expect(property(credential, 'customBaseUrl').displayOptions).toEqual({ show: { environment: ['custom'] } });
		const regex = new RegExp(property(credential, 'customBaseUrl').typeOptions.validationRules[0].properties.regex);
		expect(regex.test('http://127.0.0.1:4010/v1')).toBe(true);
		expect(regex.test('ftp://example.com')).toBe(false);
		expect(regex.test('javascript:alert(1)')).toBe(false);
	});

	it('calls a cheap read and explains 401 and 403', () => {
		expect(credential.test.request.url).toBe('/users');
		expect(credential.test.request.qs).toEqual({ limit: 1 });
		const messages = Object.fromEntries(credential.test.rules.map((rule) => [rule.properties.value, rule.properties.message]));
		expect(messages[401]).toMatch(/wrong.*another environment/);
		// A 403 proves the key itself was accepted: the message must not read as if the key were wrong.
		expect(messages[403]).toMatch(/^Key valid, but it lacks the "list users" permission/);
		expect(messages[403]).not.toMatch(/wrong|revoked/);
	});
});

describe('OAuth2 credential', () => {
	const credential = new LeverAtsOAuth2Api();
	const hidden = (name) => property(credential, name).default;

	it('extends n8n OAuth2 with the authorization-code grant', () => {
		expect(credential.extends).toEqual(['oAuth2Api']);
		expect(credential.name).toBe('leverAtsOAuth2Api');
		expect(hidden('grantType')).toBe('authorizationCode');
	});

	it.each([
		['production', 'https://auth.lever.co/authorize', 'https://auth.lever.co/oauth/token', 'https://api.lever.co/v1/'],
		['sandbox', 'https://sandbox-lever.auth0.com/authorize', 'https://sandbox-lever.auth0.com/oauth/token', 'https://api.sandbox.lever.co/v1/'],
		// Lever documents no EU audience: EU tenants authorize at the production server with its audience.
		['eu', 'https://auth.lever.co/authorize', 'https://auth.lever.co/oauth/token', 'https://api.lever.co/v1/'],
	])('points %s at its auth server and sends the documented audience', (environment, authUrl, tokenUrl, audience) => {
		expect(evaluate(hidden('authUrl'), { environment })).toBe(authUrl);
		expect(evaluate(hidden('accessTokenUrl'), { environment })).toBe(tokenUrl);
		expect(evaluate(hidden('authQueryParameters'), { environment, audience: '' })).toBe(`audience=${encodeURIComponent(audience)}`);
	});

	it('lets the Audience field override the documented one', () => {
		const field = property(credential, 'audience');
		expect(field.type).toBe('string');
		expect(field.default).toBe('');
		expect(evaluate(hidden('authQueryParameters'), { environment: 'eu', audience: ' https://api.eu.lever.co/v1/ ' })).toBe(
			`audience=${encodeURIComponent('https://api.eu.lever.co/v1/')}`,
		);
	});

	it('uses the custom URLs for the emulator', () => {
		const data = {
			environment: 'custom',
			customBaseUrl: 'http://127.0.0.1:4010/v1',
			customAuthUrl: 'http://127.0.0.1:4010/oauth/authorize',
			customTokenUrl: 'http://127.0.0.1:4010/oauth/token',
		};
		expect(evaluate(hidden('authUrl'), data)).toBe(data.customAuthUrl);
		expect(evaluate(hidden('accessTokenUrl'), data)).toBe(data.customTokenUrl);
		expect(evaluate(hidden('authQueryParameters'), data)).toBe(`audience=${encodeURIComponent('http://127.0.0.1:4010/v1/')}`);
	});

	it('offers scope sets that each fit one Lever app registration, read only by default', () => {
		const preset = property(credential, 'scopePreset');
		expect(preset.default).toBe('readOnly');
		expect(preset.options.map((option) => option.value)).toEqual(['readOnly', 'templates', 'webhookTrigger', 'custom']);
		expect(preset.description).toMatch(/must match the scopes registered for your Lever app \(at most 20\)/i);
		const known = property(credential, 'scopes').options.map((option) => option.value);
		for (const { value } of preset.options.filter((option) => option.value !== 'custom')) {
			const scopes = evaluate(hidden('scope'), { scopePreset: value }).split(' ');
			expect(scopes.length).toBeLessThanOrEqual(20);
			expect(scopes).toContain('offline_access');
			expect(scopes.every((scope) => known.includes(scope))).toBe(true);
			expect(new Set(scopes).size).toBe(scopes.length);
		}
		const readOnly = evaluate(hidden('scope'), { scopePreset: 'readOnly' }).split(' ');
		expect(readOnly.every((scope) => scope === 'offline_access' || scope.includes(':read:'))).toBe(true);
	});

	it('grants the writes the templates make and the webhook registration of the Lever Trigger', () => {
		const templates = evaluate(hidden('scope'), { scopePreset: 'templates' }).split(' ');
		expect(templates).toEqual(expect.arrayContaining(['opportunities:write:admin', 'notes:write:admin', 'users:read:admin', 'postings:read:admin']));
		const trigger = evaluate(hidden('scope'), { scopePreset: 'webhookTrigger' }).split(' ');
		expect(trigger).toEqual(expect.arrayContaining(['webhooks:write:admin', 'webhooks:read:admin', 'offline_access']));
	});

	it('sends the Custom Scopes selection only for Custom', () => {
		const scopes = property(credential, 'scopes');
		expect(scopes.options).toHaveLength(52);
		expect(scopes.displayOptions).toEqual({ show: { scopePreset: ['custom'] } });
		expect(scopes.default.length).toBeLessThanOrEqual(20);
		expect(evaluate(hidden('scope'), { scopePreset: 'custom', scopes: ['a:read:admin', 'offline_access'] })).toBe('a:read:admin offline_access');
	});

	it('tells the user that refresh tokens expire and what to do then', () => {
		const notice = credential.properties.find((entry) => entry.type === 'notice');
		expect(notice.displayName).toMatch(/one year, or after 90 days without use/);
		expect(notice.displayName).toMatch(/reconnect/i);
	});
});
