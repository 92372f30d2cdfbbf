import type { LeverOperation } from '../types';
import { fileNameFromMetadata } from '../../helpers/binary';
import { binaryOutputField } from '../../shared';

/** #24 GET /opportunities/{opportunity}/files/{file}/download: the file's bytes as binary data. */
export const downloadFileOperation: LeverOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download a file',
	description:
		'Download a file attached to an opportunity as binary data (Lever answers 422 when it could not process the file)',
	method: 'GET',
	path: '/opportunities/{opportunity}/files/{file}/download',
	pathParameters: { opportunity: 'opportunity' },
	properties: [binaryOutputField],
	request(itemIndex, { path, ids, settings }) {
		const fileId = ids.file;
		return {
			download: {
				json: { opportunityId: ids.opportunity, fileId },
				defaultBaseName: `file-${fileId}`,
				fallbackFileName: fileNameFromMetadata(this, itemIndex, path, settings, (file) => file.name),
			},
		};
	},
};
