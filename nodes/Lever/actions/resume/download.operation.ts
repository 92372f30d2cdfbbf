import type { IDataObject } from 'n8n-workflow';

import type { LeverOperation } from '../types';
import { fileNameFromMetadata } from '../../helpers/binary';
import { binaryOutputField } from '../../shared';

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
	request(itemIndex, { path, ids, settings }) {
		const resumeId = ids.resume;
		return {
			download: {
				json: { opportunityId: ids.opportunity, resumeId },
				defaultBaseName: `resume-${resumeId}`,
				fallbackFileName: fileNameFromMetadata(this, itemIndex, path, settings, (resume) => (resume.file as IDataObject | undefined)?.name),
			},
		};
	},
};
