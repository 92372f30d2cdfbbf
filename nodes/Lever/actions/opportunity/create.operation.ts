import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getCollection, toList } from '../../helpers/parameters';
import { ORIGINS, ORIGIN_OPTIONS, assertEmail, assertLeverId, invalidParameter, locatorField, nameOrIdField, optionalFields, toMilliseconds } from '../../shared';
import type { MultipartPart, TransportSettings } from '../../transport';
import { leverApiList } from '../../transport';
import { operationQuery, send } from '../execute';
import type { LeverOperation, OperationContext, OperationRequest } from '../types';
import { readTagsOrSources, tagsOrSourcesFields } from './opportunity.fields';

const PHONE_TYPES = ['home', 'mobile', 'other', 'skype', 'work'];

/** Turns the editor's fields into Lever's create body (docs/lever-api.md, Opportunities). */
function buildCandidate(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const extra = getCollection(ctx, 'additionalFields', itemIndex);
	const body: IDataObject = {};
	const name = String(ctx.getNodeParameter('name', itemIndex, '') ?? '').trim();
	if (name) body.name = name;
	const emails = toList(ctx.getNodeParameter('emails', itemIndex, '')).map((email) => assertEmail(node, itemIndex, 'Emails', email));
	if (emails.length) body.emails = emails;
	const postingRaw = ctx.getNodeParameter('postingId', itemIndex, '', { extractValue: true }) as string;
	if (String(postingRaw ?? '').trim()) body.postings = [assertLeverId(node, itemIndex, 'Posting', String(postingRaw))];
	for (const kind of ['tags', 'sources'] as const) {
		const values = readTagsOrSources(ctx, itemIndex, kind);
		if (values.length) body[kind] = values;
	}

	for (const key of ['headline', 'location', 'origin', 'stage', 'opportunityLocation'] as const) {
		const value = String(extra[key] ?? '').trim();
		if (value) body[key] = value;
	}
	if (body.opportunityLocation && !body.postings) {
		// Lever ignores it without a posting (the opportunity gets no location): say so instead.
		throw invalidParameter(node, itemIndex, 'Opportunity Location', 'needs a posting', 'Choose the posting, or remove Opportunity Location (Lever ignores it without one)');
	}
	if (body.origin && !ORIGINS.includes(String(body.origin))) {
		throw invalidParameter(node, itemIndex, 'Origin', `"${body.origin}" is not a Lever origin`, `Use one of: ${ORIGINS.join(', ')}`);
	}
	const links = toList(extra.links);
	for (const link of links) {
		if (!/^https?:\/\/\S+$/.test(link)) {
			throw invalidParameter(node, itemIndex, 'Links', `"${link}" is not a URL`, 'Links must start with http:// or https://');
		}
	}
	if (links.length) body.links = links;
	const phones = toList(extra.phones);
	if (phones.length) {
		const phoneType = String(extra.phoneType ?? 'mobile');
		if (!PHONE_TYPES.includes(phoneType)) {
			throw invalidParameter(node, itemIndex, 'Phone Type', `"${phoneType}" is not a Lever phone type`, `Use one of: ${PHONE_TYPES.join(', ')}`);
		}
		body.phones = phones.map((value) => ({ value, type: phoneType }));
	}
	for (const key of ['owner', 'contact'] as const) {
		const value = String(extra[key] ?? '').trim();
		if (value) body[key] = assertLeverId(node, itemIndex, key === 'owner' ? 'Owner' : 'Contact', value);
	}
	const followers = toList(extra.followers).map((id) => assertLeverId(node, itemIndex, 'Followers', id));
	if (followers.length) body.followers = followers;
	if (extra.createdAt) {
		const createdAt = toMilliseconds(ctx, itemIndex, 'Created At', extra.createdAt);
		if (createdAt > Date.now()) {
			throw invalidParameter(node, itemIndex, 'Created At', 'is in the future', 'Lever accepts only past dates for imported candidates');
		}
		body.createdAt = createdAt;
	}
	const archiveReason = String(extra.archiveReason ?? '').trim();
	if (archiveReason) body.archived = { reason: archiveReason };
	return body;
}

/** Lever's multipart form for creates with files: arrays as `key[]`, nested values as `key[sub]`. */
function toMultipart(body: IDataObject): MultipartPart[] {
	const parts: MultipartPart[] = [];
	for (const [key, value] of Object.entries(body)) {
		if (Array.isArray(value)) {
			value.forEach((entry, index) => {
				if (entry && typeof entry === 'object') {
					for (const [subKey, subValue] of Object.entries(entry as IDataObject)) {
						parts.push({ name: `${key}[${index}][${subKey}]`, value: String(subValue) });
					}
				} else {
					parts.push({ name: `${key}[]`, value: String(entry) });
				}
			});
		} else if (value && typeof value === 'object') {
			for (const [subKey, subValue] of Object.entries(value as IDataObject)) parts.push({ name: `${key}[${subKey}]`, value: String(subValue) });
		} else if (value !== undefined && value !== null) {
			parts.push({ name: key, value: String(value) });
		}
	}
	return parts;
}

