import { templateToMapperFields } from '../../../nodes/Lever/helpers/templateFields';

describe('templateToMapperFields', () => {
	const template = {
		id: 'tpl',
		fields: [
			{ id: 'f-text', type: 'text', text: 'Summary', required: true },
			{ id: 'f-area', type: 'textarea', text: 'Details' },
			{ id: 'f-code', type: 'code', text: 'Code sample', language: 'js' },
			{ id: 'f-cur', type: 'currency', text: 'Expected salary', currency: 'USD' },
			{ id: 'f-date', type: 'date', text: 'Available from' },
			{ id: 'f-drop', type: 'dropdown', text: 'Team', options: [{ text: 'Core' }, { text: 'Growth' }] },
			{ id: 'f-mc', type: 'multiple-choice', text: 'Level', options: [{ text: 'Junior' }, { text: 'Senior' }] },
			{ id: 'f-ms', type: 'multiple-select', text: 'Skills', options: [{ text: 'Go' }, { text: 'TS' }] },
			{ id: 'f-yn', type: 'yes-no', text: 'Relocate?' },
			{ id: 'f-ss', type: 'score-system', text: 'Overall' },
			{ id: 'f-score', type: 'score', text: 'Thumbs' },
			{ id: 'f-card', type: 'scorecard', text: 'Skills scorecard', scores: [{ text: 'Coding' }] },
			{ id: 'f-file', type: 'file-upload', text: 'Attachment' },
			{ type: 'university', text: 'School' },
		],
	};
	const fields = templateToMapperFields(template);
	const byId = Object.fromEntries(fields.map((field) => [field.id, field]));

	it('maps Lever text-like types to string fields and keeps the required flag', () => {
		expect(byId['f-text']).toMatchObject({ displayName: 'Summary', type: 'string', required: true, display: true });
		expect(byId['f-area'].type).toBe('string');
		expect(byId['f-code'].type).toBe('string');
		expect(byId['f-area'].required).toBe(false);
	});

	it('maps currency to number and date to dateTime', () => {
		expect(byId['f-cur'].type).toBe('number');
		expect(byId['f-date'].type).toBe('dateTime');
	});

	it('offers the option texts of dropdown and multiple-choice fields', () => {
		expect(byId['f-drop']).toMatchObject({
			type: 'options',
			options: [
				{ name: 'Core', value: 'Core' },
				{ name: 'Growth', value: 'Growth' },
			],
		});
		expect(byId['f-mc'].options?.map((option) => option.value)).toEqual(['Junior', 'Senior']);
	});

	it('maps multiple-select and scorecard to arrays', () => {
		expect(byId['f-ms'].type).toBe('array');
		expect(byId['f-card'].type).toBe('array');
		expect(byId['f-card'].displayName).toContain('scorecard');
	});

	it('offers yes/no, the 1-4 score and the default hire scale', () => {
		expect(byId['f-yn'].options?.map((option) => option.value)).toEqual(['yes', 'no']);
		expect(byId['f-score'].options?.map((option) => option.value)).toEqual([1, 2, 3, 4]);
		expect(byId['f-ss'].options?.map((option) => option.value)).toEqual([
			'4 - Strong Hire',
			'3 - Hire',
			'2 - No Hire',
			'1 - Strong No Hire',
		]);
	});

	it('leaves out file-upload fields and names id-less fields by position', () => {
		expect(byId['f-file']).toBeUndefined();
		expect(byId.field_13).toMatchObject({ displayName: 'School', type: 'string' });
	});

	it('returns no fields for a template without fields', () => {
		expect(templateToMapperFields({ id: 'empty' })).toEqual([]);
	});
});
