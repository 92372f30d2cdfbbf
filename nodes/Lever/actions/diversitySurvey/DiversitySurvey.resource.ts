import type { IDataObject } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { invalidParameter, optionalFields } from '../../shared';
import type { LeverResource } from '../types';

export const diversitySurveyResource: LeverResource = {
	value: 'diversitySurvey',
	name: 'Diversity Survey',
	description: 'Diversity surveys shown to applicants of a posting',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many diversity surveys',
			description: 'Retrieve many diversity surveys that apply to a posting, with their questions, optionally for one country or location',
			method: 'GET',
			path: '/surveys/diversity/{posting}',
			pathParameters: { posting: 'posting' },
			list: 'unpaged',
			properties: [
				optionalFields('filters', [
					{
						displayName: 'Country Code',
						name: 'countryCode',
						type: 'string',
						default: '',
						placeholder: 'e.g. US',
						description: 'ISO 3166 alpha-2 country the candidate selected (for candidate-selected-location surveys)',
					},
					{
						displayName: 'Location',
						name: 'location',
						type: 'string',
						default: '',
						placeholder: 'e.g. London',
						description: 'Posting location (for posting-location surveys)',
					},
				]),
			],
			request(itemIndex) {
				const filters = getCollection(this, 'filters', itemIndex);
				const qs: IDataObject = {};
				const country = typeof filters.countryCode === 'string' ? filters.countryCode.trim().toUpperCase() : '';
				if (country) {
					if (!/^[A-Z]{2}$/.test(country)) {
						throw invalidParameter(this.getNode(), itemIndex, 'Filters > Country Code', `"${String(filters.countryCode)}" is not a country code`, 'Use a two-letter code such as US or GB');
					}
					qs.country_code = country;
				}
				if (typeof filters.location === 'string' && filters.location.trim()) qs.location = filters.location.trim();
				return { qs };
			},
		},
	],
};
