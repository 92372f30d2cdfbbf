import type { LeverResource } from '../types';
import { downloadOfferOperation } from './download.operation';

/** #37–#38: offers of an opportunity (read only through the API). */
export const offerResource: LeverResource = {
	value: 'offer',
	name: 'Offer',
	description: 'Offers made to an opportunity: status, fields (salary, start date...), signatures and documents',
	operations: [
		downloadOfferOperation,
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many offers',
			description:
				'List the offers of an opportunity with status (draft, approved, sent, signed...), offer fields such as salary and start date, and signatures',
			method: 'GET',
			path: '/opportunities/{opportunity}/offers',
			pathParameters: { opportunity: 'opportunity' },
			list: 'cursor',
			expand: ['creator'],
		},
	],
};
