import type { LeverResource } from '../types';
import { uploadOperation } from './upload.operation';

export const uploadResource: LeverResource = {
	value: 'upload',
	name: 'Upload',
	description: 'Temporary file uploads for job applications',
	operations: [uploadOperation],
};
