import type { LeverResource } from '../types';
import { DATE_RANGES, filteredByDateRange } from '../../shared';
import { downloadFileOperation } from './download.operation';
import { uploadFileOperation } from './upload.operation';

/** #22–#26: files attached to an opportunity (other than resumes). */
export const fileResource: LeverResource = {
	value: 'file',
	name: 'File',
	description: 'Files attached to an opportunity: list, read metadata, download, upload, delete',
	operations: [
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a file',
			description: 'Remove a file from an opportunity',
			method: 'DELETE',
			path: '/opportunities/{opportunity}/files/{file}',
			pathParameters: { opportunity: 'opportunity' },
			performAs: 'required',
		},
		downloadFileOperation,
		{
			value: 'get',
			name: 'Get',
			action: 'Get a file',
			description: 'Retrieve the metadata of one file of an opportunity (name, extension, size, upload time, processing status)',
			method: 'GET',
			path: '/opportunities/{opportunity}/files/{file}',
			pathParameters: { opportunity: 'opportunity' },
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many files',
			description: 'List the files attached to an opportunity, optionally only those uploaded in a date range',
			method: 'GET',
			path: '/opportunities/{opportunity}/files',
			pathParameters: { opportunity: 'opportunity' },
			list: 'unpaged',
			...filteredByDateRange(DATE_RANGES.uploaded, 'files'),
		},
		uploadFileOperation,
	],
};
