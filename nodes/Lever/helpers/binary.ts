import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { MultipartPart, TransportSettings } from '../transport';
import { leverApiDownload, leverApiRequest } from '../transport';
import { binaryInputField, invalidParameter, optionalFields } from '../shared';

/**
 * For a download at `<record path>/download` whose answer names no file: reads the record's metadata and
 * returns the name `nameOf` finds in it (files keep it in `name`, resumes in `file.name`).
 */
export function fileNameFromMetadata(
	ctx: IExecuteFunctions,
	itemIndex: number,
	downloadPath: string,
	settings: TransportSettings,
	nameOf: (record: IDataObject) => unknown,
): () => Promise<string | undefined> {
	return async () => {
		const path = downloadPath.replace(/\/download$/, '');
		const response = await leverApiRequest.call(ctx, { method: 'GET', path, itemIndex, settings });
		const name = nameOf((response?.data ?? {}) as IDataObject);
		return typeof name === 'string' ? name : undefined;
	};
}

/**
 * The file name a Content-Disposition header announces, preferring the RFC 5987 `filename*` form.
 * Returns undefined when the header is absent or names no file.
 */
export function fileNameFromContentDisposition(header: unknown): string | undefined {
	const value = Array.isArray(header) ? String(header[0] ?? '') : typeof header === 'string' ? header : '';
	if (!value) return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(value);
	if (extended) {
		try {
			const decoded = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
			if (decoded) return decoded;
		} catch {
			// malformed percent-encoding: fall back to the plain filename parameter
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(value);
	const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
	return name || undefined;
}

const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'text/plain': 'txt',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'text/javascript': 'js',
	'application/javascript': 'js',
};

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

export interface DownloadOptions {
	path: string;
	/** Path template, for error messages. */
	endpoint?: string;
	qs?: IDataObject;
	/** What the output item's JSON says about the file besides its name and type. */
	json: IDataObject;
	/** File name when the response has no Content-Disposition (may look the record up). */
	fallbackFileName?: () => Promise<string | undefined> | string | undefined;
	/** Base name used when nothing else names the file; an extension is added from the MIME type. */
	defaultBaseName: string;
	/** Retry settings of the item (Request Options). */
	settings?: TransportSettings;
}

/** Downloads a Lever document and returns it as one item with a binary property. */
export async function downloadAsBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: DownloadOptions,
): Promise<INodeExecutionData[]> {
	const propertyName = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!propertyName) {
		throw invalidParameter(
			ctx.getNode(),
			itemIndex,
			'Put Output File in Field',
			'is empty',
			'Enter the name of the binary property to write the file to, e.g. data',
		);
	}
	const response = await leverApiDownload.call(ctx, {
		method: 'GET',
		path: options.path,
		qs: options.qs,
		endpoint: options.endpoint,
		itemIndex,
		settings: options.settings,
	});
	const headers: IDataObject = response.headers ?? {};
	const mimeTypeHeader = header(headers, 'content-type');
	const mimeType = mimeTypeHeader ? mimeTypeHeader.split(';')[0].trim() : undefined;
	let fileName = fileNameFromContentDisposition(header(headers, 'content-disposition'));
	if (!fileName) fileName = (await options.fallbackFileName?.()) || undefined;
	if (!fileName) {
		const extension = mimeType ? EXTENSIONS[mimeType] : undefined;
		fileName = extension ? `${options.defaultBaseName}.${extension}` : options.defaultBaseName;
	}
	const binary = await ctx.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return [
		{
			json: { ...options.json, fileName, mimeType: binary.mimeType, fileSize: response.body.length },
			binary: { [propertyName]: binary },
			pairedItem: { item: itemIndex },
		},
	];
}

/** Lever refuses files above 30 MB (docs/lever-api.md, Uploads and files). */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/** The fields of every upload: which binary property to send, and an optional name for it in Lever. */
export function uploadFileFields(fileNamePlaceholder: string): INodeProperties[] {
	return [
		binaryInputField,
		optionalFields('options', [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: fileNamePlaceholder,
				description: 'Name to store the file under in Lever (defaults to the binary file name)',
			},
		]),
	];
}

/**
 * The item's file as multipart field `file` (the Upload and File > Upload operations), after the checks
 * Lever would otherwise fail on: the binary property exists and the file is at most 30 MB.
 */
export async function uploadParts(ctx: IExecuteFunctions, itemIndex: number): Promise<MultipartPart[]> {
	const { fileName } = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const file = await readUploadFile(ctx, itemIndex, typeof fileName === 'string' ? fileName : undefined);
	if (file.data.length > MAX_UPLOAD_BYTES) {
		throw invalidParameter(
			ctx.getNode(),
			itemIndex,
			'Input Binary Field',
			`the file is ${(file.data.length / 1024 / 1024).toFixed(1)} MB, more than Lever's 30 MB limit`,
			'Compress or split the file before uploading it',
		);
	}
	return [{ name: 'file', data: file.data, fileName: file.fileName, mimeType: file.mimeType }];
}

/** Reads the item's binary property for an upload, naming the field when it is missing. */
export async function readUploadFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fileNameOverride?: string,
): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	const propertyName = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!propertyName) {
		throw invalidParameter(
			ctx.getNode(),
			itemIndex,
			'Input Binary Field',
			'is empty',
			'Enter the name of the binary property holding the file, e.g. data',
		);
	}
	const item = ctx.getInputData()[itemIndex];
	if (!item?.binary?.[propertyName]) {
		const available = Object.keys(item?.binary ?? {});
		throw invalidParameter(
			ctx.getNode(),
			itemIndex,
			'Input Binary Field',
			`the input item has no binary property "${propertyName}"`,
			available.length
				? `Use one of the item's binary properties: ${available.join(', ')}`
				: 'Give the node an item that carries a file (e.g. from Read/Write Files from Disk or HTTP Request with "Response Format: File")',
		);
	}
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	const fileName = fileNameOverride?.trim() || binary.fileName || `${propertyName}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	return { data, fileName, mimeType: binary.mimeType || 'application/octet-stream' };
}
