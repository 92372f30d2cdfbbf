import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, expectDone, expectInputError, opportunity, useNock } from '../../../helpers/fixtures';

useNock();

const resumeRecord = {
	id: CHILD,
	createdAt: 1769940000000,
	file: { name: 'jane-doe.docx', ext: 'docx', uploadedAt: 1769940000000, status: 'processed', size: 4 },
	parsedData: { positions: [{ org: 'Acme', title: 'Engineer' }], schools: [] },
};

describe('Resume resource', () => {
	it('lists resumes without paging parameters, filtered by upload date range', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/resumes`)
			.query({ uploaded_at_start: '1767225600000', uploaded_at_end: '1769904000000' })
			.reply(200, { data: [resumeRecord], hasNext: false });
		const result = await runLever({
			parameters: {
				resource: 'resume',
				operation: 'getMany',
				opportunityId: opportunity,
				returnAll: true,
				filters: { uploadedAfter: '2026-01-01T00:00:00Z', uploadedBefore: '2026-02-01T00:00:00Z' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: resumeRecord, pairedItem: { item: 0 } }]);
	});

	it('gets one resume with its parsed data', async () => {
		const scope = nock(LEVER).get(`/v1/opportunities/${OPP}/resumes/${CHILD}`).reply(200, { data: resumeRecord });
		const result = await runLever({ parameters: { resource: 'resume', operation: 'get', opportunityId: opportunity, resumeId: CHILD } });
		expect(scope.isDone()).toBe(true);
		expect(result.output).toEqual([{ json: resumeRecord, pairedItem: { item: 0 } }]);
	});

	it('downloads a resume as binary data named by the RFC 5987 Content-Disposition', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/resumes/${CHILD}/download`)
			.reply(200, Buffer.from('DOCX'), {
				'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'Content-Disposition': `attachment; filename*=UTF-8''Ren%C3%A9e.docx`,
			});
		const result = await runLever({
			parameters: { resource: 'resume', operation: 'download', opportunityId: opportunity, resumeId: CHILD, binaryPropertyName: 'data' },
		});
		expectDone(result, scope);
		expect(result.output[0].json).toEqual({
			opportunityId: OPP,
			resumeId: CHILD,
			fileName: 'Renée.docx',
			mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			fileSize: 4,
		});
		expect(result.output[0].binary?.data).toMatchObject({ fileName: 'Renée.docx' });
	});

	it('names a downloaded resume after its file record when there is no Content-Disposition', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/resumes/${CHILD}/download`)
			.reply(200, Buffer.from('DOCX'), { 'Content-Type': 'application/octet-stream' })
			.get(`/v1/opportunities/${OPP}/resumes/${CHILD}`)
			.reply(200, { data: resumeRecord });
		const result = await runLever({
			parameters: { resource: 'resume', operation: 'download', opportunityId: opportunity, resumeId: CHILD, binaryPropertyName: 'data' },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.output[0].binary?.data).toMatchObject({ fileName: 'jane-doe.docx' });
	});

	it('reports a resume Lever could not process (422) as an API error on that item', async () => {
		nock(LEVER)
			.get(`/v1/opportunities/${OPP}/resumes/${CHILD}/download`)
			.reply(422, { code: 'UnprocessableEntity', message: 'File could not be processed' });
		const result = await runLever({
			parameters: { resource: 'resume', operation: 'download', opportunityId: opportunity, resumeId: CHILD, binaryPropertyName: 'data' },
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(String(result.output[0].json.error)).not.toBe('');
		expect(result.output[0].binary).toBeUndefined();
	});

	it('refuses an empty output binary field name before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'resume', operation: 'download', opportunityId: opportunity, resumeId: CHILD, binaryPropertyName: ' ' },
		});
		expectInputError(result, 'Put Output File in Field');
	});

	it('refuses a malformed resume ID before any request', async () => {
		const result = await runLever({ parameters: { resource: 'resume', operation: 'get', opportunityId: opportunity, resumeId: 'resume-1' } });
		expectInputError(result, 'Resume ID');
	});
});
