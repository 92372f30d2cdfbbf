import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { appUrlFor } from '../transport/environments';
import { leverApiRequest, leverBaseUrl, listRecords } from '../transport';

/** Records read per search page; Lever has no name search, so the filter applies to what was read. */
const SEARCH_PAGE = 100;

interface SearchSpec {
	path: string;
	qs?: IDataObject;
	label: (record: IDataObject) => string;
	url?: (record: IDataObject, appUrl: string) => string | undefined;
	/** Lever lists that are not paged (stages) come back whole. */
	paged?: boolean;
}

function matches(label: string, filter?: string) {
	return !filter || label.toLowerCase().includes(filter.trim().toLowerCase());
}

async function search(this: ILoadOptionsFunctions, spec: SearchSpec, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const qs: IDataObject = { ...spec.qs };
	if (spec.paged !== false) {
		qs.limit = SEARCH_PAGE;
		if (paginationToken) qs.offset = paginationToken;
	}
	const envelope = await leverApiRequest.call(this, { method: 'GET', path: spec.path, qs, endpoint: spec.path });
	const appUrl = appUrlFor(await leverBaseUrl(this));
	const records = listRecords(envelope);
	const results: INodeListSearchItems[] = records
		.map((record) => ({ name: spec.label(record), value: String(record.id), url: spec.url?.(record, appUrl) }))
		.filter((result) => matches(result.name, filter));
	const next = spec.paged !== false && envelope.hasNext === true && typeof envelope.next === 'string' ? envelope.next : undefined;
	return { results, paginationToken: next };
}

export async function searchOpportunities(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	// An email typed in the search box uses Lever's own email filter; anything else filters names.
	const isEmail = !!filter && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(filter.trim());
	return await search.call(
		this,
		{
			path: '/opportunities',
			qs: isEmail ? { email: filter!.trim() } : {},
			label: (record) => `${record.name ?? 'Unnamed'}${Array.isArray(record.emails) && record.emails.length ? ` <${record.emails[0]}>` : ''}`,
			url: (record, appUrl) => `${appUrl}/candidates/${record.id}`,
		},
		isEmail ? undefined : filter,
		paginationToken,
	);
}

export async function searchPostings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search.call(
		this,
		{
			path: '/postings',
			label: (record) => {
				const categories = (record.categories ?? {}) as IDataObject;
				return `${record.text ?? 'Untitled'}${categories.location ? ` (${categories.location})` : ''} · ${record.state ?? ''}`;
			},
			url: (record) => (record.urls as IDataObject | undefined)?.show as string | undefined,
		},
		filter,
		paginationToken,
	);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search.call(
		this,
		{ path: '/users', label: (record) => `${record.name ?? record.email} <${record.email ?? ''}>` },
		filter,
		paginationToken,
	);
}

export async function searchStages(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search.call(this, { path: '/stages', label: (record) => String(record.text ?? record.id) }, filter, paginationToken);
}

export async function searchRequisitions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	return await search.call(
		this,
		{
			path: '/requisitions',
			label: (record) => `${record.name ?? 'Unnamed'}${record.requisitionCode ? ` (${record.requisitionCode})` : ''} · ${record.status ?? ''}`,
		},
		filter,
		paginationToken,
	);
}
