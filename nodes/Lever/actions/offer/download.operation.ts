import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { LeverOperation } from '../types';
import { downloadAsBinary } from '../../helpers/binary';
import { binaryOutputField } from '../../shared/fields';

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
	async execute(this: IExecuteFunctions, i: number, { path }): Promise<INodeExecutionData[]> {
		const status = String(this.getNodeParameter('status', i, 'latest'));
		const segments = path.split('/');
		const opportunityId = decodeURIComponent(segments[2] ?? '');
		const offerId = decodeURIComponent(segments[4] ?? '');
		return await downloadAsBinary.call(this, i, {
			path,
			qs: status === 'sent' || status === 'signed' ? { status } : undefined,
			json: { opportunityId, offerId, document: status },
			defaultBaseName: `offer-${offerId}${status === 'latest' ? '' : `-${status}`}`,
			fallbackFileName: () => undefined,
		});
	},
};
