import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, USER, USER_2, byId, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

const RITA = { id: USER, name: 'Rita Recruiter', email: 'rita@acme.com', accessRole: 'admin', deactivatedAt: null };

describe('User resource', () => {
	it('lists users filtered by email, access roles (built-in and custom) and directory ID, including deactivated ones', async () => {
		const scope = nock(LEVER)
			.get('/v1/users')
			.query({
				email: 'rita@acme.com',
				accessRole: ['admin', 'team member', 'custom-role-1'],
				includeDeactivated: 'true',
				external_directory_id: 'E-7',
				limit: 10,
			})
			.reply(200, page([RITA]));
		const result = await runLever({
			parameters: {
				resource: 'user',
				operation: 'getMany',
				returnAll: false,
				limit: 10,
				filters: {
					email: ' rita@acme.com ',
					accessRole: ['admin', 'team member'],
					customRoles: 'custom-role-1',
					includeDeactivated: true,
					externalDirectoryId: 'E-7',
				},
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: RITA, pairedItem: { item: 0 } }]);
	});

	it('lists every user page by page without filters', async () => {
		const scope = nock(LEVER)
			.get('/v1/users')
			.query({ limit: 100 })
			.reply(200, page([RITA], 'n1'))
			.get('/v1/users')
			.query({ limit: 100, offset: 'n1' })
			.reply(200, page([{ id: USER_2 }]));
		const result = await runLever({ parameters: { resource: 'user', operation: 'getMany', returnAll: true, filters: {} } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([RITA, { id: USER_2 }]);
	});

	it('refuses an email filter that is not an email before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'user', operation: 'getMany', returnAll: true, filters: { email: 'rita@' } },
		});
		expectInputError(result, 'Filters > Email');
	});

	it('gets one user', async () => {
		const scope = nock(LEVER).get(`/v1/users/${USER}`).reply(200, { data: RITA });
		const result = await runLever({ parameters: { resource: 'user', operation: 'get', userId: byId(USER) } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([RITA]);
	});

	it('refuses a malformed user ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'user', operation: 'get', userId: byId('rita') } });
		expectInputError(result, 'User');
	});

	it('creates a user with role, title and manager', async () => {
		const body = { name: 'Sam Sourcer', email: 'sam@acme.com', accessRole: 'team member', jobTitle: 'Sourcer', managerId: USER };
		const scope = nock(LEVER).post('/v1/users', body).reply(201, { data: { id: USER_2, ...body } });
		const result = await runLever({
			parameters: {
				resource: 'user',
				operation: 'create',
				name: 'Sam Sourcer',
				email: 'sam@acme.com',
				additionalFields: { accessRole: 'team member', jobTitle: 'Sourcer', managerId: USER },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: USER_2, ...body }]);
	});

	it('refuses to create a user without a valid email', async () => {
		const result = await runLever({
			parameters: { resource: 'user', operation: 'create', name: 'Sam', email: 'sam.acme.com', additionalFields: {} },
		});
		expectInputError(result, 'Email');
	});

	it('refuses to create a user without a name', async () => {
		const result = await runLever({
			parameters: { resource: 'user', operation: 'create', name: '', email: 'sam@acme.com', additionalFields: {} },
		});
		expectInputError(result, 'Name');
	});

	it('replaces a user with PUT', async () => {
		const body = { name: 'Rita R.', email: 'rita@acme.com', accessRole: 'interviewer', externalDirectoryId: 'E-7' };
		const scope = nock(LEVER).put(`/v1/users/${USER}`, body).reply(200, { data: { id: USER, ...body } });
		const result = await runLever({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId(USER),
				name: 'Rita R.',
				email: 'rita@acme.com',
				accessRole: 'interviewer',
				additionalFields: { externalDirectoryId: 'E-7' },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: USER, ...body }]);
	});

	it('refuses a manager that is not a Lever ID', async () => {
		const result = await runLever({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId(USER),
				name: 'Rita',
				email: 'rita@acme.com',
				accessRole: 'admin',
				additionalFields: { managerId: 'boss' },
			},
		});
		expectInputError(result, 'Manager');
	});

	it('deactivates and reactivates a user with an empty POST', async () => {
		const scope = nock(LEVER)
			.post(`/v1/users/${USER}/deactivate`)
			.reply(200, { data: { ...RITA, deactivatedAt: 1767225600000 } })
			.post(`/v1/users/${USER}/reactivate`)
			.reply(200, { data: RITA });
		const off = await runLever({ parameters: { resource: 'user', operation: 'deactivate', userId: byId(USER) } });
		const on = await runLever({ parameters: { resource: 'user', operation: 'reactivate', userId: byId(USER) } });
		expect(off.error).toBeUndefined();
		expect(on.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(off.requests[0].body).toBeUndefined();
		expect(jsonOf(off)).toEqual([{ ...RITA, deactivatedAt: 1767225600000 }]);
		expect(jsonOf(on)).toEqual([RITA]);
	});
});
