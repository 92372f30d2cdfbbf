import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, USER, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Audit Event resource', () => {
	it('lists audit events filtered by type, user, target and time', async () => {
		const event = { id: 'e1', type: 'user.role:changed', user: { id: USER }, target: { id: USER, type: 'user' } };
		const scope = nock(LEVER)
			.get('/v1/audit_events')
			.query({
				type: 'user.role:changed',
				user_id: USER,
				target_type: 'user',
				target_id: USER,
				created_at_start: '1767225600000',
				created_at_end: '1767312000000',
				limit: 25,
			})
			.reply(200, page([event]));
		const result = await runLever({
			parameters: {
				resource: 'auditEvent',
				operation: 'getMany',
				returnAll: false,
				limit: 25,
				filters: {
					type: 'user.role:changed',
					userId: USER,
					targetType: 'user',
					targetId: USER,
					createdAfter: '2026-01-01T00:00:00Z',
					createdBefore: '2026-01-02T00:00:00Z',
				},
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: event, pairedItem: { item: 0 } }]);
	});

	it('passes "null" through to find events without a user', async () => {
		const scope = nock(LEVER)
			.get('/v1/audit_events')
			.query({ user_id: 'null', limit: 100 })
			.reply(200, page([{ id: 'e2', type: 'user.authentication:failed', user: null }]));
		const result = await runLever({
			parameters: { resource: 'auditEvent', operation: 'getMany', returnAll: true, filters: { userId: 'null' } },
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toHaveLength(1);
	});

	it('refuses a target ID without a target type, as Lever requires', async () => {
		const result = await runLever({
			parameters: { resource: 'auditEvent', operation: 'getMany', returnAll: true, filters: { targetId: USER } },
		});
		expectInputError(result, 'Target ID');
	});

	it('refuses a date that is not a date', async () => {
		const result = await runLever({
			parameters: { resource: 'auditEvent', operation: 'getMany', returnAll: true, filters: { createdBefore: 'soon' } },
		});
		expectInputError(result, 'Filters > Created Before');
	});
});
