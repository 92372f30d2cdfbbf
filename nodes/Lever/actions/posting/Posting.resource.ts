import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCollection } from '../../helpers/parameters';
import { assertSomething, requiredString } from '../../helpers/writes';
import { optionalFields, simplifyField } from '../../shared';
import type { LeverOperation, LeverResource } from '../types';
import { applyOperation } from './apply.operation';
import { getUsersOperation } from './getUsers.operation';
import {
	POSTING_EXPAND,
	postingBody,
	postingCreateFields,
	postingFilters,
	postingListQuery,
	postingUpdateFields,
	simplifyPosting,
} from './posting.fields';

/** Get and Get Apply Questions: which channel's custom questions Lever returns. */
const distributionOption: INodeProperties = {
	displayName: 'Custom Question Distribution',
	name: 'distribution',
	type: 'options',
	options: [
		{ name: 'External', value: 'external' },
		{ name: 'Internal', value: 'internal' },
	],
	default: 'external',
	description: 'Return only the custom questions shown on this channel',
};

const posting = { posting: 'posting' } as const;

function simplified(this: IExecuteFunctions, record: IDataObject, itemIndex: number): IDataObject {
	return this.getNodeParameter('simplify', itemIndex, true) === true ? simplifyPosting(record) : record;
}

const operations: LeverOperation[] = [
	applyOperation,
	{
		value: 'create',
		name: 'Create',
		action: 'Create a posting',
		description: 'Create a job posting (a draft unless a state is given); Perform As becomes its creator and default owner',
		method: 'POST',
		path: '/postings',
		performAs: 'required',
		properties: [...postingCreateFields, simplifyField],
		request(itemIndex) {
			const text = requiredString(this, 'text', itemIndex, 'Title', 'Enter the job title of the posting');
			const body = postingBody(this, itemIndex, getCollection(this, 'additionalFields', itemIndex), 'Additional Fields');
			return { body: { ...body, text } };
		},
		output: simplified,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a posting',
		description: 'Retrieve one job posting by ID, URL or from the list',
		method: 'GET',
		path: '/postings/{posting}',
		pathParameters: posting,
		expand: POSTING_EXPAND,
		properties: [
			optionalFields('options', [distributionOption]),
			simplifyField,
		],
		request(itemIndex) {
			const { distribution } = getCollection(this, 'options', itemIndex);
			return { qs: distribution ? { distribution } : {} };
		},
		output: simplified,
	},
	{
		value: 'getApplyQuestions',
		name: 'Get Apply Questions',
		action: 'Get the application questions of a posting',
		description:
			'Retrieve the application form of a posting: personal information, links, custom questions, EEO questions and consent texts, with the IDs that Apply needs',
		method: 'GET',
		path: '/postings/{posting}/apply',
		pathParameters: posting,
		properties: [
			optionalFields('options', [
				distributionOption,
				{
					displayName: 'Location',
					name: 'location',
					type: 'string',
					default: '',
					placeholder: 'e.g. London',
					description: 'Limit the EEO questions to those asked in this location',
				},
			]),
		],
		request(itemIndex) {
			const options = getCollection(this, 'options', itemIndex);
			const qs: IDataObject = {};
			if (options.distribution) qs.distribution = options.distribution;
			if (typeof options.location === 'string' && options.location.trim()) qs.location = options.location.trim();
			return { qs };
		},
	},
	{
		value: 'getDeleted',
		name: 'Get Deleted',
		action: 'Get deleted postings',
		description: 'Retrieve many postings that were deleted, each with deletedAt',
		method: 'GET',
		path: '/postings/deleted',
		list: 'cursor',
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many postings',
		description: 'Retrieve many job postings, filtered by state, team, department, location, commitment, tag, channel or update time',
		method: 'GET',
		path: '/postings',
		list: 'cursor',
		expand: POSTING_EXPAND,
		properties: [postingFilters, simplifyField],
		request(itemIndex) {
			return { qs: postingListQuery(this, itemIndex) };
		},
		output: simplified,
	},
	getUsersOperation,
	{
		value: 'update',
		name: 'Update',
		action: 'Update a posting',
		description:
			'Change some fields of a posting; fields left out keep their values. Perform As is recorded as the editor.',
		method: 'POST',
		path: '/postings/{posting}',
		pathParameters: posting,
		performAs: 'required',
		idempotent: true,
		properties: [...postingUpdateFields, simplifyField],
		request(itemIndex) {
			const body = postingBody(this, itemIndex, getCollection(this, 'updateFields', itemIndex), 'Update Fields');
			if (typeof body.text === 'string' && body.text === '') delete body.text;
			assertSomething(this.getNode(), itemIndex, 'Update Fields', body);
			return { body };
		},
		output: simplified,
	},
];

export const postingResource: LeverResource = {
	value: 'posting',
	name: 'Posting',
	description: 'Job postings: list, read, create, update, application form, apply',
	operations,
};
