import nock from 'nock';

import { CHILD, LEVER, OPP, useNock } from '../../../helpers/fixtures';
import { asWorkflow, executeWorkflow } from '../../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../../helpers/runNode';
import fixture from './download.workflow.json';

useNock();

it('downloads the file into the binary field the JSON names; without Content-Disposition the name comes from the file\'s record', async () => {
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
	const scope = nock(LEVER)
		.get(`/v1/opportunities/${OPP}/files/${CHILD}/download`)
		.reply(200, png, { 'Content-Type': 'image/png' })
		.get(`/v1/opportunities/${OPP}/files/${CHILD}`)
		.reply(200, { data: { id: CHILD, name: 'whiteboard.png' } });

	const run = await executeWorkflow(asWorkflow(fixture), { leverAtsApi: apiKeyCredentials() });

	expect(run.error('Lever')).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	const [item] = run.output('Lever');
	expect(item.json).toEqual({ opportunityId: OPP, fileId: CHILD, fileName: 'whiteboard.png', mimeType: 'image/png', fileSize: png.length });
	expect(Object.keys(item.binary ?? {})).toEqual(['portfolio']);
	expect(item.binary!.portfolio).toMatchObject({ fileName: 'whiteboard.png', mimeType: 'image/png' });
	expect(Buffer.from(item.binary!.portfolio.data, 'base64')).toEqual(png);
});
