import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { LeverOperation } from '../types';
import { downloadAsBinary } from '../../helpers/binary';
import { binaryOutputField } from '../../shared/fields';
import { leverApiRequest } from '../../transport';

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
	async execute(this: IExecuteFunctions, i: number, { path }): Promise<INodeExecutionData[]> {
		const segments = path.split('/');
		const opportunityId = decodeURIComponent(segments[2] ?? '');
		const fileId = decodeURIComponent(segments[4] ?? '');
		const metadataPath = path.replace(/\/download$/, '');
		return await downloadAsBinary.call(this, i, {
			path,
			json: { opportunityId, fileId },
			defaultBaseName: `file-${fileId}`,
			fallbackFileName: async () => {
				const response = (await leverApiRequest.call(this, { method: 'GET', path: metadataPath, itemIndex: i })) as IDataObject;
				const record = (response?.data ?? {}) as IDataObject;
				return typeof record.name === 'string' ? record.name : undefined;
			},
		});
	},
};
