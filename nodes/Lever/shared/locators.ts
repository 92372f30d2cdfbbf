import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PlainIdKind } from './rules';
import { PLAIN_ID_RULES, STAGE_ID_PATTERN, UUID_CAPTURE, UUID_PATTERN } from './rules';

/** Records picked with a resource locator (From List / By ID / By URL) wherever an operation needs one. */
export type LocatorKind = 'opportunity' | 'posting' | 'user' | 'stage' | 'requisition';
/** How an ID field is asked for and checked: a locator kind, or a plain ID rule. */
export type IdKind = LocatorKind | PlainIdKind;

interface LocatorSpec {
	displayName: string;
	searchListMethod: string;
	idPattern: string;
	idPlaceholder: string;
	/** URL mode: Lever web-app URL that embeds the id, when one exists. */
	url?: { placeholder: string; regex: string; extract: string };
}

/** One table for every resource locator the nodes offer. */
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

export function isLocatorKind(kind: IdKind): kind is LocatorKind {
	return Object.prototype.hasOwnProperty.call(LOCATORS, kind);
}

/** A resource locator field for `kind`, named `name` (defaults to `<kind>Id`). */
export function locatorField(kind: LocatorKind, overrides: Partial<INodeProperties> = {}): INodeProperties {
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

/** Reads a resource-locator or string parameter and checks it looks like an ID of its kind. */
export function readId(ctx: IExecuteFunctions, itemIndex: number, name: string, kind: IdKind, label: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String((raw as IDataObject)?.value ?? raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Choose a ${label.toLowerCase()} from the list, or enter its Lever ID`,
		});
	}
	if (isLocatorKind(kind)) {
		if (!new RegExp(LOCATORS[kind].idPattern).test(value)) {
			throw new NodeOperationError(ctx.getNode(), `${label}: "${value}" is not a valid Lever ID`, {
				itemIndex,
				description: `Use the ID from Lever (${LOCATORS[kind].idPlaceholder.replace('e.g. ', 'for example ')}), pick one from the list, or paste a Lever URL`,
			});
		}
	} else if (value.length > 64 || !PLAIN_ID_RULES[kind].pattern.test(value)) {
		throw new NodeOperationError(ctx.getNode(), `${label}: "${value}" is not a valid ID`, { itemIndex, description: PLAIN_ID_RULES[kind].fix });
	}
	return value;
}
