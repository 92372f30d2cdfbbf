import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, USER, expectDone, expectInputError, opportunity, page, useNock } from '../../../helpers/fixtures';

useNock();

const referral = { id: CHILD, type: 'referral', referrer: { id: USER, name: 'Jane' }, fields: [] };

describe('Referral resource', () => {
	it('gets one referral with the referrer expanded', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/referrals/${CHILD}`).query({ expand: 'referrer' }).reply(200, { data: referral });
		const result = await runLever({
			parameters: { resource: 'referral', operation: 'get', opportunityId: opportunity, referralId: CHILD, expand: ['referrer'] },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: referral, pairedItem: { item: 0 } }]);
	});

	it('lists the referrals of an opportunity', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/referrals`).query({ limit: 50 }).reply(200, page([referral]));
		const result = await runLever({
			parameters: { resource: 'referral', operation: 'getMany', opportunityId: opportunity, returnAll: false, limit: 50, expand: [] },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: referral, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed referral ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'referral', operation: 'get', opportunityId: opportunity, referralId: 'ref 1', expand: [] },
		});
		expectInputError(result, 'Referral ID');
	});
});
