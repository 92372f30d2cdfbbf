/**
 * Responses shaped as the examples in Lever's documentation (test/fixtures/lever-docs, our own JSON: one per
 * list/get endpoint family) that the node must parse. The emulator and the node were written from the same
 * notes; these fixtures come from the documentation instead, so a shared mistake shows up here.
 * Each fixture: the docs section, the node's resource/operation/parameters (and input items, for an
 * upload), the Lever method (GET unless said) and path, the response body, and the ids (or first item) the
 * node must output. A list answered with `hasNext: true` (as the docs
 * examples are) is followed once more with its `next` token, answered by an empty last page.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import type { DocsFixture } from '../fixtures/lever-docs';
import { fixtures } from '../fixtures/lever-docs';
import { runLever } from '../helpers/runNode';

/** The path with its `{placeholders}` filled from the fixture's locator and ID parameters. */
function concretePath(fixture: DocsFixture): string {
	return fixture.path.replace(/\{(\w+)\}/g, (_match, placeholder: string) => {
		const key = Object.keys(fixture.parameters).find((name) => name.toLowerCase() === `${placeholder.replace(/_/g, '')}id`.toLowerCase());
		const value = key ? fixture.parameters[key] : undefined;
		if (value === undefined) throw new Error(`${fixture.path}: no parameter for {${placeholder}}`);
		return String(typeof value === 'object' ? (value as IDataObject).value : value);
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

it('there is a fixture for every family of the documented list and get endpoints', () => {
	expect(fixtures.length).toBeGreaterThanOrEqual(30);
});

describe.each(fixtures)('%s', (_file, fixture) => {
	it(`the node reads ${fixture.docs} as documented`, async () => {
		const url = `/v1${concretePath(fixture)}`;
		const response = fixture.response as IDataObject;
		const first = nock('http://lever.test')
			.intercept(url, fixture.method ?? 'GET')
			.query((query) => query.offset === undefined)
			.reply(fixture.method === 'POST' ? 201 : 200, response);
		const next = !Array.isArray(response) && response.hasNext === true ? String(response.next) : undefined;
		const second = next
			? nock('http://lever.test')
					.get(url)
					.query((query) => query.offset === decodeURIComponent(next) || query.offset === next)
					.reply(200, { data: [], hasNext: false })
			: undefined;
		const result = await runLever({
			parameters: { resource: fixture.resource, operation: fixture.operation, ...fixture.parameters },
			...(fixture.items ? { items: fixture.items } : {}),
		});
		expect(result.error).toBeUndefined();
		expect(first.isDone()).toBe(true);
		if (second) expect(second.isDone()).toBe(true);
		expect(result.output.length).toBeGreaterThan(0);
		expect(result.output.every((item) => item.pairedItem && (item.pairedItem as IDataObject).item === 0)).toBe(true);
		if (fixture.expectIds) expect(result.output.map((item) => item.json.id)).toEqual(fixture.expectIds);
		if (fixture.expectFirst) expect(result.output[0].json).toMatchObject(fixture.expectFirst);
	});
});
