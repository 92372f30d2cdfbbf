import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getStages } from './methods/loadOptions';
import { POLL_EVENTS } from './triggers/pollEvents';
import { runPoll } from './triggers/pollRun';
import { authenticationField, leverCredentials, nameOrIdField } from './shared';

export class LeverPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever Poll Trigger',
		name: 'leverPollTrigger',
		icon: { light: 'file:../../icons/lever.svg', dark: 'file:../../icons/lever.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow on Lever changes found by polling: for n8n instances Lever cannot reach, and for postings, offers, users and requisitions, which Lever sends no webhooks for',
		defaults: { name: 'Lever Poll Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		polling: true,
		credentials: leverCredentials,
		properties: [
			authenticationField,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				noDataExpression: true,
				options: POLL_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: 'opportunityCreated',
			},
			{
				displayName:
					'The first activation only marks the starting point and emits nothing; later polls emit each change once. Set "Backfill Since" to also emit what happened before.',
				name: 'startNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Backfill Since',
						name: 'backfillSince',
						type: 'dateTime',
						default: '',
						description: 'On first activation, also emit the changes made since this date. Changing it starts the trigger over from that date.',
					},
					{
						displayName: 'Include Confidential',
						name: 'includeConfidential',
						type: 'boolean',
						default: false,
						description: 'Whether to include confidential opportunities, postings and requisitions (the credential needs confidential access)',
					},
					{
						displayName: 'Overlap (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 10,
						description:
							"How late Lever may show a change: each poll reads again this many seconds before Lever's clock at its previous read, so that changes Lever shows a little late are not missed. Repeats are dropped.",
					},
					{
						...nameOrIdField({ label: 'To Stage', name: 'toStageIds', loadOptionsMethod: 'getStages', multiple: true, description: 'Only moves into these stages' }),
						displayOptions: { show: { '/event': ['opportunityStageChanged'] } },
					},
				],
			},
		],
	};

	methods = { loadOptions: { getStages } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await runPoll(this);
	}
}
