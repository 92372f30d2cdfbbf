import type { LeverResource } from '../types';
import { uploadFileFields } from '../../helpers/binary';
import { uploadExecute } from './upload.operation';

export const uploadResource: LeverResource = {
	value: 'upload',
	name: 'Upload',
	description: 'Temporary file uploads for job applications',
	operations: [
		{
			value: 'upload',
			name: 'Upload a File',
			action: 'Upload a file',
			description:
				'Upload a file (e.g. a resume, at most 30 MB) from a binary field; returns a URI, valid for 24 hours, to use as a file answer in Posting > Apply',
			method: 'POST',
			path: '/uploads',
			properties: uploadFileFields('e.g. jane-doe-resume.pdf'),
			execute: uploadExecute,
		},
	],
};
