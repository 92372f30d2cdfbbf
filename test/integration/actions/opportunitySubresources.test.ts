/**
 * Multi-step flows of the opportunity sub-resources against the Lever emulator: what one operation
 * creates, the next reads back, through the node's real transport.
 */
import type { IDataObject, ILoadOptionsFunctions, ResourceMapperField } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { apiKeyCredentials, createContext, runLever } from '../../helpers/runNode';
import type { RunOptions } from '../../helpers/runNode';
import { getFeedbackTemplateFields, getFormTemplateFields } from '../../../nodes/Lever/methods/resourceMapping';
import { byId } from '../../helpers/fixtures';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Rec = IDataObject & { id: string };

let emu: Emulator;
let credentials: IDataObject;
let opportunityId: string;
let userId: string;
let otherUserId: string;


async function run(parameters: RunOptions['parameters'], items?: RunOptions['items']) {
	const result = await runLever({ parameters, items, credentials });
	if (result.error) throw result.error;
	return result.output;
}

function records(collection: string): Rec[] {
	return (emu.state as unknown as Record<string, { order: Rec[] }>)[collection].order;
}

/** Fills every mapper field with a value Lever accepts for the template field's type. */
function fillTemplate(template: Rec, fields: ResourceMapperField[]) {
	const leverFields = template.fields as Rec[];
	const value: IDataObject = {};
	for (const field of fields) {
		const lever = leverFields.find((candidate) => candidate.id === field.id);
		const options = ((lever?.options as IDataObject[] | undefined) ?? []).map((option) => String(option.text));
		if (lever?.type === 'multiple-select') value[field.id] = JSON.stringify(options.slice(0, 1));
		else if (lever?.type === 'scorecard') value[field.id] = JSON.stringify(((lever.scores as IDataObject[]) ?? []).map(() => ({ score: 3, comment: 'ok' })));
		else if (field.type === 'options') value[field.id] = field.options?.[0]?.value ?? null;
		else if (field.type === 'number') value[field.id] = 1000;
		else if (field.type === 'dateTime') value[field.id] = '2026-01-15T00:00:00Z';
		else value[field.id] = 'Looks good';
	}
	return { mappingMode: 'defineBelow', value, matchingColumns: [], schema: fields, attemptToConvertTypes: false, convertFieldsToString: false };
}

function loadOptionsContext(templateId: string) {
	return createContext({ parameters: { templateId }, credentials }, [], []) as unknown as ILoadOptionsFunctions;
}

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 5, rateLimit: { perSecond: 1000, burst: 1000 } });
	credentials = apiKeyCredentials(emu.apiUrl);
	opportunityId = records('opportunities')[0].id;
	const active = records('users').filter((user) => !user.deactivatedAt);
	userId = active[0].id;
	otherUserId = active[1].id;
});

afterAll(async () => {
	await emu.close();
});

