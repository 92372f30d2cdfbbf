import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { LeverOperation } from '../types';
import { binaryInputField, readUploadFile } from '../../helpers/binary';
import { getCollection, invalidParameter } from '../../helpers/parameters';
import { leverApiRequest } from '../../transport';
import { readPerformAs } from '../execute';

/** Lever refuses files above 30 MB (shared/lever-api.md §2.9). */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/** #25 POST /opportunities/{opportunity}/files, multipart field `file`, perform_as required. */
export const uploadFileOperation: LeverOperation = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description:
		"Attach a file (docx, doc, pdf, txt, jpg, png; max 30 MB) from the input item's binary data to an opportunity",
	method: 'POST',
	path: '/opportunities/{opportunity}/files',
	pathParameters: { opportunity: 'opportunity' },
	performAs: 'required',
	properties: [
		binaryInputField,
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
					placeholder: 'e.g. portfolio.pdf',
					description: 'Name to store the file under in Lever (defaults to the binary file name)',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number, { path }): Promise<INodeExecutionData[]> {
		const performAs = readPerformAs(this, i, uploadFileOperation) as string;
		const options = getCollection(this, 'options', i);
		const file = await readUploadFile.call(this, i, options.fileName as string | undefined);
		if (file.data.length > MAX_UPLOAD_BYTES) {
			throw invalidParameter(
				this.getNode(),
				i,
				'Input Binary Field',
				`the file is ${Math.ceil(file.data.length / 1024 / 1024)} MB, more than Lever's 30 MB limit`,
				'Compress or split the file before uploading it',
			);
		}
		const response = (await leverApiRequest.call(this, {
			method: 'POST',
			path,
			qs: { perform_as: performAs },
			multipart: [{ name: 'file', data: file.data, fileName: file.fileName, mimeType: file.mimeType }],
			itemIndex: i,
		})) as IDataObject;
		const record = (response?.data ?? response ?? {}) as IDataObject;
		return [{ json: record, pairedItem: { item: i } }];
	},
};
