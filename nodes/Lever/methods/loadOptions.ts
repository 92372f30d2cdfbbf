import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { leverApiList } from '../transport';

/** Dropdowns read at most this many records, enough for any account's stages, tags or templates. */
const OPTIONS_LIMIT = 1000;

async function options(
	ctx: ILoadOptionsFunctions,
	path: string,
	toOption: (record: IDataObject) => INodePropertyOptions,
	qs: IDataObject = {},
	paging: 'cursor' | 'unpaged' = 'cursor',
): Promise<INodePropertyOptions[]> {
	const records = await leverApiList.call(ctx, { method: 'GET', path, qs, endpoint: path }, { limit: OPTIONS_LIMIT, paging });
	return records.map(toOption).sort((a, b) => a.name.localeCompare(b.name));
}

/** Tags and sources: their text is their value (Lever creates new ones on the fly). */
export async function getTags(this: ILoadOptionsFunctions) {
	return await options(this, '/tags', (record) => ({ name: String(record.text), value: String(record.text) }));
}

export async function getSources(this: ILoadOptionsFunctions) {
	return await options(this, '/sources', (record) => ({ name: String(record.text), value: String(record.text) }));
}

export async function getArchiveReasons(this: ILoadOptionsFunctions) {
	return await options(this, '/archive_reasons', (record) => ({
		name: `${record.text}${record.type === 'hired' ? ' (hired)' : ''}`,
		value: String(record.id),
		description: String(record.status ?? ''),
	}));
}

export async function getStages(this: ILoadOptionsFunctions) {
	return await options(this, '/stages', (record) => ({ name: String(record.text), value: String(record.id) }));
}

export async function getUsers(this: ILoadOptionsFunctions) {
	return await options(this, '/users', (record) => ({
		name: String(record.name ?? record.email),
		value: String(record.id),
		description: `${record.email ?? ''} · ${record.accessRole ?? ''}`,
	}));
}

export async function getPostings(this: ILoadOptionsFunctions) {
	return await options(this, '/postings', (record) => ({
		name: String(record.text),
		value: String(record.id),
		description: `${record.state ?? ''} · ${((record.categories ?? {}) as IDataObject).location ?? ''}`,
	}));
}

export async function getFeedbackTemplates(this: ILoadOptionsFunctions) {
	return await options(this, '/feedback_templates', (record) => ({ name: String(record.text), value: String(record.id) }));
}

export async function getFormTemplates(this: ILoadOptionsFunctions) {
	return await options(this, '/form_templates', (record) => ({ name: String(record.text), value: String(record.id) }));
}

export async function getRequisitionFields(this: ILoadOptionsFunctions) {
	return await options(
		this,
		'/requisition_fields',
		(record) => ({ name: String(record.text), value: String(record.id), description: String(record.type ?? '') }),
		{},
		'unpaged',
	);
}
