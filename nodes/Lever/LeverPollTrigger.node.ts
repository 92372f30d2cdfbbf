import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { toMilliseconds } from './shared/rules';
import { getStages } from './methods/loadOptions';
import type { Candidate, PollState } from './triggers/pollCursor';
import { advance, initialState, selectNew, windowStart } from './triggers/pollCursor';
import type { PollOptions } from './triggers/pollEvents';
import { POLL_EVENTS } from './triggers/pollEvents';
import { authenticationField, leverCredentials } from './shared/authentication';

/** Manual runs show this many of the newest matching records. */
const SAMPLE_SIZE = 5;
/** Manual runs look this far back, widening until something matches. */
const SAMPLE_LOOKBACKS_MS = [86_400_000, 30 * 86_400_000, 365 * 86_400_000];
const SAMPLE_READ_LIMIT = 500;
/** Stop reading after this share of n8n's poll budget, return what was read and let the next poll go on. */
const BUDGET_SHARE = 0.6;

function signatureOf(event: string, backfillSince: number | undefined): string {
	return `v1|${event}|${backfillSince ?? ''}`;
}

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
							'Each poll re-reads this many seconds before the last change it saw, so that changes written in the same millisecond, shown late or stamped by a clock a little behind are not missed. Repeats are dropped.',
					},
					{
						displayName: 'To Stage Names or IDs',
						name: 'toStageIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getStages' },
						default: [],
						displayOptions: { show: { '/event': ['opportunityStageChanged'] } },
						description:
							'Only moves into these stages. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getStages } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const startedAt = Date.now();
		const event = this.getNodeParameter('event') as string;
		const source = POLL_EVENTS.find((candidate) => candidate.value === event);
		if (!source) throw new NodeOperationError(this.getNode(), `Unknown event "${event}"`);
		const rawOptions = this.getNodeParameter('options', {}) as IDataObject;
		const overlapMs = Math.max(0, Number(rawOptions.overlapSeconds ?? 10) || 0) * 1000;
		const backfillSince =
			rawOptions.backfillSince === undefined || rawOptions.backfillSince === ''
				? undefined
				: toMilliseconds(this.getNode(), 0, 'Backfill Since', rawOptions.backfillSince);
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 5 * 60_000;
		const options: PollOptions = {
			includeConfidential: rawOptions.includeConfidential === true,
			toStageIds: ((rawOptions.toStageIds ?? []) as string[]).map(String),
			deadline: startedAt + budget * BUDGET_SHARE,
			sample: false,
		};

		if (this.getMode() === 'manual') {
			// A sample of the newest matching records; the cursor and memory stay as they are.
			for (const lookback of SAMPLE_LOOKBACKS_MS) {
				const scratch = initialState('sample', startedAt - lookback);
				const start = scratch.cursor;
				const harvest = await source.harvest(this, start, scratch, { ...options, sample: true, maxRecords: SAMPLE_READ_LIMIT });
				const found = selectNew(scratch, start, harvest.candidates).reverse().slice(0, SAMPLE_SIZE);
				if (found.length) return [found.map((candidate) => ({ json: candidate.json }))];
			}
			return null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const signature = signatureOf(event, backfillSince);
		let state = staticData.lever as PollState | undefined;
		if (!state || state.signature !== signature || typeof state.cursor !== 'number') {
			state = initialState(signature, backfillSince ?? startedAt);
			staticData.lever = state;
			if (backfillSince === undefined) return null;
		}
		state.seen ??= {};
		state.extra ??= {};

		const start = windowStart(state, backfillSince !== undefined && state.cursor === backfillSince ? 0 : overlapMs);
		const harvest = await source.harvest(this, start, state, options);
		const emitted: Candidate[] = selectNew(state, start, harvest.candidates);
		advance(state, emitted, harvest, startedAt, overlapMs);
		// Reassigned so that n8n's change tracking sees nested edits whatever object they were made on.
		staticData.lever = state;
		if (!harvest.complete) {
			this.logger.info(`Lever Poll Trigger: stopped reading after ${Date.now() - startedAt} ms (poll budget); the next poll continues`);
		}
		if (emitted.length === 0) return null;
		return [emitted.map((candidate) => ({ json: candidate.json }))];
	}
}
