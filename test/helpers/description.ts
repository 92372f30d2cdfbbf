/** Reading the Lever node's operation table and parameters in tests of its description. */
import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/Lever/actions/resources';
import type { LeverOperation } from '../../nodes/Lever/actions/types';

/** The row of a resource that sends `method path`, if there is one. */
export function operationFor(resource: string, method: string, path: string): LeverOperation | undefined {
	return RESOURCES.find((candidate) => candidate.value === resource)?.operations.find(
		(operation) => operation.method === method && operation.path === path,
	);
}

/** Visits every parameter, including those inside collections and fixed collections. */
export function walkProperties(properties: INodeProperties[], visit: (property: INodeProperties) => void) {
	for (const property of properties) {
		visit(property);
		for (const option of (property.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>) {
			if ('type' in option && option.type) walkProperties([option], visit);
			if (option.values) walkProperties(option.values, visit);
		}
	}
}
