import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { CHILD, LEVER, OPP, USER, expectDone, expectInputError, opportunity, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Offer resource', () => {
	it('lists the offers of an opportunity with the creator expanded', async () => {
		const offer = { id: CHILD, status: 'signed', creator: { id: USER, name: 'Jane' }, fields: [] };
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/offers`)
			.query({ expand: 'creator', limit: 50 })
			.reply(200, page([offer]));
		const result = await runLever({
			parameters: { resource: 'offer', operation: 'getMany', opportunityId: opportunity, returnAll: false, limit: 50, expand: ['creator'] },
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: offer, pairedItem: { item: 0 } }]);
	});

	it('downloads the signed offer document when asked for it', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/offers/${CHILD}/download`)
			.query({ status: 'signed' })
			.reply(200, Buffer.from('%PDF-'), { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="Offer - Jane.pdf"' });
		const result = await runLever({
			parameters: { resource: 'offer', operation: 'download', opportunityId: opportunity, offerId: CHILD, status: 'signed', binaryPropertyName: 'offer' },
		});
		expectDone(result, scope);
		expect(result.output[0].json).toEqual({
			opportunityId: OPP,
			offerId: CHILD,
			document: 'signed',
			fileName: 'Offer - Jane.pdf',
			mimeType: 'application/pdf',
			fileSize: 5,
		});
		expect(result.output[0].binary?.offer).toMatchObject({ fileName: 'Offer - Jane.pdf', mimeType: 'application/pdf' });
	});

	it('downloads the latest document without a status and names it from the offer ID and MIME type', async () => {
		const scope = nock(LEVER)
			.get(`/v1/opportunities/${OPP}/offers/${CHILD}/download`)
			.reply(200, Buffer.from('%PDF-'), { 'Content-Type': 'application/pdf' });
		const result = await runLever({
			parameters: { resource: 'offer', operation: 'download', opportunityId: opportunity, offerId: CHILD, status: 'latest', binaryPropertyName: 'data' },
		});
		expectDone(result, scope);
		expect(result.output[0].binary?.data).toMatchObject({ fileName: `offer-${CHILD}.pdf` });
	});

	it('refuses a malformed offer ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'offer', operation: 'download', opportunityId: opportunity, offerId: 'offer?x=1', status: 'sent', binaryPropertyName: 'data' },
		});
		expectInputError(result, 'Offer ID');
	});
});
