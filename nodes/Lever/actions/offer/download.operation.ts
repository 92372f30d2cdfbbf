import type { LeverOperation } from '../types';
import { binaryOutputField } from '../../shared';

/** #38 GET /opportunities/{opportunity}/offers/{offer}/download[?status=sent|signed]. */
export const downloadOfferOperation: LeverOperation = {
	value: 'download',
	name: 'Download',
	action: 'Download an offer document',
	description:
		'Download the document of an offer as binary data: the signed version if anyone has signed it, else the sent one, or the version chosen in Document',
	method: 'GET',
	path: '/opportunities/{opportunity}/offers/{offer}/download',
	pathParameters: { opportunity: 'opportunity' },
	properties: [
		{
			displayName: 'Document',
			name: 'status',
			type: 'options',
			options: [
				{
					name: 'Latest',
					value: 'latest',
					description: 'The signed document if at least one signature exists, else the sent document',
				},
				{ name: 'Sent', value: 'sent', description: 'The document as sent to the candidate' },
				{
					name: 'Signed',
					value: 'signed',
					description: 'The document after signing (available once the first signature is made)',
				},
			],
			default: 'latest',
			description: 'Which version of the offer document to download',
		},
		binaryOutputField,
	],
	request(itemIndex, { ids }) {
		const status = String(this.getNodeParameter('status', itemIndex, 'latest'));
		const offerId = ids.offer;
		return {
			qs: status === 'sent' || status === 'signed' ? { status } : undefined,
			download: {
				json: { opportunityId: ids.opportunity, offerId, document: status },
				defaultBaseName: `offer-${offerId}${status === 'latest' ? '' : `-${status}`}`,
			},
		};
	},
};