/**
 * Per run (node execution): whether the credential may ask for confidential data. Lever grants that only
 * when a key is created, and most keys lack it: they get 403 for `confidentiality=all`. The run's first
 * lookup finds out (`undefined` while unknown), so such a key costs one refused request per run, not one
 * per item, and items running in parallel wait for that answer.
 */
const confidentialAccess = new WeakMap<object, Promise<boolean | undefined>>();

function isForbidden(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '403';
}

/** One lookup by email: confidential opportunities included when the credential may see them. */
async function findByEmail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: TransportSettings,
	email: string,
	postingId?: string,
): Promise<IDataObject | undefined> {
	const lookup = async (confidentiality?: 'all') => {
		const qs: IDataObject = { email };
		if (postingId) qs.posting_id = [postingId];
		if (confidentiality) qs.confidentiality = confidentiality;
		const [existing] = await leverApiList.call(ctx, { method: 'GET', path: '/opportunities', qs, endpoint: '/opportunities', itemIndex, settings }, { limit: 1 });
		return existing;
	};
	const known = confidentialAccess.get(ctx);
	if (known) {
		const allowed = await known;
		if (allowed !== undefined) return await lookup(allowed ? 'all' : undefined);
	}
	const attempt = lookup('all');
	// Another failure decides nothing; a second 403 without `all` (no access to /opportunities) is reported.
	const learnt = attempt.then(
		() => true,
		(error: unknown) => (isForbidden(error) ? false : undefined),
	);
	confidentialAccess.set(ctx, learnt);
	if ((await learnt) === false) return await lookup();
	return await attempt;
}

/**
 * Per run: the opportunity each email + posting led to (found or created), so two items of one run for
 * the same person and posting create it once, even before Lever's search shows the new opportunity.
 */
const seenThisRun = new WeakMap<object, Map<string, IDataObject>>();

function runKeys(body: IDataObject): string[] {
	const postingId = ((body.postings ?? []) as string[])[0] ?? '';
	return ((body.emails ?? []) as string[]).map((email) => `${email.trim().toLowerCase()}|${postingId}`);
}

function remember(ctx: IExecuteFunctions, body: IDataObject, opportunity: IDataObject) {
	let seen = seenThisRun.get(ctx);
	if (!seen) seenThisRun.set(ctx, (seen = new Map()));
	for (const key of runKeys(body)) if (!seen.has(key)) seen.set(key, opportunity);
}

/** An opportunity of this person on this posting (or any, without a posting), found by email. */
async function findExisting(ctx: IExecuteFunctions, itemIndex: number, settings: TransportSettings, body: IDataObject): Promise<IDataObject | undefined> {
	const seen = seenThisRun.get(ctx);
	const earlier = runKeys(body).map((key) => seen?.get(key)).find(Boolean);
	if (earlier) return earlier;
	const emails = (body.emails ?? []) as string[];
	const postingId = ((body.postings ?? []) as string[])[0];
	for (const email of emails) {
		const existing = await findByEmail(ctx, itemIndex, settings, email, postingId);
		if (existing) return existing;
	}
	return undefined;
}

/** Find or Create looks the person up before creating: more than one request, so the row keeps an execute. */
async function execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const mode = this.getNodeParameter('mode', itemIndex, 'create') as string;
	const qs = operationQuery(this, itemIndex, createOperation);
	const body = buildCandidate(this, itemIndex);
	const options = getCollection(this, 'options', itemIndex);

	if (mode === 'findOrCreate') {
		if (!(body.emails as string[] | undefined)?.length) {
			throw invalidParameter(node, itemIndex, 'Emails', 'is empty', 'Find or Create looks the candidate up by email: enter at least one email');
		}
		const existing = await findExisting(this, itemIndex, context.settings, body);
		if (existing) {
			remember(this, body, existing);
			return [{ json: { ...existing, created: false, deduped: true, matchedBy: body.postings ? 'email+posting' : 'email' }, pairedItem: { item: itemIndex } }];
		}
	}

	if (options.parse) qs.parse = true;
	if (options.performAsPostingOwner) {
		if (!body.postings) {
			throw invalidParameter(node, itemIndex, 'Owner Is Posting Owner', 'needs a posting', 'Choose the posting, or turn this option off');
		}
		qs.perform_as_posting_owner = true;
	}

	const resumeProperty = String(options.resumeBinaryProperty ?? '').trim();
	let built: OperationRequest = { body };
	if (resumeProperty) {
		const binary = this.helpers.assertBinaryData(itemIndex, resumeProperty);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, resumeProperty);
		built = { multipart: [...toMultipart(body), { name: 'resumeFile', data, fileName: binary.fileName ?? 'resume', mimeType: binary.mimeType }] };
	}
	const [created] = await send(this, itemIndex, context, built, qs);
	if (mode === 'findOrCreate') remember(this, body, created.json);
	return [created];
}

