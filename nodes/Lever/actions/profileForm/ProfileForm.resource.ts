import type { LeverResource } from '../types';
import { createProfileFormOperation } from './create.operation';

const FORM_EXPAND = ['stage', 'user'];

/** #44–#46: profile forms (structured questionnaires from a form template) of an opportunity. */
export const profileFormResource: LeverResource = {
	value: 'profileForm',
	name: 'Profile Form',
	description: 'Profile forms of an opportunity: answers to a profile form template',
	operations: [
		createProfileFormOperation,
		{
			value: 'get',
			name: 'Get',
			action: 'Get a profile form',
			description: 'Retrieve one profile form of an opportunity with its fields and answers',
			method: 'GET',
			path: '/opportunities/{opportunity}/forms/{form}',
			pathParameters: { opportunity: 'opportunity' },
			expand: FORM_EXPAND,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many profile forms',
			description: 'List the profile forms filled in for an opportunity with their answers',
			method: 'GET',
			path: '/opportunities/{opportunity}/forms',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: FORM_EXPAND,
		},
	],
};
