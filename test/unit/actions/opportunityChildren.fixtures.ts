/** Shared ids and helpers for the tests of the opportunity sub-resources (#13-#51). */
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import type { RunResult } from '../../helpers/runNode';

export const LEVER = 'http://lever.test';
export const OPP = '250d8f03-738a-4bba-a671-8a3d73477145';
export const USER = '8d49b010-cc6a-4f40-ace5-e86061c677ed';
export const USER_2 = '9e5ac121-dd7b-4f51-bdf6-f97172d788fe';
export const CHILD = '7b8e1b6e-0f0c-4f5e-9a43-2a6a2f1f7c11';
export const PANEL = '1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
export const TEMPLATE = 'c2e1f0a9-8b7c-4d6e-9f01-23456789abcd';

/** The opportunity as the resource locator stores it. */
export const opportunity = { __rl: true, mode: 'id', value: OPP };
export const performAs = { __rl: true, mode: 'list', value: USER };

/** nock for every test file: no real network, no leftover interceptors. */
export function useNock() {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}

/** The run failed on input validation, naming `field`, and nothing was sent. */
export function expectInputError(result: RunResult, field: string) {
	expect(result.error).toBeInstanceOf(NodeOperationError);
	expect(result.error?.message).toContain(field);
	expect(result.requests).toHaveLength(0);
}

/** Items of a list answer. */
export function page(records: object[], next?: string) {
	return next ? { data: records, hasNext: true, next } : { data: records, hasNext: false };
}
