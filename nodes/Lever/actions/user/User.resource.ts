import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { convertCollection, getCollection, toList } from '../../helpers/parameters';
import { assertEmail, optionalFields } from '../../shared';
import { optionalUserId, pick, requiredString, userOptionField } from '../../helpers/writes';
import type { LeverOperation, LeverResource } from '../types';

const user = { user: 'user' } as const;

const ACCESS_ROLES = [
	{ name: 'Admin', value: 'admin' },
	{ name: 'Interviewer', value: 'interviewer' },
	{ name: 'Limited Team Member', value: 'limited team member' },
	{ name: 'Super Admin', value: 'super admin' },
	{ name: 'Team Member', value: 'team member' },
];

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Jane Doe',
	description: "The user's full name",
};

const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	required: true,
	default: '',
	description: "The user's work email; it must be unique and in one of the account's allowed domains",
};

function profileOptions(): INodeProperties[] {
	return [
		{
			displayName: 'External Directory ID',
			name: 'externalDirectoryId',
			type: 'string',
			default: '',
			description: 'The user’s ID in your HR system or identity provider',
		},
		{
			displayName: 'Job Title',
			name: 'jobTitle',
			type: 'string',
			default: '',
			placeholder: 'e.g. Recruiter',
		},
		userOptionField('Manager', 'managerId'),
	];
}

/** Body of POST /users and PUT /users/{id}. */
function userBody(ctx: IExecuteFunctions, itemIndex: number, accessRole: unknown, extra: IDataObject, label: string): IDataObject {
	const node = ctx.getNode();
	const name = requiredString(ctx, 'name', itemIndex, 'Name', "Enter the user's full name");
	const email = assertEmail(node, itemIndex, 'Email', requiredString(ctx, 'email', itemIndex, 'Email', "Enter the user's email address"));
	const body: IDataObject = { name, email, ...pick(extra, ['externalDirectoryId', 'jobTitle']) };
	if (accessRole) body.accessRole = accessRole;
	const managerId = optionalUserId(node, itemIndex, `${label} > Manager`, extra.managerId);
	if (managerId) body.managerId = managerId;
	return body;
}

const userFilters: INodeProperties = optionalFields('filters', [
	{
		displayName: 'Access Roles',
		name: 'accessRole',
		type: 'multiOptions',
		options: ACCESS_ROLES,
		default: [],
		description: 'Only users with one of these access roles',
	},
	{
		displayName: 'Custom Role IDs',
		name: 'customRoles',
		type: 'string',
		default: '',
		description: 'Only users with one of these custom roles (comma-separated role IDs)',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Only the user with exactly this email address',
	},
	{
		displayName: 'External Directory ID',
		name: 'externalDirectoryId',
		type: 'string',
		default: '',
		description: 'Only the user with this ID in your HR system or identity provider',
	},
	{
		displayName: 'Include Deactivated',
		name: 'includeDeactivated',
		type: 'boolean',
		default: true,
		description: 'Whether to include deactivated users (Lever returns only active users otherwise)',
	},
]);

const operations: LeverOperation[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a user',
		description: 'Add a user to the Lever account (Lever sends no invitation email)',
		method: 'POST',
		path: '/users',
		properties: [
			nameField,
			emailField,
			optionalFields('additionalFields', [
				{
					displayName: 'Access Role',
					name: 'accessRole',
					type: 'options',
					options: ACCESS_ROLES,
					default: 'interviewer',
					description: 'What the user may do in Lever (Lever defaults to Interviewer)',
				},
				...profileOptions(),
			]),
		],
		request(itemIndex) {
			const extra = getCollection(this, 'additionalFields', itemIndex);
			return { body: userBody(this, itemIndex, extra.accessRole, extra, 'Additional Fields') };
		},
	},
	{
		value: 'deactivate',
		name: 'Deactivate',
		action: 'Deactivate a user',
		description: 'Deactivate a user so they can no longer sign in; their history stays',
		method: 'POST',
		path: '/users/{user}/deactivate',
		pathParameters: user,
		idempotent: true,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a user',
		description: 'Retrieve one Lever user by ID or from the list',
		method: 'GET',
		path: '/users/{user}',
		pathParameters: user,
	},
	{
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many users',
		description: 'Retrieve many Lever users, filtered by email, access role or external directory ID; active users only unless asked',
		method: 'GET',
		path: '/users',
		list: 'cursor',
		properties: [
			userFilters,
		],
		request(itemIndex) {
			const filters = getCollection(this, 'filters', itemIndex);
			const { customRoles, ...rest } = filters;
			const qs = convertCollection(this, itemIndex, 'Filters', rest, {
				emails: ['email'],
				lists: ['accessRole'],
				rename: { externalDirectoryId: 'external_directory_id' },
				definition: userFilters,
			});
			const roles = [...((qs.accessRole as string[] | undefined) ?? []), ...toList(customRoles)];
			if (roles.length) qs.accessRole = roles;
			if (qs.includeDeactivated === false) delete qs.includeDeactivated;
			return { qs };
		},
	},
	{
		value: 'reactivate',
		name: 'Reactivate',
		action: 'Reactivate a user',
		description: 'Reactivate a deactivated user so they can sign in again',
		method: 'POST',
		path: '/users/{user}/reactivate',
		pathParameters: user,
		idempotent: true,
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a user',
		description:
			'Replace a user’s profile: name, email and access role are required, and optional fields left empty are cleared',
		method: 'PUT',
		path: '/users/{user}',
		pathParameters: user,
		idempotent: true,
		properties: [
			nameField,
			emailField,
			{
				displayName: 'Access Role',
				name: 'accessRole',
				type: 'options',
				options: ACCESS_ROLES,
				required: true,
				default: 'interviewer',
				description: 'What the user may do in Lever; demoting to Interviewer drops the profiles they follow',
			},
			optionalFields('additionalFields', profileOptions(), { description: 'Lever replaces the whole user: fields not given here are cleared' }),
		],
		request(itemIndex) {
			const accessRole = requiredString(this, 'accessRole', itemIndex, 'Access Role', 'Choose the access role the user should have');
			const extra = getCollection(this, 'additionalFields', itemIndex);
			return { body: userBody(this, itemIndex, accessRole, extra, 'Additional Fields') };
		},
	},
];

export const userResource: LeverResource = {
	value: 'user',
	name: 'User',
	description: 'Lever users: list, read, create, replace, deactivate, reactivate',
	operations,
};
