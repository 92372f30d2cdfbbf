import { uploadFileFields, uploadParts } from '../../helpers/binary';
import type { LeverOperation } from '../types';

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
	properties: uploadFileFields('e.g. portfolio.pdf'),
	async request(itemIndex) {
		return { multipart: await uploadParts(this, itemIndex) };
	},
};
