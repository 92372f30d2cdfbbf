/** Opportunity operations against the Lever emulator: listings, Find or Create, confidentiality and flows that read back what they wrote. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import { apiKeyCredentials, runLever } from '../../helpers/runNode';
import { byId } from '../../helpers/fixtures';

describe('Opportunity against the emulator', () => {
	let emulator: RunningEmulator;
	let performAs: string;
	// 'test-key' has no confidential access (like most Lever keys); 'confidential-key' was created with it.
	const credentials = () => apiKeyCredentials(emulator.apiUrl);
	const confidentialCredentials = () => apiKeyCredentials(emulator.apiUrl, 'confidential-key');

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		emulator = await startEmulator({ opportunities: 60, rateLimit: false });
		performAs = (emulator.state.users.values() as IDataObject[]).find((user) => !user.deactivatedAt && user.accessRole === 'super admin')!.id as string;
	});
	afterAll(async () => await emulator.close());

	it('Get Many with a Limit returns the most recently active opportunities, as Lever lists them', async () => {
		const { output, error } = await runLever({
			credentials: credentials(),
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: false, limit: 3, simplify: false, filters: {} },
		});
		expect(error).toBeUndefined();
		const mostRecent = (emulator.state.opportunities.values() as IDataObject[])
			.filter((record) => record.confidentiality !== 'confidential')
			// Lever orders the list by lastInteractionAt, most recent first (the emulator breaks ties by id)
			.sort((a, b) => (b.lastInteractionAt as number) - (a.lastInteractionAt as number) || (String(a.id) < String(b.id) ? 1 : -1))
			.slice(0, 3);
		expect(output.map((item) => item.json.id)).toEqual(mostRecent.map((record) => record.id));
	});

	it('Return All reads every opportunity exactly once across pages', async () => {
		const { output, error } = await runLever({
			credentials: confidentialCredentials(),
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true, simplify: false, filters: { confidentiality: 'all' } },
		});
		expect(error).toBeUndefined();
		const ids = output.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBe(emulator.state.opportunities.size);
	});

	it('create → add tags → change stage → archive → get reads back every change', async () => {
		const posting = (emulator.state.postings.values() as IDataObject[]).find((record) => record.state === 'published')!;
		const run = async (parameters: Record<string, unknown>) => {
			const result = await runLever({ credentials: credentials(), parameters });
			expect(result.error).toBeUndefined();
			return result.output[0].json;
		};
		const email = `flow-${Date.now()}@example.com`;
		const created = await run({
			resource: 'opportunity',
			operation: 'create',
			mode: 'findOrCreate',
			performAs: byId(performAs),
			name: 'Flow Candidate',
			emails: email,
			postingId: byId(posting.id as string),
			tagsText: 'n8n',
			additionalFields: {},
			options: {},
		});
		expect(created).toMatchObject({ created: true, deduped: false });
		const id = created.id as string;

		const again = await run({
			resource: 'opportunity',
			operation: 'create',
			mode: 'findOrCreate',
			performAs: byId(performAs),
			name: 'Flow Candidate',
			emails: email,
			postingId: byId(posting.id as string),
			additionalFields: {},
			options: {},
		});
		expect(again).toMatchObject({ id, created: false, matchedBy: 'email+posting' });

		await run({ resource: 'opportunity', operation: 'addTags', opportunityId: byId(id), tags: [], tagsText: 'Priority, Senior', performAs: byId('') });
		const stage = (emulator.state.stages.values() as IDataObject[]).find((record) => record.id !== 'lead-new')!.id as string;
		await run({ resource: 'opportunity', operation: 'changeStage', opportunityId: byId(id), stage, performAs: byId(performAs) });
		const reason = (emulator.state.archiveReasons.values() as IDataObject[]).find((record) => record.type === 'non-hired')!.id as string;
		await run({ resource: 'opportunity', operation: 'archive', opportunityId: byId(id), reason, cleanInterviews: false, performAs: byId('') });

		const readBack = await run({ resource: 'opportunity', operation: 'get', opportunityId: byId(id), expand: [], simplify: true });
		expect(readBack.tags).toEqual(expect.arrayContaining(['n8n', 'Priority', 'Senior']));
		expect(readBack.stage).toBe(stage);
		expect(readBack.archived).toBe(true);
		expect(readBack.archiveReason).toBe(reason);
		const opportunitiesWithEmail = (emulator.state.opportunities.values() as IDataObject[]).filter((record) => record.id === id);
		expect(opportunitiesWithEmail).toHaveLength(1);
	});

	it('uploads a resume from an item\'s binary property on create', async () => {
		const bytes = Buffer.from('%PDF-1.4 resume of Ada');
		const result = await runLever({
			credentials: credentials(),
			items: [{ json: {}, binary: { cv: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'ada.pdf' } } }],
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				mode: 'create',
				performAs: byId(performAs),
				name: 'Ada Lovelace',
				emails: `ada-${Date.now()}@example.com`,
				postingId: byId(''),
				additionalFields: {},
				options: { resumeBinaryProperty: 'cv' },
			},
		});
		expect(result.error).toBeUndefined();
		const id = result.output[0].json.id as string;
		const resumes = emulator.state.resumes.children(id) as IDataObject[];
		expect(resumes).toHaveLength(1);
		expect(Buffer.from(resumes[0]._content as Buffer).toString()).toBe(bytes.toString());
	});

	const findOrCreate = (email: string) => ({
		resource: 'opportunity',
		operation: 'create',
		mode: 'findOrCreate',
		performAs: byId(performAs),
		name: 'Existing Person',
		emails: email,
		additionalFields: {},
		options: {},
	});
	const emailOf = (opportunity: IDataObject) => (emulator.state.contacts.get(opportunity.contact as string) as IDataObject).emails as string[];
	const existing = (confidentiality: string) =>
		(emulator.state.opportunities.values() as IDataObject[]).find((record) => record.confidentiality === confidentiality && emailOf(record).length > 0)!;

	it('Find or Create works with a key without confidential access: one refused lookup per run, then Lever\'s default', async () => {
		const target = existing('non-confidential');
		emulator.resetRequests();
		const { output, error } = await runLever({
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: findOrCreate(emailOf(target)[0]),
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.id, item.json.created])).toEqual([
			[target.id, false],
			[target.id, false],
			[target.id, false],
		]);
		const log = emulator.requests(50);
		// Only the run's first lookup asks for confidential data and is refused; the later items for the same
		// person reuse what the run already found.
		expect(log.byStatus['403']).toBe(1);
		expect(log.counts['GET /opportunities']).toBe(2);
		expect(log.counts['POST /opportunities'] ?? 0).toBe(0);
	});

	it('Find or Create finds a confidential opportunity when the key has confidential access', async () => {
		// The seeded account is small enough to have no confidential opportunity: make one (as if on a confidential posting).
		const target = existing('non-confidential');
		target.confidentiality = 'confidential';
		try {
			const { output, error } = await runLever({ credentials: confidentialCredentials(), parameters: findOrCreate(emailOf(target)[0]) });
			expect(error).toBeUndefined();
			expect(output[0].json).toMatchObject({ id: target.id, created: false, deduped: true });
		} finally {
			target.confidentiality = 'non-confidential';
		}
	});

	it('Find or Create still reports a key that may not list opportunities at all', async () => {
		const limited = await startEmulator({ opportunities: 5, rateLimit: false, apiKeys: [{ key: 'users-only', allow: ['GET /users'] }] });
		try {
			const { error } = await runLever({ credentials: apiKeyCredentials(limited.apiUrl, 'users-only'), parameters: findOrCreate('someone@example.com') });
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('403');
			expect(limited.requests(10).counts['GET /opportunities']).toBe(2);
		} finally {
			await limited.close();
		}
	});

	it('Name Contains scans a bounded listing and says when the bound was reached', async () => {
		const target = (emulator.state.opportunities.values() as IDataObject[])[0];
		const contact = emulator.state.contacts.get(target.contact as string) as IDataObject;
		const fragment = String(contact.name).split(' ')[0].toLowerCase();
		const { output, hints, error } = await runLever({
			credentials: confidentialCredentials(),
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true, simplify: true, expand: [], filters: { nameContains: fragment, maxScan: 10, confidentiality: 'all' } },
		});
		expect(error).toBeUndefined();
		expect(output.every((item) => String(item.json.name).toLowerCase().includes(fragment))).toBe(true);
		expect(output.every((item) => item.json.matchedBy === 'name' && item.json.scanLimitReached === true)).toBe(true);
		expect(hints[0].message).toMatch(/scanned only the first 10/);
	});
});
