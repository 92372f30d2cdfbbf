/**
 * The operation contract (actions/types.ts, actions/execute.ts): a row's `performAs`, `expand`, `list` and
 * `output` mean the same on every path. Rows run the standard steps; the few that keep their own `execute`
 * call the same steps, and each such row has a case below proving it honours what it declares. A new row
 * with its own `execute` and a declared field fails here until it has a case.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { RESOURCES } from '../../../nodes/Lever/actions/resources';
import type { LeverOperation } from '../../../nodes/Lever/actions/types';
import type { RunResult } from '../../helpers/runNode';
import { runLever } from '../../helpers/runNode';
import { byId, expectDone, useNock } from '../../helpers/fixtures';

const OPP = '250d8f03-738a-4bba-a671-8a3d73477145';
const USER = '8d49b010-cc6a-4f40-ace5-e86061c677ed';

const rows = RESOURCES.flatMap((resource) => resource.operations.map((operation) => ({ key: `${resource.value}.${operation.value}`, operation })));
const withExecute = rows.filter(({ operation }) => operation.execute);
const DECLARED = ['performAs', 'expand', 'list', 'output'] as const;
const declared = (operation: LeverOperation) => DECLARED.filter((field) => operation[field] !== undefined);

/** Per row with its own execute: a run that exercises each declared field, and what proves it was honoured. */
const HONOURS: Record<string, { parameters: Record<string, unknown>; lever: () => nock.Scope; check: (result: RunResult) => void }> = {
	'opportunity.create': {
		parameters: { mode: 'findOrCreate', performAs: byId(USER), name: 'Jane Doe', emails: 'jane@example.com', options: {} },
		lever: () =>
			nock('http://lever.test')
				.get('/v1/opportunities')
				.query(true)
				.reply(200, { data: [], hasNext: false })
				.post('/v1/opportunities')
				.query({ perform_as: USER })
				.reply(201, { data: { id: OPP } }),
		check: ({ requests }) => {
			const create = requests.find((request) => request.method === 'POST');
			expect(new URL(create!.url).searchParams.get('perform_as')).toBe(USER);
		},
	},
};

useNock();

describe('the operation contract', () => {
	it('only operations that are more than one request keep their own execute', () => {
		expect(withExecute.map(({ key }) => key).sort()).toEqual(['customApiCall.request', 'opportunity.create']);
	});

	it('every row with its own execute and a declared field has a case proving it honours the field', () => {
		const missing = withExecute.filter(({ key, operation }) => declared(operation).length && !HONOURS[key]).map(({ key }) => key);
		expect(missing).toEqual([]);
	});

	it.each(Object.entries(HONOURS))('%s honours what it declares', async (key, { parameters, lever, check }) => {
		const [resource, operation] = key.split('.');
		const scope = lever();
		const result = await runLever({ parameters: { resource, operation, ...parameters } });
		expectDone(result, scope);
		check(result);
	});
});

describe('the standard steps', () => {
	it("pass the item's Request Options to every request, a download's file-name look-up included", async () => {
		const RESUME = '7b8e1b6e-0f0c-4f5e-9a43-2a6a2f1f7c11';
		nock('http://lever.test')
			.get(`/v1/opportunities/${OPP}/resumes/${RESUME}/download`)
			.reply(200, Buffer.from('cv'), { 'content-type': 'application/pdf' })
			.get(`/v1/opportunities/${OPP}/resumes/${RESUME}`)
			.times(2)
			.reply(503, { code: 'ServiceUnavailable', message: 'busy' });
		const result = await runLever({
			parameters: {
				resource: 'resume',
				operation: 'download',
				opportunityId: byId(OPP),
				resumeId: RESUME,
				binaryPropertyName: 'data',
				requestOptions: { maxAttempts: 2, maxRetrySeconds: 5 },
			},
		});
		// Max Attempts 2 bounded the look-up: one download, two tries of the metadata, then Lever's error.
		expect(result.requests.map((request) => new URL(request.url).pathname)).toEqual([
			`/v1/opportunities/${OPP}/resumes/${RESUME}/download`,
			`/v1/opportunities/${OPP}/resumes/${RESUME}`,
			`/v1/opportunities/${OPP}/resumes/${RESUME}`,
		]);
		expect(result.error?.message).toMatch(/busy|unavailable|503/i);
	});

	it('refuses a bad Request Options value before any request, naming the field', async () => {
		const result = await runLever({
			parameters: { resource: 'tag', operation: 'getMany', returnAll: true, requestOptions: { maxAttempts: 0 } },
		});
		expect(result.error?.message).toContain('Request Options > Max Attempts');
		expect(result.requests).toHaveLength(0);
	});

	it('apply the row output to records read by a records hook (Posting > Get Users)', async () => {
		nock('http://lever.test')
			.get(`/v1/postings/${OPP}/users`)
			.reply(200, { posting: { id: OPP }, users: [{ id: USER, name: 'Ada' }], roles: [] });
		const result = await runLever({ parameters: { resource: 'posting', operation: 'getUsers', postingId: byId(OPP), output: 'users' } });
		expect(result.output.map((item) => item.json as IDataObject)).toEqual([{ id: USER, name: 'Ada', postingId: OPP }]);
	});
});
