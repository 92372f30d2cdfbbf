import type { INodeProperties } from 'n8n-workflow';

/** Fields that look and behave the same wherever an operation or trigger uses them. */

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

/** Lever lists leave confidential records out unless asked (docs/lever-api.md, Confidential records). */
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

const EXPRESSION_LINK = '<a href="https://docs.n8n.io/code/expressions/">expression</a>';

export interface NameOrIdOptions {
	/** What is picked, singular, e.g. `Archive Reason`: the field shows `Archive Reason Name or ID`. */
	label: string;
	name: string;
	/** The loadOptions method that lists the account's records. */
	loadOptionsMethod: string;
	/** Several values (`… Names or IDs`, multiOptions) instead of one. */
	multiple?: boolean;
	required?: boolean;
	/** A sentence before n8n's standard "Choose from the list…" hint. */
	description?: string;
}

/** A dropdown of the account's records that also takes an ID from an expression (n8n's "Name or ID" rule). */
export function nameOrIdField({ label, name, loadOptionsMethod, multiple, required, description }: NameOrIdOptions): INodeProperties {
	const hint = `Choose from the list, or specify ${multiple ? 'IDs' : 'an ID'} using an ${EXPRESSION_LINK}`;
	const field: INodeProperties = {
		displayName: multiple ? `${label} Names or IDs` : `${label} Name or ID`,
		name,
		type: multiple ? 'multiOptions' : 'options',
		typeOptions: { loadOptionsMethod },
		default: multiple ? [] : '',
		description: description ? `${description}. ${hint}.` : hint,
	};
	if (required !== undefined) field.required = required;
	return field;
}

/** Output field of the download operations: where the file lands on the item. */
export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'Name of the binary property the downloaded file is written to',
	hint: 'The name of the output binary field to put the file in',
};

/** Input field of the upload operations: which binary property of the item is sent. */
export const binaryInputField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'Name of the binary property of the input item that holds the file to upload (e.g. the output of a Read File or HTTP Request node)',
	hint: 'The name of the input binary field containing the file to be uploaded',
};

/** Lever's candidate origins (docs/lever-api.md, Origins). */
export const ORIGINS = ['agency', 'applied', 'internal', 'referred', 'sourced', 'university'];

/** The origins as dropdown options (`Agency`, …), alphabetical like ORIGINS. */
export const ORIGIN_OPTIONS = ORIGINS.map((origin) => ({ name: origin.charAt(0).toUpperCase() + origin.slice(1), value: origin }));

/** Candidate Origins of a webhook (the trigger's and the Webhook resource's): `description` says where Lever applies it. */
export function originsField(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Candidate Origins',
		name: 'origins',
		type: 'multiOptions',
		options: ORIGIN_OPTIONS,
		default: [],
		description,
		...(displayOptions ? { displayOptions } : {}),
	};
}

const OPTIONAL_FIELDS = {
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
} as const;

/**
 * A collection of optional fields: `filters` of a listing, `additionalFields` of a create, `updateFields`
 * of an update, `options` that change how an operation runs. The names are what saved workflows store.
 */
export function optionalFields(
	name: keyof typeof OPTIONAL_FIELDS,
	options: INodeProperties[],
	extra: Pick<INodeProperties, 'description' | 'displayOptions'> = {},
): INodeProperties {
	const { displayName, placeholder } = OPTIONAL_FIELDS[name];
	return { displayName, name, type: 'collection', placeholder, default: {}, ...extra, options };
}
