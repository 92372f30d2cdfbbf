import { uploadFileFields, uploadParts } from '../../helpers/binary';
import type { LeverOperation } from '../types';

/** POST /uploads: the file in multipart field `file`; returns `{id, uri, filename, size, expiresAt}`. */
export const uploadOperation: LeverOperation = {
	value: 'upload',
	name: 'Upload a File',
	action: 'Upload a file',
	description:
		'Upload a file (e.g. a resume, at most 30 MB) from a binary field; returns a URI, valid for 24 hours, to use as a file answer in Posting > Apply',
	method: 'POST',
	path: '/uploads',
	properties: uploadFileFields('e.g. jane-doe-resume.pdf'),
	async request(itemIndex) {
		return { multipart: await uploadParts(this, itemIndex) };
	},
};
