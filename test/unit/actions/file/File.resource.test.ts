import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, USER, expectDone, expectInputError, opportunity, performAs, useNock } from '../../../helpers/fixtures';

useNock();

const fileRecord = { id: CHILD, name: 'portfolio.pdf', ext: 'pdf', size: 5, uploadedAt: 1769940000000, status: 'processing' };
const pdf = Buffer.from('%PDF-');

describe('File resource', () => {
	it('lists the files of an opportunity without paging parameters, filtered by upload date', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/files`)
			.query({ uploaded_at_start: '1767225600000' })
			.reply(200, { data: [fileRecord], hasNext: false });
		const result = await runLever({
			parameters: {
				resource: 'file',
				operation: 'getMany',
				opportunityId: opportunity,
				returnAll: true,
				filters: { uploadedAfter: '2026-01-01T00:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: fileRecord, pairedItem: { item: 0 } }]);
	});

	it('lists files that Lever answers as a bare array, as its documentation shows', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/files`).reply(200, [fileRecord, { ...fileRecord, id: 'second' }]);
		const result = await runLever({ parameters: { resource: 'file', operation: 'getMany', opportunityId: opportunity, returnAll: true, filters: {} } });
		expectDone(result, scope);
		expect(result.output.map((item) => item.json.id)).toEqual([CHILD, 'second']);
	});

	it('applies the limit to the unpaged file list', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/files`)
			.reply(200, { data: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], hasNext: false });
		const result = await runLever({
			parameters: { resource: 'file', operation: 'getMany', opportunityId: opportunity, returnAll: false, limit: 2, filters: {} },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output.map((item) => item.json.id)).toEqual(['a', 'b']);
	});

	it('gets the metadata of one file', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/files/${CHILD}`).reply(200, { data: fileRecord });
		const result = await runLever({ parameters: { resource: 'file', operation: 'get', opportunityId: opportunity, fileId: CHILD } });
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: fileRecord, pairedItem: { item: 0 } }]);
	});

	it('downloads a file as binary data named by Content-Disposition', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/files/${CHILD}/download`)
			.reply(200, pdf, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="cv final.pdf"' });
		const result = await runLever({
			parameters: { resource: 'file', operation: 'download', opportunityId: opportunity, fileId: CHILD, binaryPropertyName: 'doc' },
		});
		expectDone(result, scope);
		expect(result.output).toHaveLength(1);
		const [item] = result.output;
		expect(item.json).toEqual({ opportunityId: OPP, fileId: CHILD, fileName: 'cv final.pdf', mimeType: 'application/pdf', fileSize: 5 });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.doc).toMatchObject({ fileName: 'cv final.pdf', mimeType: 'application/pdf' });
		expect(Buffer.from(item.binary!.doc.data, 'base64').toString()).toBe('%PDF-');
	});

	it('names a downloaded file after its Lever record when there is no Content-Disposition', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/files/${CHILD}/download`)
			.reply(200, pdf, { 'Content-Type': 'application/pdf' })
			.get(`/v1/opportunities/${OPP}/files/${CHILD}`)
			.reply(200, { data: fileRecord });
		const result = await runLever({
			parameters: { resource: 'file', operation: 'download', opportunityId: opportunity, fileId: CHILD, binaryPropertyName: 'data' },
		});
		expectDone(result, scope);
		expect(result.output[0].binary?.data).toMatchObject({ fileName: 'portfolio.pdf', mimeType: 'application/pdf' });
	});

	it('uploads the binary property of the item as multipart field "file" with perform_as', async () => {
		let contentType = '';
		let sent = '';
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/files`, (body: string) => {
				sent = body;
				return true;
			})
			.query({ perform_as: USER })
			.reply(function () {
				contentType = String(this.req.headers['content-type']);
				return [201, { data: fileRecord }];
			});
		const result = await runLever({
			parameters: { resource: 'file', operation: 'upload', opportunityId: opportunity, performAs, binaryPropertyName: 'attachment', options: {} },
			items: [
				{
					json: {},
					binary: { attachment: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'portfolio.pdf' } },
				},
			],
		});
		expectDone(result, scope);
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(sent).toContain('Content-Disposition: form-data; name="file"; filename="portfolio.pdf"');
		expect(sent).toContain('Content-Type: application/pdf');
		expect(sent).toContain('%PDF-');
		expect(result.output).toEqual([{ json: fileRecord, pairedItem: { item: 0 } }]);
	});

	it('uploads under the file name given in the options', async () => {
		let sent = '';
		const scope = nock(LEVER)
			.post(`/v1/opportunities/${OPP}/files`, (body: string) => {
				sent = body;
				return true;
			})
			.query({ perform_as: USER })
			.reply(201, { data: fileRecord });
		await runLever({
			parameters: {
				resource: 'file',
				operation: 'upload',
				opportunityId: opportunity,
				performAs,
				binaryPropertyName: 'data',
				options: { fileName: 'renamed.pdf' },
			},
			items: [{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'x.pdf' } } }],
		});
		expect(scope.isDone()).toBe(true);
		expect(sent).toContain('filename="renamed.pdf"');
	});

	it('refuses an upload when the item has no such binary property', async () => {
		const result = await runLever({
			parameters: { resource: 'file', operation: 'upload', opportunityId: opportunity, performAs, binaryPropertyName: 'resume', options: {} },
			items: [{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'x.pdf' } } }],
		});
		expectInputError(result, 'Input Binary Field');
		expect(result.error?.message).toContain('"resume"');
	});

	it('refuses an upload without Perform As', async () => {
		const result = await runLever({
			parameters: { resource: 'file', operation: 'upload', opportunityId: opportunity, performAs: '', binaryPropertyName: 'data', options: {} },
			items: [{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'x.pdf' } } }],
		});
		expectInputError(result, 'Perform As');
	});

	it('deletes a file as the Perform As user', async () => {
		const scope = nock(LEVER).delete(`/v1/opportunities/${OPP}/files/${CHILD}`).query({ perform_as: USER }).reply(204);
		const result = await runLever({
			parameters: { resource: 'file', operation: 'delete', opportunityId: opportunity, fileId: CHILD, performAs },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: { success: true, deleted: true, opportunity: OPP, file: CHILD }, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed file ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'file', operation: 'download', opportunityId: opportunity, fileId: '../users', binaryPropertyName: 'data' },
		});
		expectInputError(result, 'File ID');
	});

	it('refuses an upload date filter that is not a date', async () => {
		const result = await runLever({
			parameters: { resource: 'file', operation: 'getMany', opportunityId: opportunity, returnAll: true, filters: { uploadedBefore: '31/31/2026' } },
		});
		expectInputError(result, 'Filters > Uploaded Before');
	});
});