export const createOperation: LeverOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create an opportunity',
	description:
		'Add a candidate for a posting (or as a general lead). Lever merges into an existing person with the same email and reports deduped. Find or Create reuses an existing opportunity on the same posting instead.',
	method: 'POST',
	path: '/opportunities',
	performAs: 'required',
	properties: [
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Create', value: 'create', description: 'Always create (Lever still merges the person by email)' },
				{
					name: 'Find or Create',
					value: 'findOrCreate',
					description:
						'Look up by email (and posting) first and return the existing opportunity when there is one; confidential ones only when the credential has confidential access',
				},
			],
			default: 'create',
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Jane Doe', description: "The candidate's full name" },
		{
			displayName: 'Emails',
			name: 'emails',
			type: 'string',
			default: '',
			placeholder: 'e.g. jane@example.com',
			description: 'Comma-separated email addresses; Lever merges into an existing person with one of them',
		},
		locatorField('posting', {
			name: 'postingId',
			required: false,
			default: { mode: 'list', value: '' },
			description: 'The job this candidate is for (at most one); leave empty for a general lead',
		}),
		...tagsOrSourcesFields('tags'),
		...tagsOrSourcesFields('sources'),
		optionalFields('additionalFields', [
			nameOrIdField({ label: 'Archive Reason', name: 'archiveReason', loadOptionsMethod: 'getArchiveReasons', description: 'Create the opportunity already archived' }),
			{ displayName: 'Contact ID', name: 'contact', type: 'string', default: '', description: 'Attach to this existing person' },
			{ displayName: 'Created At', name: 'createdAt', type: 'dateTime', default: '', description: 'For historical imports; not in the future' },
			{ displayName: 'Follower IDs', name: 'followers', type: 'string', default: '', description: 'Comma-separated user IDs' },
			{ displayName: 'Headline', name: 'headline', type: 'string', default: '', description: 'Companies and schools, in one line' },
			{ displayName: 'Links', name: 'links', type: 'string', default: '', description: 'Comma-separated profile URLs (LinkedIn, GitHub...)' },
			{ displayName: 'Location', name: 'location', type: 'string', default: '', description: "The candidate's location" },
			{ displayName: 'Opportunity Location', name: 'opportunityLocation', type: 'string', default: '', description: 'Which of the posting\'s locations (for postings with several; Lever sets "unspecified" otherwise). Needs a posting.' },
			{
				displayName: 'Origin',
				name: 'origin',
				type: 'options',
				options: ORIGIN_OPTIONS,
				default: 'sourced',
			},
			nameOrIdField({ label: 'Owner', name: 'owner', loadOptionsMethod: 'getUsers', description: 'Defaults to Perform As' }),
			{ displayName: 'Phone Type', name: 'phoneType', type: 'options', options: PHONE_TYPES.map((type) => ({ name: type, value: type })), default: 'mobile' },
			{ displayName: 'Phones', name: 'phones', type: 'string', default: '', description: 'Comma-separated phone numbers' },
			nameOrIdField({ label: 'Stage', name: 'stage', loadOptionsMethod: 'getStages', description: 'Defaults to New Lead, whatever the origin' }),
		]),
		optionalFields('options', [
			{
				displayName: 'Owner Is Posting Owner',
				name: 'performAsPostingOwner',
				type: 'boolean',
				default: false,
				description: "Whether the posting's owner becomes the opportunity owner",
			},
			{
				displayName: 'Parse Resume',
				name: 'parse',
				type: 'boolean',
				default: false,
				description: 'Whether Lever fills empty fields from the uploaded resume',
			},
			{
				displayName: 'Resume Input Binary Field',
				name: 'resumeBinaryProperty',
				type: 'string',
				default: '',
				placeholder: 'e.g. data',
				description: 'Name of the binary property of the input item holding the resume to attach',
			},
		]),
	],
	/** Lever reports in a top-level `deduped` whether it merged into an existing person. */
	records(envelope) {
		return [{ ...((envelope.data ?? {}) as IDataObject), created: true, deduped: envelope.deduped === true }];
	},
	execute,
};
