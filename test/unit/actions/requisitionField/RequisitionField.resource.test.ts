import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, expectDone, expectInputError, jsonOf, useNock } from '../../../helpers/fixtures';

useNock();

const FIELD = { id: 'cost_center', text: 'Cost Center', type: 'dropdown', isRequired: true, options: [{ id: 'o1', text: 'R&D' }] };

describe('Requisition Field resource', () => {
	it('lists the field schemas without paging parameters (Lever does not page them)', async () => {
		const scope = nock(LEVER).get('/v1/requisition_fields').query({ isRequired: 'true', type: 'dropdown' }).reply(200, { data: [FIELD] });
		const result = await runLever({
			parameters: { resource: 'requisitionField', operation: 'getMany', returnAll: true, filters: { isRequired: true, type: 'dropdown' } },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: FIELD, pairedItem: { item: 0 } }]);
	});

	it('gets one field schema by its snake_case ID', async () => {
		const scope = nock(LEVER).get('/v1/requisition_fields/cost_center').reply(200, { data: FIELD });
		const result = await runLever({ parameters: { resource: 'requisitionField', operation: 'get', requisitionFieldId: 'cost_center' } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([FIELD]);
	});

	it('refuses a field ID that is not snake_case', async () => {
		const result = await runLever({ parameters: { resource: 'requisitionField', operation: 'get', requisitionFieldId: 'Cost Center' } });
		expectInputError(result, 'Requisition Field ID');
	});

	it('creates a dropdown field', async () => {
		const body = { id: 'cost_center', text: 'Cost Center', type: 'dropdown', isRequired: true, options: [{ text: 'R&D' }, { text: 'Sales' }] };
		const scope = nock(LEVER).post('/v1/requisition_fields', body).reply(201, { data: body });
		const result = await runLever({
			parameters: {
				resource: 'requisitionField',
				operation: 'create',
				requisitionFieldId: 'cost_center',
				text: 'Cost Center',
				type: 'dropdown',
				isRequired: true,
				dropdownOptions: 'R&D\nSales',
			},
		});
		expectDone(result, scope);
	});

	it('creates an object field with subfields', async () => {
		const body = {
			id: 'salary_budget',
			text: 'Salary budget',
			type: 'object',
			isRequired: false,
			subfields: [
				{ id: 'amount', text: 'Amount', type: 'number' },
				{ id: 'approved_on', text: 'Approved on', type: 'date' },
			],
		};
		const scope = nock(LEVER).post('/v1/requisition_fields', body).reply(201, { data: body });
		const result = await runLever({
			parameters: {
				resource: 'requisitionField',
				operation: 'create',
				requisitionFieldId: 'salary_budget',
				text: 'Salary budget',
				type: 'object',
				isRequired: false,
				subfields: {
					subfield: [
						{ id: 'amount', text: 'Amount', type: 'number' },
						{ id: 'approved_on', text: 'Approved on', type: 'date' },
					],
				},
			},
		});
		expectDone(result, scope);
	});

	it('refuses a dropdown without options and a new field ID that is not snake_case', async () => {
		const noOptions = await runLever({
			parameters: { resource: 'requisitionField', operation: 'create', requisitionFieldId: 'team_code', text: 'Team', type: 'dropdown', isRequired: false, dropdownOptions: '' },
		});
		expectInputError(noOptions, 'Dropdown Options');
		const badId = await runLever({
			parameters: { resource: 'requisitionField', operation: 'create', requisitionFieldId: 'Team-Code', text: 'Team', type: 'text', isRequired: false },
		});
		expectInputError(badId, 'Field ID');
	});

	it('replaces a field schema with PUT, keeping existing option IDs', async () => {
		const body = { text: 'Cost centre', type: 'dropdown', isRequired: false, options: [{ id: 'o1', text: 'R&D' }, { text: 'Legal' }] };
		const scope = nock(LEVER).put('/v1/requisition_fields/cost_center', body).reply(200, { data: { id: 'cost_center', ...body } });
		const result = await runLever({
			parameters: {
				resource: 'requisitionField',
				operation: 'update',
				requisitionFieldId: 'cost_center',
				text: 'Cost centre',
				type: 'dropdown',
				isRequired: false,
				dropdownChoices: { option: [{ id: 'o1', text: 'R&D' }, { id: '', text: 'Legal' }] },
			},
		});
		expectDone(result, scope);
	});

	it('adds, renames and removes dropdown options', async () => {
		const scope = nock(LEVER)
			.post('/v1/requisition_fields/cost_center/options', { values: [{ text: 'Marketing' }, { text: 'Legal' }] })
			.reply(201, { data: FIELD })
			.put('/v1/requisition_fields/cost_center/options', { values: [{ id: 'o1', text: 'Research' }] })
			.reply(200, { data: FIELD })
			.delete('/v1/requisition_fields/cost_center/options', { values: ['o1', 'o2'] })
			.reply(204);
		const add = await runLever({
			parameters: { resource: 'requisitionField', operation: 'addOptions', requisitionFieldId: 'cost_center', optionTexts: 'Marketing, Legal' },
		});
		const rename = await runLever({
			parameters: {
				resource: 'requisitionField',
				operation: 'renameOptions',
				requisitionFieldId: 'cost_center',
				renames: { option: [{ id: 'o1', text: 'Research' }] },
			},
		});
		const remove = await runLever({
			parameters: { resource: 'requisitionField', operation: 'removeOptions', requisitionFieldId: 'cost_center', optionIds: 'o1\no2' },
		});
		expect([add.error, rename.error, remove.error]).toEqual([undefined, undefined, undefined]);
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(add)).toEqual([FIELD]);
		expect(jsonOf(remove)).toEqual([{ success: true, deleted: true, requisition_field: 'cost_center' }]);
	});

	it('refuses empty option lists before any request', async () => {
		const add = await runLever({ parameters: { resource: 'requisitionField', operation: 'addOptions', requisitionFieldId: 'cost_center', optionTexts: ' , ' } });
		expectInputError(add, 'Options to Add');
		const rename = await runLever({
			parameters: { resource: 'requisitionField', operation: 'renameOptions', requisitionFieldId: 'cost_center', renames: { option: [{ id: 'o1', text: '' }] } },
		});
		expectInputError(rename, 'Options to Rename');
		const remove = await runLever({ parameters: { resource: 'requisitionField', operation: 'removeOptions', requisitionFieldId: 'cost_center', optionIds: '' } });
		expectInputError(remove, 'Option IDs');
	});

	it('deletes a field schema', async () => {
		const scope = nock(LEVER).delete('/v1/requisition_fields/cost_center').reply(204);
		const result = await runLever({ parameters: { resource: 'requisitionField', operation: 'delete', requisitionFieldId: 'cost_center' } });
		expectDone(result, scope);
	});
});
