import type { IDataObject } from 'n8n-workflow';

/**
 * Lever reads multi-valued filters as repeated keys (`tag=a&tag=b`) and answers 400 to commas or
 * `tag[]=`, so the query string is built here rather than left to the HTTP client's defaults.
 */
export function encodeQuery(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const parts: string[] = [];
	for (const [key, value] of Object.entries(qs)) {
		const values = Array.isArray(value) ? value : [value];
		for (const entry of values) {
			if (entry === undefined || entry === null || entry === '') continue;
			const text = typeof entry === 'object' ? JSON.stringify(entry) : String(entry);
			parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
		}
	}
	return parts.join('&');
}

/** Joins base URL, path and query; the path is expected to carry already-encoded ids. */
export function buildUrl(baseUrl: string, path: string, qs?: IDataObject): string {
	const query = encodeQuery(qs);
	const normalizedPath = path.startsWith('/') ? path : `/${path}`;
	return `${baseUrl}${normalizedPath}${query ? `?${query}` : ''}`;
}
