import type { LeverResource } from '../types';

const REFERRAL_EXPAND = ['referrer', 'stage', 'user'];

/** #47–#48: referrals of an opportunity (created in Lever or through an application; read only here). */
export const referralResource: LeverResource = {
	value: 'referral',
	name: 'Referral',
	description: 'Referral forms of an opportunity: who referred the candidate and their answers (read only)',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a referral',
			description: 'Retrieve one referral of an opportunity with the referrer and the referral form answers',
			method: 'GET',
			path: '/opportunities/{opportunity}/referrals/{referral}',
			pathParameters: { opportunity: 'opportunity' },
			expand: REFERRAL_EXPAND,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many referrals',
			description: 'List the referrals of an opportunity with the referrer and the referral form answers',
			method: 'GET',
			path: '/opportunities/{opportunity}/referrals',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: REFERRAL_EXPAND,
		},
	],
};
