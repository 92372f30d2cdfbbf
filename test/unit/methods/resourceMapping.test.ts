import nock from 'nock';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { createContext } from '../../helpers/runNode';
import type { RequestRecord } from '../../helpers/runNode';
import { getFeedbackTemplateFields, getFormTemplateFields } from '../../../nodes/Lever/methods/resourceMapping';

const LEVER = 'http://lever.test';
const TEMPLATE = 'c2e1f0a9-8b7c-4d6e-9f01-23456789abcd';

function loadOptionsContext(templateId: string, requests: RequestRecord[] = []) {
	return createContext({ parameters: { templateId } }, requests, []) as unknown as ILoadOptionsFunctions;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('resource mapping of Lever templates', () => {
	it('turns the feedback template fields into mapper fields', async () => {
		const scope = nock(LEVER)
			.get(`/v1/feedback_templates/${TEMPLATE}`)
			.reply(200, {
				data: {
					id: TEMPLATE,
					text: 'Onsite scorecard',
					fields: [
						{ id: 'f1', type: 'score-system', text: 'Overall rating', required: true },
						{ id: 'f2', type: 'textarea', text: 'Notes', required: false },
					],
				},
			});
		const result = await getFeedbackTemplateFields.call(loadOptionsContext(TEMPLATE));
		expect(scope.isDone()).toBe(true);
		expect(result.fields.map((field) => [field.id, field.displayName, field.type, field.required])).toEqual([
			['f1', 'Overall rating', 'options', true],
			['f2', 'Notes', 'string', false],
		]);
		expect(result.emptyFieldsNotice).toBeUndefined();
	});

	it('reads profile form templates with or without the data wrapper', async () => {
		const scope = nock(LEVER)
			.get(`/v1/form_templates/${TEMPLATE}`)
			.reply(200, { id: TEMPLATE, fields: [{ id: 'q1', type: 'date', text: 'Start date', required: true }] });
		const result = await getFormTemplateFields.call(loadOptionsContext(TEMPLATE));
		expect(scope.isDone()).toBe(true);
		expect(result.fields).toEqual([
			expect.objectContaining({ id: 'q1', displayName: 'Start date', type: 'dateTime', required: true, display: true }),
		]);
	});

	it('says so when the template has no fields to fill in', async () => {
		nock(LEVER).get(`/v1/form_templates/${TEMPLATE}`).reply(200, { data: { id: TEMPLATE, fields: [] } });
		const result = await getFormTemplateFields.call(loadOptionsContext(TEMPLATE));
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toContain('no fields');
	});

	it('asks for a template first and sends no request while none is chosen', async () => {
		const requests: RequestRecord[] = [];
		const result = await getFeedbackTemplateFields.call(loadOptionsContext('', requests));
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toContain('Choose a feedback template');
		expect(requests).toHaveLength(0);
	});

	it('sends no request for a template ID that could change the path', async () => {
		const requests: RequestRecord[] = [];
		const result = await getFormTemplateFields.call(loadOptionsContext('../users', requests));
		expect(result.fields).toEqual([]);
		expect(requests).toHaveLength(0);
	});
});
