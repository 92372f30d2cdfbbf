/** Item order of writes against the Lever emulator (issue 14): a failing item stops the run after the earlier writes; Find or Create creates once per email + posting. */
import type { IDataObject } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import { apiKeyCredentials, runLever } from '../../helpers/runNode';
import { USER, byId } from '../../helpers/fixtures';

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('against the emulator', () => {
	let emulator: RunningEmulator;
	let credentials: IDataObject;
	let opportunityId: string;

	beforeAll(async () => {
		emulator = await startEmulator({ opportunities: 3, rateLimit: { perSecond: 1000, burst: 1000 } });
		credentials = apiKeyCredentials(emulator.apiUrl);
		opportunityId = (emulator.state.opportunities.values() as IDataObject[])[0].id as string;
	});
	afterAll(async () => await emulator.close());

	/** The texts of the opportunity's notes written by this test. */
	const orderedNotes = (id: string) =>
		(emulator.state.notes.children(id) as IDataObject[])
			.flatMap((note) => ((note.fields as IDataObject[] | undefined) ?? []).map((field) => String(field.value ?? '')))
			.filter((text) => text.startsWith('ordered note'));

	it('30 Note > Create items whose second fails: exactly one note written before the error, none after', async () => {
		expect(orderedNotes(opportunityId)).toEqual([]);
		const result = await runLever({
			credentials,
			items: items(30),
			parameters: {
				resource: 'note',
				operation: 'create',
				// Item 1 names an opportunity Lever does not have: a 404 that stops the run.
				opportunityId: (index: number) => byId(index === 1 ? MISSING : opportunityId),
				performAs: byId(''),
				value: (index: number) => `ordered note ${index}`,
				additionalFields: {},
			},
		});
		expect(result.error?.message).toBeDefined();
		expect(orderedNotes(opportunityId)).toEqual(['ordered note 0']);
		expect((result.error as Error & { description: string }).description).toMatch(/Item 1 failed\. Before it, item 0 was written/);
	});

	it('Find or Create creates one opportunity for two items with the same email and posting', async () => {
		const posting = (emulator.state.postings.values() as IDataObject[]).find((record) => record.state === 'published')!;
		const email = `twice-${Date.now()}@example.com`;
		const count = () => (emulator.state.opportunities.values() as IDataObject[]).length;
		const before = count();
		const result = await runLever({
			credentials,
			items: items(4),
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				mode: 'findOrCreate',
				performAs: byId(USER_ID(emulator)),
				name: 'Twice Applied',
				// Same person (email case differs) on the same posting, then the same person without a posting.
				emails: (index: number) => (index === 1 ? email.toUpperCase() : email),
				postingId: (index: number) => byId(index < 3 ? (posting.id as string) : ''),
				additionalFields: {},
				options: {},
			},
		});
		expect(result.error).toBeUndefined();
		const [first, second, third] = result.output.map((item) => item.json);
		expect(first).toMatchObject({ created: true });
		expect(second).toMatchObject({ id: first.id, created: false });
		expect(third).toMatchObject({ id: first.id, created: false });
		// Without a posting, Find or Create matches any opportunity of the person: the one just created.
		expect(result.output[3].json).toMatchObject({ id: first.id, created: false });
		expect(count()).toBe(before + 1);
	});
});

function USER_ID(emulator: RunningEmulator): string {
	return ((emulator.state.users.values() as IDataObject[]).find((user) => !user.deactivatedAt)!.id as string) ?? USER;
}
