import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, expectDone, expectInputError, jsonOf, useNock } from '../../../helpers/fixtures';

useNock();

const PDF = '%PDF-1.4 fake resume';

function fileItem(fileName = 'cv.pdf') {
	return { json: {}, binary: { data: { data: Buffer.from(PDF).toString('base64'), fileName, mimeType: 'application/pdf' } } };
}

describe('Upload resource', () => {
	it('uploads the binary field as multipart field "file" and returns the upload URI', async () => {
		const answer = { id: 'u1', uri: 'https://api.lever.co/v1/uploads/u1-resume.pdf', filename: 'resume.pdf', size: PDF.length, expiresAt: 1767312000000 };
		const scope = nock(LEVER, { reqheaders: { 'content-type': /^multipart\/form-data; boundary=/ } })
			.post('/v1/uploads', (body: string) => body.includes('name="file"; filename="resume.pdf"') && body.includes('Content-Type: application/pdf') && body.includes(PDF))
			.reply(201, { data: answer });
		const result = await runLever({
			items: [fileItem()],
			parameters: { resource: 'upload', operation: 'upload', binaryPropertyName: 'data', options: { fileName: 'resume.pdf' } },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
	});

	it('uses the binary data’s own file name by default, per item', async () => {
		const scope = nock(LEVER)
			.post('/v1/uploads', (body: string) => body.includes('filename="a.pdf"'))
			.reply(201, { data: { id: 'a' } })
			.post('/v1/uploads', (body: string) => body.includes('filename="b.pdf"'))
			.reply(201, { data: { id: 'b' } });
		const result = await runLever({
			items: [fileItem('a.pdf'), fileItem('b.pdf')],
			parameters: { resource: 'upload', operation: 'upload', binaryPropertyName: 'data', options: {} },
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an item without the binary field before any request', async () => {
		const result = await runLever({
			items: [{ json: {} }],
			parameters: { resource: 'upload', operation: 'upload', binaryPropertyName: 'resume', options: {} },
		});
		expectInputError(result, 'Input Binary Field');
	});
});
