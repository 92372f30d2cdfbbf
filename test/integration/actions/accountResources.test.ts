/**
 * Multi-step flows of the account-level resources (#52-#106) against the Lever emulator: what one
 * operation creates, the next reads back, through the node's real transport.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { apiKeyCredentials, runLever } from '../../helpers/runNode';
import type { RunOptions } from '../../helpers/runNode';
import { byId } from '../../helpers/fixtures';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Rec = IDataObject & { id: string };

let emu: Emulator;
let credentials: IDataObject;
let userId: string;


async function run(parameters: RunOptions['parameters'], items?: RunOptions['items']) {
	const result = await runLever({ parameters, items, credentials });
	if (result.error) throw result.error;
	return result.output.map((item) => item.json as Rec);
}

beforeAll(async () => {
	emu = await startEmulator({ opportunities: 5, rateLimit: { perSecond: 1000, burst: 1000 }, applyRateLimit: false });
	credentials = apiKeyCredentials(emu.apiUrl);
	const users = (emu.state.users.values() as Rec[]).filter((user) => !user.deactivatedAt);
	userId = users[0].id;
});

afterAll(async () => {
	await emu.close();
});

describe('account-level resources against the emulator', () => {
	it('creates a posting, publishes it, reads it back simplified, uploads a resume and applies to it', async () => {
		const [created] = await run({
			resource: 'posting',
			operation: 'create',
			performAs: byId(userId),
			text: 'Flow Engineer',
			simplify: false,
			additionalFields: {
				team: 'Platform',
				department: 'Engineering',
				location: 'London',
				commitment: 'Full-time',
				tags: 'Flow',
				descriptionHtml: '<p>Build flows</p>',
				salaryMin: 50000,
				salaryMax: 70000,
				salaryCurrency: 'GBP',
				salaryInterval: 'per-year-salary',
			},
		});
		expect(created.text).toBe('Flow Engineer');
		expect(created.state).toBe('draft');

		const [updated] = await run({
			resource: 'posting',
			operation: 'update',
			postingId: byId(created.id),
			performAs: byId(userId),
			simplify: true,
			updateFields: { state: 'published', workplaceType: 'remote' },
		});
		expect(updated).toMatchObject({ id: created.id, title: 'Flow Engineer', state: 'published', workplaceType: 'remote' });

		const [simple] = await run({ resource: 'posting', operation: 'get', postingId: byId(created.id), simplify: true, options: {} });
		expect(simple).toMatchObject({
			id: created.id,
			team: 'Platform',
			department: 'Engineering',
			location: 'London',
			salaryMin: 50000,
			salaryMax: 70000,
			salaryCurrency: 'GBP',
			tags: expect.arrayContaining(['Flow']),
		});

		const listed = await run({
			resource: 'posting',
			operation: 'getMany',
			returnAll: true,
			simplify: true,
			filters: { state: ['published'], tag: 'Flow' },
		});
		expect(listed.map((posting) => posting.id)).toContain(created.id);

		const [questions] = await run({ resource: 'posting', operation: 'getApplyQuestions', postingId: byId(created.id), options: {} });
		expect(Array.isArray(questions.personalInformation)).toBe(true);

		const [upload] = await run({ resource: 'upload', operation: 'upload', binaryPropertyName: 'data', options: {} }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 resume').toString('base64'), fileName: 'cv.pdf', mimeType: 'application/pdf' } } },
		]);
		// Lever's documented shape: the id is a UUID then -<filename>, and the uri ends with the id.
		expect(upload.id).toMatch(/^[0-9a-f-]{36}-cv\.pdf$/);
		expect(upload.uri).toBe(`${emu.apiUrl}/uploads/${upload.id}`);

		const [applied] = await run({
			resource: 'posting',
			operation: 'apply',
			postingId: byId(created.id),
			applicationInput: 'fields',
			fullName: 'Flo Applicant',
			email: 'flo@example.com',
			sendConfirmationEmail: false,
			additionalFields: { resume: upload.uri, source: 'Flow test' },
		});
		expect(typeof applied.applicationId).toBe('string');

		const users = await run({ resource: 'posting', operation: 'getUsers', postingId: byId(created.id), output: 'users' });
		expect(users.every((user) => user.postingId === created.id)).toBe(true);
	});

	it('creates a user, finds it by email, deactivates, reactivates and replaces it', async () => {
		const [created] = await run({
			resource: 'user',
			operation: 'create',
			name: 'Flow User',
			email: 'flow.user@example.com',
			additionalFields: { accessRole: 'team member', jobTitle: 'Recruiter' },
		});
		const found = await run({ resource: 'user', operation: 'getMany', returnAll: true, filters: { email: 'flow.user@example.com' } });
		expect(found.map((user) => user.id)).toEqual([created.id]);

		const [off] = await run({ resource: 'user', operation: 'deactivate', userId: byId(created.id) });
		expect(off.deactivatedAt).toEqual(expect.any(Number));
		const active = await run({ resource: 'user', operation: 'getMany', returnAll: true, filters: { email: 'flow.user@example.com' } });
		expect(active).toEqual([]);
		const [on] = await run({ resource: 'user', operation: 'reactivate', userId: byId(created.id) });
		expect(on.deactivatedAt ?? null).toBeNull();

		const [replaced] = await run({
			resource: 'user',
			operation: 'update',
			userId: byId(created.id),
			name: 'Flow User II',
			email: 'flow.user@example.com',
			accessRole: 'interviewer',
			additionalFields: {},
		});
		expect(replaced).toMatchObject({ id: created.id, name: 'Flow User II', accessRole: 'interviewer' });
	});

	it('builds a dropdown requisition field, edits its options, uses it on a requisition and cleans up', async () => {
		const [field] = await run({
			resource: 'requisitionField',
			operation: 'create',
			requisitionFieldId: 'flow_cost_center',
			text: 'Cost Center',
			type: 'dropdown',
			isRequired: false,
			dropdownOptions: 'R&D, Sales',
		});
		expect(field.id).toBe('flow_cost_center');

		await run({ resource: 'requisitionField', operation: 'addOptions', requisitionFieldId: 'flow_cost_center', optionTexts: 'Legal' });
		const [withLegal] = await run({ resource: 'requisitionField', operation: 'get', requisitionFieldId: 'flow_cost_center' });
		const options = withLegal.options as Rec[];
		expect(options.map((option) => option.text)).toEqual(['R&D', 'Sales', 'Legal']);

		await run({
			resource: 'requisitionField',
			operation: 'renameOptions',
			requisitionFieldId: 'flow_cost_center',
			renames: { option: [{ id: options[1].id, text: 'Go-to-market' }] },
		});
		await run({ resource: 'requisitionField', operation: 'removeOptions', requisitionFieldId: 'flow_cost_center', optionIds: options[2].id });
		const [edited] = await run({ resource: 'requisitionField', operation: 'get', requisitionFieldId: 'flow_cost_center' });
		expect((edited.options as Rec[]).map((option) => option.text)).toEqual(['R&D', 'Go-to-market']);

		const [requisition] = await run({
			resource: 'requisition',
			operation: 'create',
			requisitionCode: 'FLOW-1',
			name: 'Flow Engineer',
			headcountTotal: '2',
			additionalFields: { hiringManager: userId, customFields: '{"flow_cost_center": "R&D"}' },
		});
		const [read] = await run({ resource: 'requisition', operation: 'get', requisitionId: byId(requisition.id), expand: [] });
		expect(read).toMatchObject({ requisitionCode: 'FLOW-1', headcountTotal: 2 });
		const byCode = await run({ resource: 'requisition', operation: 'getMany', returnAll: true, expand: [], filters: { requisitionCode: 'FLOW-1' } });
		expect(byCode.map((entry) => entry.id)).toEqual([requisition.id]);

		const [gone] = await run({ resource: 'requisition', operation: 'delete', requisitionId: byId(requisition.id) });
		expect(gone).toMatchObject({ success: true, deleted: true });
		await run({ resource: 'requisitionField', operation: 'delete', requisitionFieldId: 'flow_cost_center' });
		const fields = await run({ resource: 'requisitionField', operation: 'getMany', returnAll: true, filters: {} });
		expect(fields.map((entry) => entry.id)).not.toContain('flow_cost_center');
		// A missing field: Lever's own code and wording reach the user (recorded 404, not ResourceNotFound).
		const missing = await runLever({ parameters: { resource: 'requisitionField', operation: 'get', requisitionFieldId: 'flow_cost_center' }, credentials });
		expect(missing.error).toMatchObject({ httpCode: '404', message: "That requisition field doesn't exist on your account" });
		expect(missing.error?.description).toContain('failed with 404 NotFoundError');
	});

	it('subscribes a webhook, lists it, changes its origins and deletes it', async () => {
		const [hook] = await run({
			resource: 'webhook',
			operation: 'create',
			url: 'https://example.com/flow',
			event: 'candidateStageChange',
			origins: ['applied'],
		});
		expect(typeof (hook.configuration as IDataObject).signatureToken).toBe('string');
		const listed = await run({ resource: 'webhook', operation: 'getMany', returnAll: true });
		expect(listed.map((entry) => entry.id)).toContain(hook.id);
		const [changed] = await run({ resource: 'webhook', operation: 'update', webhookId: hook.id, updateFields: { origins: ['referred', 'sourced'] } });
		expect(((changed.configuration as IDataObject).conditions as IDataObject).origins).toEqual(['referred', 'sourced']);
		await run({ resource: 'webhook', operation: 'delete', webhookId: hook.id });
		const after = await run({ resource: 'webhook', operation: 'getMany', returnAll: true });
		expect(after.map((entry) => entry.id)).not.toContain(hook.id);
	});

	it('creates, updates and deletes feedback and form templates', async () => {
		const [feedback] = await run({
			resource: 'feedbackTemplate',
			operation: 'create',
			text: 'Flow scorecard',
			fields: '[{"type": "score-system", "text": "Overall"}, {"type": "textarea", "text": "Notes"}]',
			additionalFields: { instructions: 'Be fair' },
		});
		const [renamed] = await run({
			resource: 'feedbackTemplate',
			operation: 'update',
			feedbackTemplateId: feedback.id,
			text: 'Flow scorecard v2',
			fields: '[{"type": "score-system", "text": "Overall"}]',
			additionalFields: {},
		});
		expect(renamed.text).toBe('Flow scorecard v2');
		await run({ resource: 'feedbackTemplate', operation: 'delete', feedbackTemplateId: feedback.id });

		const [form] = await run({
			resource: 'formTemplate',
			operation: 'create',
			text: 'Flow form',
			fields: '[{"type": "yes-no", "text": "Relocate?"}]',
			additionalFields: { secretByDefault: true },
		});
		const [readForm] = await run({ resource: 'formTemplate', operation: 'get', formTemplateId: form.id });
		expect(readForm.text).toBe('Flow form');
		await run({ resource: 'formTemplate', operation: 'delete', formTemplateId: form.id });
	});

	it('reads the account lists: stages, disposition stages, archive reasons, tags, sources, audit events', async () => {
		const stages = await run({ resource: 'stage', operation: 'getMany', returnAll: true });
		expect(stages.map((stage) => stage.id)).toContain('lead-new');
		const [stage] = await run({ resource: 'stage', operation: 'get', stageId: byId('lead-new') });
		expect(stage.id).toBe('lead-new');
		const disposition = await run({ resource: 'dispositionStage', operation: 'getMany', output: 'stages' });
		expect(disposition.length).toBeGreaterThan(0);
		expect(disposition[0]).toHaveProperty('pipeline');
		const hired = await run({ resource: 'archiveReason', operation: 'getMany', returnAll: true, type: 'hired' });
		expect(hired.length).toBeGreaterThan(0);
		expect(hired.every((reason) => reason.type === 'hired')).toBe(true);
		const [reason] = await run({ resource: 'archiveReason', operation: 'get', archiveReasonId: hired[0].id });
		expect(reason.id).toBe(hired[0].id);
		const tags = await run({ resource: 'tag', operation: 'getMany', returnAll: false, limit: 3 });
		expect(tags.length).toBeLessThanOrEqual(3);
		const sources = await run({ resource: 'source', operation: 'getMany', returnAll: true });
		expect(Array.isArray(sources)).toBe(true);
		const events = await run({ resource: 'auditEvent', operation: 'getMany', returnAll: false, limit: 5, filters: {} });
		expect(events.length).toBeLessThanOrEqual(5);
	});

	it('reads and updates the contact of an opportunity', async () => {
		const opportunity = emu.state.opportunities.values()[0] as Rec;
		const contactId = String(opportunity.contact);
		const [contact] = await run({ resource: 'contact', operation: 'get', contactId });
		expect(contact.id).toBe(contactId);
		const [updated] = await run({
			resource: 'contact',
			operation: 'update',
			contactId,
			updateFields: { headline: 'Flow headline', emails: 'flow.contact@example.com' },
		});
		expect(updated).toMatchObject({ id: contactId, headline: 'Flow headline', emails: ['flow.contact@example.com'] });
	});
});
