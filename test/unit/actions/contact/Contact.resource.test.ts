import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, OTHER, expectDone, expectInputError, jsonOf, useNock } from '../../../helpers/fixtures';

useNock();

const CONTACT = {
	id: OTHER,
	name: 'Jane Doe',
	headline: 'Engineer',
	isAnonymized: false,
	location: { name: 'Berlin' },
	emails: ['jane@example.com'],
	phones: [{ type: 'mobile', value: '+49 30 1234567' }],
};

describe('Contact resource', () => {
	it('gets a contact', async () => {
		const scope = nock(LEVER).get(`/v1/contacts/${OTHER}`).reply(200, { data: CONTACT });
		const result = await runLever({ parameters: { resource: 'contact', operation: 'get', contactId: OTHER } });
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: CONTACT, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed contact ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'contact', operation: 'get', contactId: 'jane' } });
		expectInputError(result, 'Contact ID');
	});

	it('updates name, location, emails and phones with PUT', async () => {
		const body = {
			name: 'Jane Smith',
			location: 'Berlin, Germany',
			emails: ['jane@example.com', 'jane.smith@example.org'],
			phones: [{ type: 'work', value: '+49 30 7654321' }],
		};
		const scope = nock(LEVER).put(`/v1/contacts/${OTHER}`, body).reply(200, { data: { ...CONTACT, name: 'Jane Smith' } });
		const result = await runLever({
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: OTHER,
				updateFields: {
					name: ' Jane Smith ',
					location: 'Berlin, Germany',
					emails: 'jane@example.com, jane.smith@example.org',
					phones: { phone: [{ type: 'work', value: '+49 30 7654321' }] },
				},
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ ...CONTACT, name: 'Jane Smith' }]);
	});

	it('refuses an email that is not an email before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'contact', operation: 'update', contactId: OTHER, updateFields: { emails: 'jane@example.com, nope' } },
		});
		expectInputError(result, 'Update Fields > Emails');
	});

	it('refuses an update with nothing to change', async () => {
		const result = await runLever({ parameters: { resource: 'contact', operation: 'update', contactId: OTHER, updateFields: {} } });
		expectInputError(result, 'Update Fields');
	});
});
