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
		expect(messages[403]).toMatch(/lacks permission for GET \/users/);
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
	])('points %s at its auth server and sends the audience with a trailing slash', (environment, authUrl, tokenUrl, audience) => {
		expect(evaluate(hidden('authUrl'), { environment })).toBe(authUrl);
		expect(evaluate(hidden('accessTokenUrl'), { environment })).toBe(tokenUrl);
		expect(evaluate(hidden('authQueryParameters'), { environment })).toBe(`audience=${encodeURIComponent(audience)}`);
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

	it('offers every Lever scope and defaults to the read scopes plus offline_access', () => {
		const scopes = property(credential, 'scopes');
		expect(scopes.options).toHaveLength(52);
		expect(scopes.default).toContain('offline_access');
		expect(scopes.default).toContain('opportunities:read:admin');
		expect(scopes.default.every((scope) => scope === 'offline_access' || scope.includes(':read:'))).toBe(true);
		expect(evaluate(hidden('scope'), { scopes: ['a:read:admin', 'offline_access'] })).toBe('a:read:admin offline_access');
	});
});
