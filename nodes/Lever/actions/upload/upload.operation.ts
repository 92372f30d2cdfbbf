import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getCollection, invalidParameter } from '../../helpers/parameters';
import { leverApiRequest } from '../../transport';
import type { LeverOperation } from '../types';

/** Lever refuses uploads above 30 MB (§2.9). */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

export const uploadFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file to upload',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. jane-doe-resume.pdf',
				description: 'Name to give the file in Lever instead of the binary data’s own file name',
			},
		],
	},
];

/** POST /uploads: multipart with the file in field `file`; returns `{id, uri, filename, size, expiresAt}`. */
export async function uploadExecute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: { path: string; operation: LeverOperation },
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!propertyName) {
		throw invalidParameter(node, itemIndex, 'Input Binary Field', 'is empty', 'Enter the name of the binary field that holds the file, usually data');
	}
	const binary = this.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		throw invalidParameter(
			node,
			itemIndex,
			'Input Binary Field',
			`the item has no binary field "${propertyName}"`,
			'Read or download the file in an earlier node, and enter the name of its binary field here',
		);
	}
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	if (buffer.length > MAX_UPLOAD_BYTES) {
		throw invalidParameter(
			node,
			itemIndex,
			'Input Binary Field',
			`the file is ${(buffer.length / 1024 / 1024).toFixed(1)} MB`,
			'Lever accepts files of at most 30 MB',
		);
	}
	const { fileName } = getCollection(this, 'options', itemIndex);
	const name = (typeof fileName === 'string' && fileName.trim()) || binary.fileName || `upload${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const envelope = await leverApiRequest.call(this, {
		method: 'POST',
		path: context.path,
		multipart: [{ name: 'file', data: buffer, fileName: name, mimeType: binary.mimeType || 'application/octet-stream' }],
		endpoint: context.operation.path,
		itemIndex,
	});
	const data = (envelope.data ?? envelope) as IDataObject;
	return [{ json: data, pairedItem: { item: itemIndex } }];
}
