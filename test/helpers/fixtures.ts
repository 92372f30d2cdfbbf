/** IDs and helpers shared by the Lever node's tests: nock set-up, input-error and done assertions, list answers. */
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import type { RunResult } from './runNode';

export const LEVER = 'http://lever.test';
export const POSTING = 'f2f01e16-27f8-4711-a728-7d49499795a0';
export const USER = '8d49b010-cc6a-4f40-ace5-e86061c677ed';
export const USER_2 = '9e5ac121-dd7b-4f51-bdf6-f97172d788fe';
export const REQUISITION = '4c7ea2b8-b3b9-4c6b-8d7e-1c3f6f0f6a11';
export const OTHER = '7b8e1b6e-0f0c-4f5e-9a43-2a6a2f1f7c11';
export const OPP = '250d8f03-738a-4bba-a671-8a3d73477145';
/** A record under an opportunity (note, file, offer...). */
export const CHILD = OTHER;
export const PANEL = '1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
export const TEMPLATE = 'c2e1f0a9-8b7c-4d6e-9f01-23456789abcd';

/** The opportunity and Perform As as the resource locators store them. */
export const opportunity = { __rl: true, mode: 'id', value: OPP };
export const performAs = { __rl: true, mode: 'list', value: USER };

/** A resource locator value as the editor stores it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/** nock for every test file: no real network, no leftover interceptors (see test/setup/nock.ts). */
export function useNock() {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
}

/**
 * A row of an input-refusal table (`it.each<Refusal>`): what is wrong, the parameters that differ from the
 * table's valid parameters, and the field the error must name.
 */
export type Refusal = [what: string, changes: Record<string, unknown>, field: string];

/** The run failed on input validation, naming `field`, and nothing was sent. */
export function expectInputError(result: RunResult, field: string) {
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error?.message).toContain(field);
	expect(result.requests).toHaveLength(0);
}

/** The run succeeded and every expected request was made. */
export function expectDone(result: RunResult, scope: nock.Scope) {
	expect(result.error).toBeUndefined();
	expect(scope.isDone()).toBe(true);
}

/** A list answer. */
export function page(records: object[], next?: string) {
	return next ? { data: records, hasNext: true, next } : { data: records, hasNext: false };
}

/** The JSON of the output items. */
export function jsonOf(result: RunResult) {
	return result.output.map((item) => item.json);
}
