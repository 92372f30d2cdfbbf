import nock from 'nock';

import { LEVER, OPP, USER, useNock } from '../../../helpers/fixtures';
import { asWorkflow, executeWorkflow } from '../../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../../helpers/runNode';
import fixture from './upload.workflow.json';

useNock();

it('uploads the item\'s binary (Input Binary Field at its default) to the opportunity of a Lever URL, named by an expression', async () => {
	let body = '';
	let contentType = '';
	const scope = nock(LEVER)
		.post(`/v1/opportunities/${OPP}/files`, (sent: string) => {
			body = sent;
			return true;
		})
		.query({ perform_as: USER })
		.reply(function () {
			contentType = String(this.req.headers['content-type']);
			return [201, { data: { id: 'file-1', name: 'Portfolio 2026.pdf' } }];
		});

	const run = await executeWorkflow(asWorkflow(fixture), { leverAtsApi: apiKeyCredentials() });

	expect(run.error('Lever')).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	expect(run.parameters('Lever')).toMatchObject({ binaryPropertyName: 'data' });
	expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
	const boundary = contentType.split('boundary=')[1];
	const parts = body.split(`--${boundary}`).filter((part) => part.includes('Content-Disposition'));
	expect(parts).toHaveLength(1);
	expect(parts[0]).toContain('name="file"; filename="Portfolio 2026.pdf"');
	expect(parts[0]).toContain('Content-Type: application/pdf');
	expect(parts[0]).toContain('%PDF-1.4 portfolio');
	expect(run.output('Lever')).toEqual([{ json: { id: 'file-1', name: 'Portfolio 2026.pdf' }, pairedItem: { item: 0 } }]);
});
