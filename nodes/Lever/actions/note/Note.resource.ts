import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { LeverResource } from '../types';
import { convertDates } from '../../helpers/dateFilters';
import { convertCollection, getCollection } from '../../helpers/parameters';
import { assertLeverId, invalidParameter, optionalFields, toMilliseconds } from '../../shared';

const SCORE_OPTIONS: INodePropertyOptions[] = [
	{ name: '1 - Strong No', value: 1 },
	{ name: '2 - No', value: 2 },
	{ name: '3 - Yes', value: 3 },
	{ name: '4 - Strong Yes', value: 4 },
];

const SECRET_DESCRIPTION =
	'Whether only users with access to sensitive information (and users mentioned in the note) can see it';

/** Score and Secret of a note (create) or a note thread (update); `scoreDescription` says which. */
function scoreAndSecret(scoreDescription: string): INodeProperties[] {
	return [
		{ displayName: 'Score', name: 'score', type: 'options', options: SCORE_OPTIONS, default: 3, description: scoreDescription },
		{ displayName: 'Secret', name: 'secret', type: 'boolean', default: false, description: SECRET_DESCRIPTION },
	];
}

/** #32–#36: notes (comment threads) on an opportunity. */
export const noteResource: LeverResource = {
	value: 'note',
	name: 'Note',
	description: 'Notes (comment threads) on an opportunity; only notes created through the API can be changed or deleted',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a note',
			description:
				'Add a note to an opportunity, or a comment to an existing note thread (Reply To Note ID); @username mentions notify those users',
			method: 'POST',
			path: '/opportunities/{opportunity}/notes',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'optional',
			properties: [
				{
					displayName: 'Text',
					name: 'value',
					type: 'string',
					typeOptions: { rows: 4 },
					required: true,
					default: '',
					placeholder: 'e.g. Great call with @jane, moving forward',
					description: 'The note text; @username mentions notify the mentioned Lever users',
				},
				optionalFields('additionalFields', [
					{
						displayName: 'Created At',
						name: 'createdAt',
						type: 'dateTime',
						default: '',
						description: 'Back-date the note (must be in the past)',
					},
					{
						displayName: 'Notify Followers',
						name: 'notifyFollowers',
						type: 'boolean',
						default: false,
						description: 'Whether to notify the followers of the opportunity',
					},
					{
						displayName: 'Reply To Note ID',
						name: 'noteId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
						description: 'Add the text as a comment to this existing note thread instead of starting a new note',
					},
					...scoreAndSecret('Rating attached to the note'),
				]),
			],
			request(i) {
				const node = this.getNode();
				const value = String(this.getNodeParameter('value', i, '') ?? '');
				if (!value.trim()) {
					throw invalidParameter(node, i, 'Text', 'is empty', 'Enter the text of the note');
				}
				const extra = convertCollection(
					this,
					i,
					'Additional Fields',
					convertDates(this, i, 'Additional Fields', getCollection(this, 'additionalFields', i), { createdAt: 'Created At' }),
				);
				const qs: IDataObject = {};
				if (extra.noteId !== undefined) {
					qs.note_id = assertLeverId(node, i, 'Additional Fields > Reply To Note ID', String(extra.noteId));
					delete extra.noteId;
				}
				return { qs, body: { value, ...extra } };
			},
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a note',
			description: 'Delete a note that was created through the API',
			method: 'DELETE',
			path: '/opportunities/{opportunity}/notes/{noteId}',
			pathParameters: { opportunity: 'opportunity' },
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a note',
			description: 'Retrieve one note of an opportunity with all comments of its thread',
			method: 'GET',
			path: '/opportunities/{opportunity}/notes/{note}',
			pathParameters: { opportunity: 'opportunity' },
			expand: ['user'],
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many notes',
			description: 'List the notes of an opportunity with their comment threads',
			method: 'GET',
			path: '/opportunities/{opportunity}/notes',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: ['user'],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a note',
			description:
				'Replace a note created through the API: its thread becomes exactly the comments given (score and secret apply to the whole thread)',
			method: 'PUT',
			path: '/opportunities/{opportunity}/notes/{note}',
			pathParameters: { opportunity: 'opportunity' },
			properties: [
				{
					displayName: 'Comments',
					name: 'comments',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					required: true,
					placeholder: 'Add Comment',
					default: {},
					description: 'The comments of the note thread after the update, first one first (at least one)',
					options: [
						{
							displayName: 'Comment',
							name: 'comment',
							values: [
								{
									displayName: 'Created At',
									name: 'createdAt',
									type: 'dateTime',
									default: '',
									description: 'When the comment was written (keeps the original time if left empty)',
								},
								{
									displayName: 'Text',
									name: 'value',
									type: 'string',
									typeOptions: { rows: 3 },
									default: '',
									description: 'The comment text',
								},
							],
						},
					],
				},
				optionalFields('updateFields', [
					{
						displayName: 'Author User ID',
						name: 'user',
						type: 'string',
						default: '',
						placeholder: 'e.g. 8d49b010-cc6a-4f40-ace5-e86061c677ed',
						description: 'The Lever user shown as the author of the note',
					},
					{
						displayName: 'Completed At',
						name: 'completedAt',
						type: 'dateTime',
						default: '',
					},
					{
						displayName: 'Created At',
						name: 'createdAt',
						type: 'dateTime',
						default: '',
					},
					...scoreAndSecret('Rating attached to the note thread'),
				]),
			],
			request(i) {
				const node = this.getNode();
				const entries = ((getCollection(this, 'comments', i).comment as IDataObject[] | undefined) ?? []).filter(Boolean);
				if (!entries.length) {
					throw invalidParameter(node, i, 'Comments', 'is empty', 'Add at least one comment: the update replaces the whole thread');
				}
				const values = entries.map((entry, index) => {
					const label = `Comments > Comment ${index + 1}`;
					const text = String(entry.value ?? '');
					if (!text.trim()) throw invalidParameter(node, i, `${label} > Text`, 'is empty', 'Enter the comment text or remove the comment');
					const comment: IDataObject = { value: text };
					if (entry.createdAt !== undefined && entry.createdAt !== '') {
						comment.createdAt = toMilliseconds(this, i, `${label} > Created At`, entry.createdAt);
					}
					return comment;
				});
				const fields = convertCollection(
					this,
					i,
					'Update Fields',
					convertDates(this, i, 'Update Fields', getCollection(this, 'updateFields', i), {
						completedAt: 'Completed At',
						createdAt: 'Created At',
					}),
				);
				if (fields.user !== undefined) fields.user = assertLeverId(node, i, 'Update Fields > Author User ID', String(fields.user));
				return { body: { values, ...fields } };
			},
		},
	],
};
