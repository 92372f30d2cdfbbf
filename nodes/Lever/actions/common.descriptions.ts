import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { LocatorKind, PlainIdKind } from './types';

/** Lever ids are UUIDs; built-in stages also use slugs such as `lead-new`. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const STAGE_ID_PATTERN = `(${UUID_PATTERN.slice(1, -1)})|([a-z][a-z0-9-]{1,62})`;

interface LocatorSpec {
	displayName: string;
	searchListMethod: string;
	idPattern: string;
	idPlaceholder: string;
	/** URL mode: Lever web-app URL that embeds the id, when one exists. */
	url?: { placeholder: string; regex: string; extract: string };
}

const UUID_CAPTURE = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

/** One table for every resource locator the node offers. */
export const LOCATORS: Record<LocatorKind, LocatorSpec> = {
	opportunity: {
		displayName: 'Opportunity',
		searchListMethod: 'searchOpportunities',
		idPattern: UUID_PATTERN,
		idPlaceholder: 'e.g. 250d8f03-738a-4bba-a671-8a3d73477145',
		url: {
			placeholder: 'e.g. https://hire.lever.co/candidates/250d8f03-738a-4bba-a671-8a3d73477145',
			// n8n matches the whole value (it wraps this in ^…$), so allow a trailing path, query or fragment.
			regex: `https?://[^/]+/candidates/${UUID_CAPTURE}(?:[/?#].*)?`,
			extract: `/candidates/${UUID_CAPTURE}`,
		},
	},
	posting: {
		displayName: 'Posting',
		searchListMethod: 'searchPostings',
		idPattern: UUID_PATTERN,
		idPlaceholder: 'e.g. f2f01e16-27f8-4711-a728-7d49499795a0',
		url: {
			placeholder: 'e.g. https://jobs.lever.co/acme/f2f01e16-27f8-4711-a728-7d49499795a0',
			regex: `https?://[^/]+/(?:.*/)?${UUID_CAPTURE}(?:[/?#].*)?`,
			extract: `${UUID_CAPTURE}`,
		},
	},
	user: {
		displayName: 'User',
		searchListMethod: 'searchUsers',
		idPattern: UUID_PATTERN,
		idPlaceholder: 'e.g. 8d49b010-cc6a-4f40-ace5-e86061c677ed',
	},
	stage: {
		displayName: 'Stage',
		searchListMethod: 'searchStages',
		idPattern: `^(${STAGE_ID_PATTERN})$`,
		idPlaceholder: 'e.g. lead-new',
	},
	requisition: {
		displayName: 'Requisition',
		searchListMethod: 'searchRequisitions',
		idPattern: UUID_PATTERN,
		idPlaceholder: 'e.g. 4c7ea2b8-b3b9-4c6b-8d7e-1c3f6f0f6a11',
	},
};

/** How plain (non-locator) path IDs are checked before any request. */
export const PLAIN_ID_RULES: Record<PlainIdKind, { pattern: RegExp; fix: string }> = {
	uuid: { pattern: new RegExp(UUID_PATTERN), fix: 'Lever IDs look like 250d8f03-738a-4bba-a671-8a3d73477145' },
	uuidOrSlug: {
		pattern: new RegExp(`^((${UUID_PATTERN.slice(1, -1)})|([a-z][a-z0-9-]{1,62}))$`),
		fix: 'Use the ID from Lever, e.g. 250d8f03-738a-4bba-a671-8a3d73477145 (built-in ones are slugs such as no-feedback)',
	},
	fieldKey: {
		pattern: /^[a-z0-9]+(_[a-z0-9]+)*$/,
		fix: 'Requisition field IDs are snake_case keys of at most 50 characters, e.g. cost_center',
	},
};

/** A resource locator field for `kind`, named `name` (defaults to `<kind>Id`). */
export function locatorField(
	kind: LocatorKind,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const spec = LOCATORS[kind];
	const field: INodeProperties = {
		displayName: spec.displayName,
		name: `${kind}Id`,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spec.idPattern,
							errorMessage: `Not a valid Lever ${spec.displayName.toLowerCase()} ID`,
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: spec.url?.placeholder ?? '',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spec.url?.regex ?? '^$',
							errorMessage: `Not a Lever URL containing a ${spec.displayName.toLowerCase()} ID`,
						},
					},
				],
				extractValue: { type: 'regex', regex: spec.url?.extract ?? '^$' },
			},
		],
		description: `The ${spec.displayName.toLowerCase()} to use`,
		...overrides,
	};
	// Only records with a Lever web page containing their ID can be picked by URL.
	if (!spec.url) field.modes = field.modes!.filter((mode) => mode.name !== 'url');
	return field;
}

/** "Perform As": the Lever user a write is attributed to (query parameter `perform_as`). */
export function performAsField(required: boolean): INodeProperties {
	return locatorField('user', {
		displayName: 'Perform As',
		name: 'performAs',
		required,
		// 'list' even when optional: n8n checks the 'id' mode's regex on an empty value too, so an empty
		// optional Perform As in 'id' mode is a node issue and the workflow does not run.
		default: { mode: 'list', value: '' },
		description: required
			? 'The Lever user this change is made on behalf of (Lever requires it here: it becomes the creator and appears in the audit trail)'
			: 'The Lever user this change is made on behalf of; leave empty to act as the API key',
	});
}

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	default: 50,
	typeOptions: { minValue: 1 },
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export function expandField(values: string[]): INodeProperties {
	return {
		displayName: 'Expand',
		name: 'expand',
		type: 'multiOptions',
		options: [...values].sort().map((value) => ({ name: value, value })),
		default: [],
		description: 'Linked records to return as full objects instead of IDs',
	};
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Both credential types, each shown for its Authentication choice (every Lever node uses these two). */
export const leverCredentials: INodeCredentialDescription[] = [
	{ name: 'leverAtsApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
	{ name: 'leverAtsOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'apiKey',
};

/** Lever lists leave confidential records out unless asked (shared/lever-api.md §2.6). */
export function confidentialityFilter(records: string): INodeProperties {
	return {
		displayName: 'Confidentiality',
		name: 'confidentiality',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Confidential Only', value: 'confidential' },
			{ name: 'Non-Confidential Only', value: 'non-confidential' },
		],
		default: 'non-confidential',
		description: `Which ${records} to return by confidentiality; Lever returns only non-confidential ones unless told otherwise (a key needs confidential access for the others)`,
	};
}
