import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import {
	CHILD,
	LEVER,
	OPP,
	PANEL,
	TEMPLATE,
	USER,
	expectDone,
	expectInputError,
	opportunity,
	page,
	performAs,
	useNock,
} from '../../../helpers/fixtures';
import type { Refusal } from '../../../helpers/fixtures';

useNock();

/** The resource mapper's value as the editor stores it for a scorecard template. */
function scorecard(value: Record<string, unknown>) {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: [
			{ id: 'f-rating', displayName: 'Overall', required: true, defaultMatch: false, display: true, type: 'options', options: [
				{ name: '4 - Strong Hire', value: '4 - Strong Hire' },
				{ name: '3 - Hire', value: '3 - Hire' },
			] },
			{ id: 'f-notes', displayName: 'Notes', required: false, defaultMatch: false, display: true, type: 'string' },
			{ id: 'f-start', displayName: 'Can start', required: false, defaultMatch: false, display: true, type: 'dateTime' },
			{ id: 'f-langs', displayName: 'Languages', required: false, defaultMatch: false, display: true, type: 'array' },
			{ id: 'f-card', displayName: 'Skills', required: false, defaultMatch: false, display: true, type: 'array' },
			{ id: 'f-thumb', displayName: 'Thumbs', required: false, defaultMatch: false, display: true, type: 'options', options: [
				{ name: '1 - Strong No', value: 1 },
				{ name: '4 - Strong Yes', value: 4 },
			] },
		],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

const created = { id: CHILD, baseTemplateId: TEMPLATE, user: USER, fields: [] };

describe('Feedback resource', () => {
	it('creates a feedback form from the template fields, converting dates, lists and scores', async () => {
		let sentBody: unknown;
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/feedback`, (body) => {
				sentBody = body;
				return true;
			})
			.query({ perform_as: USER })
			.reply(201, { data: created });
		const result = await runLever({
			parameters: {
				resource: 'feedback',
				operation: 'create',
				opportunityId: opportunity,
				performAs,
				templateId: TEMPLATE,
				fieldValues: scorecard({
					'f-rating': '3 - Hire',
					'f-notes': 'Strong on systems',
					'f-start': '2026-03-01T00:00:00Z',
					'f-langs': 'Go, TypeScript',
					'f-card': '[{"score": 3, "comment": "Solid"}]',
					'f-thumb': '4',
				}),
				additionalFields: { completedAt: '2026-02-01T10:00:00Z', panel: PANEL, interview: CHILD },
			},
		});
		expectDone(result, scope);
		expect(sentBody).toEqual({
			baseTemplateId: TEMPLATE,
			fieldValues: [
				{ id: 'f-rating', value: '3 - Hire' },
				{ id: 'f-notes', value: 'Strong on systems' },
				{ id: 'f-start', value: 1772323200000 },
				{ id: 'f-langs', value: ['Go', 'TypeScript'] },
				{ id: 'f-card', value: [{ score: 3, comment: 'Solid' }] },
				{ id: 'f-thumb', value: 4 },
			],
			completedAt: 1769940000000,
			panel: PANEL,
			interview: CHILD,
		});
		expect(result.output).toEqual([{ json: created, pairedItem: { item: 0 } }]);
	});

	it('leaves template fields without a value out of fieldValues', async () => {
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/feedback`, { baseTemplateId: TEMPLATE, fieldValues: [{ id: 'f-rating', value: '4 - Strong Hire' }] })
			.query({ perform_as: USER })
			.reply(201, { data: created });
		const result = await runLever({
			parameters: {
				resource: 'feedback',
				operation: 'create',
				opportunityId: opportunity,
				performAs,
				templateId: TEMPLATE,
				fieldValues: scorecard({ 'f-rating': '4 - Strong Hire', 'f-notes': '' }),
				additionalFields: {},
			},
		});
		expectDone(result, scope);
	});

	const create = {
		resource: 'feedback',
		operation: 'create',
		opportunityId: opportunity,
		performAs,
		templateId: TEMPLATE,
		fieldValues: scorecard({ 'f-rating': '3 - Hire' }),
		additionalFields: {},
	};

	it.each<Refusal>([
		['without Perform As', { performAs: { __rl: true, mode: 'list', value: '' } }, 'Perform As'],
		['that leaves a required template field empty', { fieldValues: scorecard({ 'f-notes': 'no rating given' }) }, 'Fields > Overall'],
		['a value that is not one of the template choices', { fieldValues: scorecard({ 'f-rating': 'Maybe' }) }, 'Fields > Overall'],
		['a template date field that is not a date', { fieldValues: scorecard({ 'f-rating': '3 - Hire', 'f-start': 'soon' }) }, 'Fields > Can start'],
		['a completion time that is not a date', { additionalFields: { completedAt: 'after lunch' } }, 'Additional Fields > Completed At'],
		['a panel without its interview (Lever needs both or neither)', { additionalFields: { panel: PANEL } }, 'Interview ID'],
		['without a template', { templateId: '' }, 'Template Name or ID'],
	])('refuses a create %s before any request, naming the field', async (_case, changes, field) => {
		expectInputError(await runLever({ parameters: { ...create, ...changes } }), field);
	});

	it('gets one feedback form with the user expanded', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/feedback/${CHILD}`)
			.query({ expand: 'user' })
			.reply(200, { data: { id: CHILD, user: { id: USER, name: 'Jane' } } });
		const result = await runLever({
			parameters: { resource: 'feedback', operation: 'get', opportunityId: opportunity, feedbackId: CHILD, expand: ['user'] },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { id: CHILD, user: { id: USER, name: 'Jane' } }, pairedItem: { item: 0 } }]);
	});

	it('lists every feedback form of an opportunity across pages', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/feedback`)
			.query({ limit: 100 })
			.reply(200, page([{ id: 'f1' }], 'tok-1'))
			.get(`/v1/opportunities/${OPP}/feedback`)
			.query({ limit: 100, offset: 'tok-1' })
			.reply(200, page([{ id: 'f2' }]));
		const result = await runLever({
			parameters: { resource: 'feedback', operation: 'getMany', opportunityId: opportunity, returnAll: true, expand: [] },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([
			{ json: { id: 'f1' }, pairedItem: { item: 0 } },
			{ json: { id: 'f2' }, pairedItem: { item: 0 } },
		]);
	});

	it('updates the answers and completion time of a feedback form', async () => {
		const scope = nock(LEVER)
			.put(`/v1/opportunities/${OPP}/feedback/${CHILD}`, {
				completedAt: 1769940000000,
				fieldValues: [
					{ id: 'f-rating', value: '4 - Strong Hire' },
					{ id: 'f-notes', value: 'Revised' },
				],
			})
			.query({ perform_as: USER })
			.reply(200, { data: { id: CHILD, completedAt: 1769940000000 } });
		const result = await runLever({
			parameters: {
				resource: 'feedback',
				operation: 'update',
				opportunityId: opportunity,
				feedbackId: CHILD,
				performAs,
				templateId: TEMPLATE,
				fieldValues: scorecard({ 'f-rating': '4 - Strong Hire', 'f-notes': 'Revised' }),
				updateFields: { completedAt: '2026-02-01T10:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { id: CHILD, completedAt: 1769940000000 }, pairedItem: { item: 0 } }]);
	});

	it('refuses an update with a malformed feedback ID before any request', async () => {
		const result = await runLever({
			parameters: {
				resource: 'feedback',
				operation: 'update',
				opportunityId: opportunity,
				feedbackId: 'abc',
				performAs,
				templateId: TEMPLATE,
				fieldValues: scorecard({ 'f-rating': '4 - Strong Hire' }),
				updateFields: {},
			},
		});
		expectInputError(result, 'Feedback ID');
	});

	it('deletes a feedback form as the Perform As user and reports it', async () => {
		const scope = nock(LEVER).delete(`/v1/opportunities/${OPP}/feedback/${CHILD}`).query({ perform_as: USER }).reply(204);
		const result = await runLever({
			parameters: { resource: 'feedback', operation: 'delete', opportunityId: opportunity, feedbackId: CHILD, performAs },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([
			{ json: { success: true, deleted: true, opportunity: OPP, feedback: CHILD }, pairedItem: { item: 0 } },
		]);
	});

	it('refuses a delete without Perform As before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'feedback', operation: 'delete', opportunityId: opportunity, feedbackId: CHILD, performAs: '' },
		});
		expectInputError(result, 'Perform As');
	});
});
