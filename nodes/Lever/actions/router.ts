import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems } from './items';
import { RESOURCES } from './resources';
import type { LeverResource } from './types';

/**
 * The router only finds the chosen operation and runs it for the input items (actions/items.ts: order
 * and failures; actions/execute.ts: one item's run); the node's parameters are described in
 * actions/description.ts.
 */

export function findOperation(resourceValue: string, operationValue: string, resources: LeverResource[] = RESOURCES) {
	const resource = resources.find((candidate) => candidate.value === resourceValue);
	return resource?.operations.find((candidate) => candidate.value === operationValue);
}

/** Runs the chosen operation for every input item (see runItems for order and failures). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resourceValue = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resourceValue, operationValue);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationValue}" of resource "${resourceValue}" is not supported`);
	}
	return [await runItems(this, items, operation)];
}