describe('opportunity sub-resources against the emulator', () => {
	it('schedules a panel, adds an interview, files scorecard feedback on it and reads everything back', async () => {
		const [panel] = await run({
			resource: 'panel',
			operation: 'create',
			opportunityId: byId(opportunityId),
			performAs: byId(userId),
			interviews: { interview: [{ subject: 'Intro', date: '2026-03-02T09:00:00Z', duration: 30, interviewers: [userId] }] },
			additionalFields: { timezone: 'Europe/Berlin', note: 'Onsite day' },
		});
		expect(panel.json).toMatchObject({ timezone: 'Europe/Berlin', externallyManaged: true });
		const panelId = String(panel.json.id);

		const [interview] = await run({
			resource: 'interview',
			operation: 'create',
			opportunityId: byId(opportunityId),
			performAs: byId(userId),
			panel: panelId,
			interviewers: [userId, otherUserId],
			date: '2026-03-02T10:00:00Z',
			duration: 45,
			additionalFields: { subject: 'System design' },
		});
		expect(interview.json).toMatchObject({ panel: panelId, duration: 45, subject: 'System design' });
		const interviewId = String(interview.json.id);

		const template = records('feedbackTemplates').find((candidate) => (candidate.fields as Rec[]).length > 1)!;
		const mapper = await getFeedbackTemplateFields.call(loadOptionsContext(template.id));
		expect(mapper.fields.length).toBeGreaterThan(0);
		const [feedback] = await run({
			resource: 'feedback',
			operation: 'create',
			opportunityId: byId(opportunityId),
			performAs: byId(userId),
			templateId: template.id,
			fieldValues: fillTemplate(template, mapper.fields),
			additionalFields: { panel: panelId, interview: interviewId },
		});
		expect(feedback.json).toMatchObject({ baseTemplateId: template.id, panel: panelId, interview: interviewId, user: userId });
		const feedbackId = String(feedback.json.id);

		const listed = await run({ resource: 'feedback', operation: 'getMany', opportunityId: byId(opportunityId), returnAll: true, expand: [] });
		expect(listed.map((item) => item.json.id)).toContain(feedbackId);
		const [readBack] = await run({ resource: 'feedback', operation: 'get', opportunityId: byId(opportunityId), feedbackId, expand: ['user'] });
		expect((readBack.json.user as IDataObject).id).toBe(userId);
		const filled = (readBack.json.fields as IDataObject[]).filter((field) => field.value !== null && field.value !== undefined);
		expect(filled.length).toBe(mapper.fields.length);

		const [interviewRead] = await run({ resource: 'interview', operation: 'get', opportunityId: byId(opportunityId), interviewId, expand: [] });
		expect(interviewRead.json.feedbackForms).toContain(feedbackId);

		const [deleted] = await run({ resource: 'feedback', operation: 'delete', opportunityId: byId(opportunityId), feedbackId, performAs: byId(userId) });
		expect(deleted.json).toMatchObject({ success: true, deleted: true });

		await run({ resource: 'panel', operation: 'delete', opportunityId: byId(opportunityId), panelId, performAs: byId(userId) });
		const panels = await run({ resource: 'panel', operation: 'getMany', opportunityId: byId(opportunityId), returnAll: true, expand: [] });
		expect(panels.map((item) => item.json.id)).not.toContain(panelId);
	});

	it('uploads a file from binary data, lists it, downloads the same bytes and deletes it', async () => {
		const bytes = Buffer.from('Portfolio of Jane Doe\n');
		const [uploaded] = await run(
			{ resource: 'file', operation: 'upload', opportunityId: byId(opportunityId), performAs: byId(userId), binaryPropertyName: 'data', options: {} },
			[{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'text/plain', fileName: 'portfolio.txt' } } }],
		);
		expect(uploaded.json).toMatchObject({ name: 'portfolio.txt' });
		const fileId = String(uploaded.json.id);

		const files = await run({ resource: 'file', operation: 'getMany', opportunityId: byId(opportunityId), returnAll: true, filters: {} });
		expect(files.map((item) => item.json.id)).toContain(fileId);

		const [downloaded] = await run({ resource: 'file', operation: 'download', opportunityId: byId(opportunityId), fileId, binaryPropertyName: 'file' });
		expect(downloaded.json).toMatchObject({ fileId, fileName: 'portfolio.txt' });
		expect(Buffer.from(downloaded.binary!.file.data, 'base64').equals(bytes)).toBe(true);

		await run({ resource: 'file', operation: 'delete', opportunityId: byId(opportunityId), fileId, performAs: byId(userId) });
		const after = await run({ resource: 'file', operation: 'getMany', opportunityId: byId(opportunityId), returnAll: true, filters: {} });
		expect(after.map((item) => item.json.id)).not.toContain(fileId);
	});

	it('lists files the same whether Lever wraps the list or answers a bare array (its documented example)', async () => {
		const withFiles = records('files').map((file) => String(file._opp)).find((id) => (emu.state.opportunities.get(id) as Rec).confidentiality !== 'confidential')!;
		const list = async () =>
			(await run({ resource: 'file', operation: 'getMany', opportunityId: byId(withFiles), returnAll: true, filters: {} })).map((item) => item.json.id);
		const wrapped = await list();
		expect(wrapped.length).toBeGreaterThan(0);
		emu.configure({ bareFileList: true });
		try {
			expect(await list()).toEqual(wrapped);
		} finally {
			emu.configure({ bareFileList: false });
		}
	});

	it('writes a note, replies to it, replaces its thread and deletes it', async () => {
		const [note] = await run({
			resource: 'note',
			operation: 'create',
			opportunityId: byId(opportunityId),
			performAs: byId(userId),
			value: 'First impression: strong',
			additionalFields: { score: 4 },
		});
		const noteId = String(note.json.id);
		await run({
			resource: 'note',
			operation: 'create',
			opportunityId: byId(opportunityId),
			performAs: byId(otherUserId),
			value: 'Agreed, let us move on',
			additionalFields: { noteId },
		});
		const [thread] = await run({ resource: 'note', operation: 'get', opportunityId: byId(opportunityId), noteId, expand: [] });
		expect(JSON.stringify(thread.json.fields)).toContain('Agreed, let us move on');
		const [updated] = await run({
			resource: 'note',
			operation: 'update',
			opportunityId: byId(opportunityId),
			noteId,
			comments: { comment: [{ value: 'Revised impression', createdAt: '' }] },
			updateFields: { secret: true },
		});
		expect(updated.json).toMatchObject({ id: noteId, secret: true });
		const [read] = await run({ resource: 'note', operation: 'get', opportunityId: byId(opportunityId), noteId, expand: [] });
		expect(JSON.stringify(read.json.fields)).toContain('Revised impression');
		await run({ resource: 'note', operation: 'delete', opportunityId: byId(opportunityId), noteId });
		const notes = await run({ resource: 'note', operation: 'getMany', opportunityId: byId(opportunityId), returnAll: true, expand: [] });
		expect(notes.map((item) => item.json.id)).not.toContain(noteId);
	});

	it('fills a profile form from its template and reads it back', async () => {
		const template = records('formTemplates')[0];
		const mapper = await getFormTemplateFields.call(loadOptionsContext(template.id));
		const [form] = await run({
			resource: 'profileForm',
			operation: 'create',
			opportunityId: byId(opportunityId),
			performAs: byId(userId),
			templateId: template.id,
			fields: fillTemplate(template, mapper.fields),
			options: {},
		});
		expect(form.json).toMatchObject({ baseTemplateId: template.id });
		const [read] = await run({ resource: 'profileForm', operation: 'get', opportunityId: byId(opportunityId), formId: String(form.json.id), expand: [] });
		expect((read.json.fields as IDataObject[]).every((field) => field.value !== null)).toBe(true);
	});
});
