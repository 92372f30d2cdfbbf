import type { IDataObject } from 'n8n-workflow';

import { getCollection, toList } from '../../helpers/parameters';
import { assertEmail, invalidParameter, optionalFields } from '../../shared';
import { assertSomething, pick } from '../../helpers/writes';
import type { LeverResource } from '../types';

export const contactResource: LeverResource = {
	value: 'contact',
	name: 'Contact',
	description: 'The person behind one or more opportunities: name, headline, location, emails, phones',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a contact',
			description: "Retrieve a contact (the person shared by a candidate's opportunities) by its ID, found in an opportunity's contact field",
			method: 'GET',
			path: '/contacts/{contact}',
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a contact',
			description:
				"Change a contact's name, headline, location, emails or phones; emails and phones given replace the current lists",
			method: 'PUT',
			path: '/contacts/{contact}',
			idempotent: true,
			properties: [
				optionalFields('updateFields', [
					{
						displayName: 'Emails',
						name: 'emails',
						type: 'string',
						default: '',
						placeholder: 'e.g. jane@example.com, jane.doe@gmail.com',
						description: 'All email addresses of the person (comma-separated); replaces the current ones',
					},
					{
						displayName: 'Headline',
						name: 'headline',
						type: 'string',
						default: '',
						placeholder: 'e.g. Staff Engineer at Acme',
					},
					{
						displayName: 'Location',
						name: 'location',
						type: 'string',
						default: '',
						placeholder: 'e.g. Berlin, Germany',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Jane Doe',
					},
					{
						displayName: 'Phones',
						name: 'phones',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						placeholder: 'Add Phone',
						description: 'All phone numbers of the person; replaces the current ones',
						options: [
							{
								displayName: 'Phone',
								name: 'phone',
								values: [
									{
										displayName: 'Type',
										name: 'type',
										type: 'options',
										options: [
											{ name: 'Home', value: 'home' },
											{ name: 'Mobile', value: 'mobile' },
											{ name: 'Other', value: 'other' },
											{ name: 'Skype', value: 'skype' },
											{ name: 'Work', value: 'work' },
										],
										default: 'mobile',
									},
									{
										displayName: 'Number',
										name: 'value',
										type: 'string',
										default: '',
										placeholder: 'e.g. +44 20 7946 0000',
									},
								],
							},
						],
					},
				]),
			],
			request(itemIndex) {
				const node = this.getNode();
				const fields = getCollection(this, 'updateFields', itemIndex);
				const body: IDataObject = pick(fields, ['name', 'headline', 'location']);
				if (fields.emails !== undefined) {
					body.emails = toList(fields.emails).map((email) => assertEmail(node, itemIndex, 'Update Fields > Emails', email));
				}
				const phones = ((fields.phones as IDataObject | undefined)?.phone as IDataObject[] | undefined) ?? [];
				if (fields.phones !== undefined) {
					body.phones = phones.map((phone, index) => {
						const value = String(phone.value ?? '').trim();
						if (!value) {
							throw invalidParameter(node, itemIndex, 'Update Fields > Phones > Number', `phone ${index + 1} is empty`, 'Enter the number or remove the entry');
						}
						return { type: phone.type ?? 'other', value };
					});
				}
				assertSomething(node, itemIndex, 'Update Fields', body);
				return { body };
			},
		},
	],
};
