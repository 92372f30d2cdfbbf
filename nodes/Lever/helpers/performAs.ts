import type { IExecuteFunctions } from 'n8n-workflow';

import { assertLeverId } from './parameters';

/**
 * The `perform_as` user id of a hand-written (`execute`) operation, read from the generated
 * Perform As field and validated before any request. Returns undefined when optional and empty.
 */
export function readPerformAs(ctx: IExecuteFunctions, itemIndex: number, required: boolean): string | undefined {
	const raw = ctx.getNodeParameter('performAs', itemIndex, '', { extractValue: true }) as unknown;
	const value = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
	const id = String(value ?? '').trim();
	if (!id && !required) return undefined;
	return assertLeverId(ctx.getNode(), itemIndex, 'Perform As', id);
}
