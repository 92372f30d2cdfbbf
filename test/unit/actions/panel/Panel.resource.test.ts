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

const APPLICATION = '0d8a7d7e-1c2b-4a3f-9e8d-7c6b5a4f3e2d';
const panel = { id: PANEL, timezone: 'Europe/Berlin', externallyManaged: true, interviews: [{ id: CHILD }] };

function writeParameters(operation: 'create' | 'update', overrides: Record<string, unknown> = {}) {
	return {
		resource: 'panel',
		operation,
		opportunityId: opportunity,
		performAs,
		interviews: {
			interview: [
				{
					subject: 'Technical',
					date: '2026-03-01T10:00:00Z',
					duration: 60,
					interviewers: [USER],
					feedbackTemplate: TEMPLATE,
					feedbackReminder: 'daily',
					location: '',
					note: '',
				},
				{ date: '2026-03-01T11:00:00Z', duration: 30, interviewers: [USER, USER_2] },
			],
		},
		additionalFields: { timezone: 'Europe/Berlin' },
		...(operation === 'update' ? { panelId: PANEL } : {}),
		...overrides,
	};
}

describe('Panel resource', () => {
	it('creates a panel with its interviews, dates in ms and the time zone', async () => {
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/panels`, {
				timezone: 'Europe/Berlin',
				interviews: [
					{
						date: 1772359200000,
						duration: 60,
						interviewers: [{ id: USER }],
						subject: 'Technical',
						feedbackTemplate: TEMPLATE,
						feedbackReminder: 'daily',
					},
					{ date: 1772362800000, duration: 30, interviewers: [{ id: USER }, { id: USER_2 }] },
				],
				applications: [APPLICATION],
				externalUrl: 'https://scheduler.example.com/e/1',
				note: 'Bring laptop',
			})
			.query({ perform_as: USER })
			.reply(201, { data: panel });
		const result = await runLever({
			parameters: writeParameters('create', {
				additionalFields: {
					timezone: 'Europe/Berlin',
					applications: APPLICATION,
					externalUrl: 'https://scheduler.example.com/e/1',
					note: 'Bring laptop',
				},
			}),
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: panel, pairedItem: { item: 0 } }]);
	});

	it('replaces a panel, keeping an existing interview by its ID', async () => {
		const scope = nock(LEVER)
			.put(`/v1/opportunities/${OPP}/panels/${PANEL}`, {
				timezone: 'Europe/Berlin',
				interviews: [{ id: CHILD, date: 1772359200000, duration: 45, interviewers: [{ id: USER }] }],
			})
			.query({ perform_as: USER })
			.reply(200, { data: panel });
		const result = await runLever({
			parameters: writeParameters('update', {
				interviews: { interview: [{ id: CHILD, date: '2026-03-01T10:00:00Z', duration: 45, interviewers: [USER] }] },
			}),
		});
		expectDone(result, scope);
	});

	it('gets one panel with the stage expanded', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/panels/${PANEL}`).query({ expand: 'stage' }).reply(200, { data: panel });
		const result = await runLever({
			parameters: { resource: 'panel', operation: 'get', opportunityId: opportunity, panelId: PANEL, expand: ['stage'] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: panel, pairedItem: { item: 0 } }]);
	});

	it('lists the panels of an opportunity', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/panels`).query({ limit: 100 }).reply(200, page([panel]));
		const result = await runLever({
			parameters: { resource: 'panel', operation: 'getMany', opportunityId: opportunity, returnAll: true, expand: [] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: panel, pairedItem: { item: 0 } }]);
	});

	it('deletes a panel as the Perform As user', async () => {
		const scope = nock(LEVER).delete(`/v1/opportunities/${OPP}/panels/${PANEL}`).query({ perform_as: USER }).reply(204);
		const result = await runLever({
			parameters: { resource: 'panel', operation: 'delete', opportunityId: opportunity, panelId: PANEL, performAs },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output[0].json).toMatchObject({ success: true, deleted: true, panel: PANEL });
	});

	it.each<Refusal>([
		['without interviews', { interviews: {} }, 'Interviews'],
		[
			'with an interview without interviewers, naming which interview',
			{ interviews: { interview: [{ date: '2026-03-01T10:00:00Z', duration: 30, interviewers: [USER] }, { date: '2026-03-01T11:00:00Z', duration: 30, interviewers: [] }] } },
			'Interviews > Interview 2 > Interviewer Names or IDs',
		],
		['with an interview without a date', { interviews: { interview: [{ date: '', duration: 30, interviewers: [USER] }] } }, 'Interviews > Interview 1 > Date'],
		['with a malformed application ID', { additionalFields: { timezone: 'UTC', applications: 'app-1' } }, 'Application IDs'],
		['without Perform As', { performAs: { __rl: true, mode: 'list', value: '' } }, 'Perform As'],
	])('refuses a panel %s before any request', async (_case, changes, field) => {
		expectInputError(await runLever({ parameters: writeParameters('create', changes) }), field);
	});

	it('refuses a malformed panel ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'panel', operation: 'delete', opportunityId: opportunity, panelId: 'abc', performAs },
		});
		expectInputError(result, 'Panel ID');
	});
});
