/** Template Update without Fields (JSON) against the Lever emulator: the template keeps its questions (issue 14). */
import type { IDataObject } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator';
import { startEmulator } from '../../emulator';
import { apiKeyCredentials, runLever } from '../../helpers/runNode';

describe('against the emulator', () => {
	let emulator: RunningEmulator;
	let credentials: IDataObject;
	beforeAll(async () => {
		emulator = await startEmulator({ opportunities: 1, rateLimit: { perSecond: 1000, burst: 1000 } });
		credentials = apiKeyCredentials(emulator.apiUrl);
	});
	afterAll(async () => await emulator.close());

	it.each([
		['feedbackTemplate', 'feedbackTemplateId', '[{"type": "score-system", "text": "Overall"}, {"type": "textarea", "text": "Notes"}]', 'feedbackTemplates'],
		['formTemplate', 'formTemplateId', '[{"type": "text", "text": "City"}, {"type": "yes-no", "text": "Remote?"}]', 'formTemplates'],
	])('%s: create, then rename without fields keeps the questions', async (resource, idField, fields, collection) => {
		const run = async (parameters: IDataObject) => {
			const result = await runLever({ credentials, parameters: { resource, ...parameters } });
			expect(result.error).toBeUndefined();
			return result.output[0].json;
		};
		const created = await run({ operation: 'create', text: 'Before', fields, additionalFields: { instructions: 'Keep me' } });
		await run({ operation: 'update', [idField]: created.id, text: 'After', fields: '[]', additionalFields: {} });
		const stored = (emulator.state as unknown as Record<string, { get(id: string): IDataObject }>)[collection].get(created.id as string);
		expect(stored.text).toBe('After');
		expect(stored.instructions).toBe('Keep me');
		expect((stored.fields as IDataObject[]).map((field) => [field.type, field.text])).toEqual(
			(created.fields as IDataObject[]).map((field) => [field.type, field.text]),
		);
	});
});
