import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { LeverOperation } from '../types';
import { downloadAsBinary } from '../../helpers/binary';
import { binaryOutputField } from '../../shared/fields';
import { leverApiRequest } from '../../transport';

/** #51 GET /opportunities/{opportunity}/resumes/{resume}/download: the resume file as binary data. */
export const downloadResumeOperation: LeverOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download a resume',
	description:
		'Download the original resume file of an opportunity as binary data (Lever answers 422 when it could not process the file)',
	method: 'GET',
	path: '/opportunities/{opportunity}/resumes/{resume}/download',
	pathParameters: { opportunity: 'opportunity' },
	properties: [binaryOutputField],
	async execute(this: IExecuteFunctions, i: number, { path }): Promise<INodeExecutionData[]> {
		const segments = path.split('/');
		const opportunityId = decodeURIComponent(segments[2] ?? '');
		const resumeId = decodeURIComponent(segments[4] ?? '');
		const metadataPath = path.replace(/\/download$/, '');
		return await downloadAsBinary.call(this, i, {
			path,
			json: { opportunityId, resumeId },
			defaultBaseName: `resume-${resumeId}`,
			fallbackFileName: async () => {
				const response = (await leverApiRequest.call(this, { method: 'GET', path: metadataPath, itemIndex: i })) as IDataObject;
				const file = ((response?.data as IDataObject | undefined)?.file ?? {}) as IDataObject;
				return typeof file.name === 'string' ? file.name : undefined;
			},
		});
	},
};
