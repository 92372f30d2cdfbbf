import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, USER, expectDone, expectInputError, opportunity, page, performAs, useNock } from '../../../helpers/fixtures';
import type { Refusal } from '../../../helpers/fixtures';

useNock();

const THREAD = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const note = { id: CHILD, text: 'Note', secret: false, fields: [{ type: 'note', text: 'Comment', value: 'Great call' }] };

describe('Note resource', () => {
	it('creates a note with score, secret flag and back-dated time', async () => {
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/notes`, {
				value: 'Great call with @jane',
				score: 4,
				secret: true,
				notifyFollowers: true,
				createdAt: 1769940000000,
			})
			.query({ perform_as: USER })
			.reply(201, { data: { ...note, noteId: CHILD } });
		const result = await runLever({
			parameters: {
				resource: 'note',
				operation: 'create',
				opportunityId: opportunity,
				performAs,
				value: 'Great call with @jane',
				additionalFields: { score: 4, secret: true, notifyFollowers: true, createdAt: '2026-02-01T10:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: { ...note, noteId: CHILD }, pairedItem: { item: 0 } }]);
	});

	it('creates a note without Perform As (it is optional) as a reply to a thread', async () => {
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/notes`, { value: 'Agreed' })
			.query({ note_id: THREAD })
			.reply(201, { data: note });
		const result = await runLever({
			parameters: {
				resource: 'note',
				operation: 'create',
				opportunityId: opportunity,
				performAs: { __rl: true, mode: 'id', value: '' },
				value: 'Agreed',
				additionalFields: { noteId: THREAD },
			},
		});
		expectDone(result, scope);
	});

	const create = { resource: 'note', operation: 'create', opportunityId: opportunity, performAs, value: 'Hi', additionalFields: {} };

	it.each<Refusal>([
		['an empty note text', { value: '  ' }, 'Text'],
		['a back-dated time that is not a date', { additionalFields: { createdAt: 'last week' } }, 'Additional Fields > Created At'],
		['a malformed thread ID to reply to', { additionalFields: { noteId: '42' } }, 'Reply To Note ID'],
		['a malformed optional Perform As user', { performAs: { __rl: true, mode: 'id', value: 'jane' } }, 'Perform As'],
	])('refuses %s before any request', async (_case, changes, field) => {
		expectInputError(await runLever({ parameters: { ...create, ...changes } }), field);
	});

	it('gets one note with the author expanded', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/notes/${CHILD}`).query({ expand: 'user' }).reply(200, { data: note });
		const result = await runLever({
			parameters: { resource: 'note', operation: 'get', opportunityId: opportunity, noteId: CHILD, expand: ['user'] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: note, pairedItem: { item: 0 } }]);
	});

	it('lists the notes of an opportunity', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/notes`).query({ limit: 5 }).reply(200, page([note]));
		const result = await runLever({
			parameters: { resource: 'note', operation: 'getMany', opportunityId: opportunity, returnAll: false, limit: 5, expand: [] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: note, pairedItem: { item: 0 } }]);
	});

	it('replaces a note thread with the given comments and fields', async () => {
		const scope = nock(LEVER)
			.put(`/v1/opportunities/${OPP}/notes/${CHILD}`, {
				values: [{ value: 'First', createdAt: 1769940000000 }, { value: 'Second' }],
				score: 2,
				secret: false,
				user: USER,
			})
			.reply(200, { data: note });
		const result = await runLever({
			parameters: {
				resource: 'note',
				operation: 'update',
				opportunityId: opportunity,
				noteId: CHILD,
				comments: { comment: [{ value: 'First', createdAt: '2026-02-01T10:00:00Z' }, { value: 'Second', createdAt: '' }] },
				updateFields: { score: 2, secret: false, user: USER },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: note, pairedItem: { item: 0 } }]);
	});

	const update = { resource: 'note', operation: 'update', opportunityId: opportunity, noteId: CHILD, updateFields: {} };

	it.each<Refusal>([
		['without comments', { comments: {} }, 'Comments'],
		['whose comment date is not a date', { comments: { comment: [{ value: 'First', createdAt: 'yesterday-ish' }] } }, 'Comments > Comment 1 > Created At'],
	])('refuses an update %s before any request', async (_case, changes, field) => {
		expectInputError(await runLever({ parameters: { ...update, ...changes } }), field);
	});

	it('deletes a note by its ID', async () => {
		const scope = nock(LEVER).delete(`/v1/opportunities/${OPP}/notes/${CHILD}`).reply(204);
		const result = await runLever({ parameters: { resource: 'note', operation: 'delete', opportunityId: opportunity, noteId: CHILD } });
		expect(scope.isDone()).toBe(true);
		expect(result.output[0].json).toMatchObject({ success: true, deleted: true, noteId: CHILD });
	});

	it('refuses a malformed note ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'note', operation: 'delete', opportunityId: opportunity, noteId: 'n1' } });
		expectInputError(result, 'Note ID');
	});
});
