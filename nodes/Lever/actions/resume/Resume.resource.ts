import type { LeverResource } from '../types';
import { DATE_RANGES, filteredByDateRange } from '../../shared';
import { downloadResumeOperation } from './download.operation';

/** #49–#51: resumes of an opportunity (uploaded files and parsed online profiles). */
export const resumeResource: LeverResource = {
	value: 'resume',
	name: 'Resume',
	description: 'Resumes of an opportunity: metadata, parsed work history and education, and the original file',
	operations: [
		downloadResumeOperation,
		{
			value: 'get',
			name: 'Get',
			action: 'Get a resume',
			description:
				'Retrieve one resume of an opportunity: file metadata and parsedData (positions with org/title/dates, schools with degree/field)',
			method: 'GET',
			path: '/opportunities/{opportunity}/resumes/{resume}',
			pathParameters: { opportunity: 'opportunity' },
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many resumes',
			description: 'List the resumes of an opportunity, optionally only those uploaded in a date range',
			method: 'GET',
			path: '/opportunities/{opportunity}/resumes',
			pathParameters: { opportunity: 'opportunity' },
			list: 'unpaged',
			...filteredByDateRange(DATE_RANGES.uploaded, 'resumes'),
		},
	],
};
