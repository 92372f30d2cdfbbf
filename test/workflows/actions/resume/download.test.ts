import nock from 'nock';

import { CHILD, LEVER, OPP, useNock } from '../../../helpers/fixtures';
import { asWorkflow, executeWorkflow } from '../../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../../helpers/runNode';
import fixture from './download.workflow.json';

useNock();

it('downloads the resume into the binary field "data" (the default), named by Content-Disposition, IDs from expressions', async () => {
	const pdf = Buffer.from('%PDF-1.7 resume of Jane');
	const scope = nock(LEVER)
		.get(`/v1/opportunities/${OPP}/resumes/${CHILD}/download`)
		.reply(200, pdf, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="Jane Doe resume.pdf"' });

	const run = await executeWorkflow(asWorkflow(fixture), { leverAtsApi: apiKeyCredentials() });

	expect(run.error('Lever')).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	const [item] = run.output('Lever');
	expect(item.json).toEqual({ opportunityId: OPP, resumeId: CHILD, fileName: 'Jane Doe resume.pdf', mimeType: 'application/pdf', fileSize: pdf.length });
	expect(Object.keys(item.binary ?? {})).toEqual(['data']);
	const binary = item.binary!.data;
	expect(binary).toMatchObject({ fileName: 'Jane Doe resume.pdf', mimeType: 'application/pdf', fileExtension: 'pdf' });
	// n8n-core's binary data service keeps the file inline here (no storage configured): base64 of the bytes.
	expect(Buffer.from(binary.data, 'base64')).toEqual(pdf);
	expect(item.pairedItem).toEqual({ item: 0 });
});
