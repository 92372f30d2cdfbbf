import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import {
	CHILD,
	LEVER,
	OPP,
	PANEL,
	TEMPLATE,
	USER,
	USER_2,
	expectDone,
	expectInputError,
	opportunity,
	page,
	performAs,
	useNock,
} from '../../../helpers/fixtures';
import type { Refusal } from '../../../helpers/fixtures';

useNock();

const interview = { id: CHILD, panel: PANEL, date: 1772359200000, duration: 45, interviewers: [{ id: USER }] };

function writeParameters(operation: 'create' | 'update', overrides: Record<string, unknown> = {}) {
	return {
		resource: 'interview',
		operation,
		opportunityId: opportunity,
		performAs,
		panel: PANEL,
		interviewers: [USER, USER_2],
		date: '2026-03-01T10:00:00Z',
		duration: 45,
		additionalFields: {},
		...(operation === 'update' ? { interviewId: CHILD } : {}),
		...overrides,
	};
}

describe('Interview resource', () => {
	it('creates an interview on a panel with interviewers, date in ms and extra fields', async () => {
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/interviews`, {
				panel: PANEL,
				interviewers: [{ id: USER }, { id: USER_2 }],
				date: 1772359200000,
				duration: 45,
				subject: 'System design',
				location: 'Room 4',
				feedbackTemplate: TEMPLATE,
				feedbackReminder: 'once',
			})
			.query({ perform_as: USER })
			.reply(201, { data: interview });
		const result = await runLever({
			parameters: writeParameters('create', {
				additionalFields: { subject: 'System design', location: 'Room 4', feedbackTemplate: TEMPLATE, feedbackReminder: 'once' },
			}),
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: interview, pairedItem: { item: 0 } }]);
	});

	it('replaces an interview with PUT and the same body shape', async () => {
		const scope = nock(LEVER)
			.put(`/v1/opportunities/${OPP}/interviews/${CHILD}`, {
				panel: PANEL,
				interviewers: [{ id: USER }, { id: USER_2 }],
				date: 1772359200000,
				duration: 45,
			})
			.query({ perform_as: USER })
			.reply(200, { data: interview });
		const result = await runLever({ parameters: writeParameters('update') });
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: interview, pairedItem: { item: 0 } }]);
	});

	it('gets one interview with feedback forms expanded', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/interviews/${CHILD}`)
			.query({ expand: 'feedbackForms' })
			.reply(200, { data: interview });
		const result = await runLever({
			parameters: { resource: 'interview', operation: 'get', opportunityId: opportunity, interviewId: CHILD, expand: ['feedbackForms'] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: interview, pairedItem: { item: 0 } }]);
	});

	it('lists the interviews of an opportunity', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/interviews`)
			.query({ limit: 10 })
			.reply(200, page([interview]));
		const result = await runLever({
			parameters: { resource: 'interview', operation: 'getMany', opportunityId: opportunity, returnAll: false, limit: 10, expand: [] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: interview, pairedItem: { item: 0 } }]);
	});

	it('deletes an interview as the Perform As user', async () => {
		const scope = nock(LEVER).delete(`/v1/opportunities/${OPP}/interviews/${CHILD}`).query({ perform_as: USER }).reply(204);
		const result = await runLever({
			parameters: { resource: 'interview', operation: 'delete', opportunityId: opportunity, interviewId: CHILD, performAs },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output[0].json).toMatchObject({ success: true, deleted: true, interview: CHILD });
	});

	it.each<[operation: 'create' | 'update', ...Refusal]>([
		['create', 'without interviewers', { interviewers: [] }, 'Interviewer Names or IDs'],
		['create', 'whose date is not a date', { date: 'next week' }, 'Date'],
		['create', 'whose duration is not a whole number of minutes', { duration: 0 }, 'Duration (Minutes)'],
		['create', 'with a malformed panel ID', { panel: 'panel-1' }, 'Panel ID'],
		['create', 'without Perform As', { performAs: '' }, 'Perform As'],
		['update', 'with a malformed interview ID', { interviewId: 'x' }, 'Interview ID'],
	])('refuses a %s %s before any request', async (operation, _case, changes, field) => {
		expectInputError(await runLever({ parameters: writeParameters(operation, changes) }), field);
	});
});
