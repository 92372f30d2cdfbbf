import type { INodeProperties } from 'n8n-workflow';

import { authenticationField, expandField, isLocatorKind, limitField, locatorField, nameOrIdField, performAsField, returnAllField } from '../shared';
import { kindOf, pathField, placeholdersOf } from './paths';
import { RESOURCES } from './resources';
import type { LeverOperation, LeverResource } from './types';

/**
 * The Lever node's parameters, derived from the operation table: per row its path-ID fields, Perform As,
 * Return All / Limit, Expand, its own fields and Request Options, each shown for its resource and operation.
 */

/** The field asking for one path placeholder: a locator for record kinds, else a dropdown or an ID field. */
function pathParameterField(operation: LeverOperation, placeholder: string): INodeProperties {
	const kind = kindOf(operation, placeholder);
	const { name, label, loadOptionsMethod } = pathField(placeholder);
	if (isLocatorKind(kind)) return locatorField(kind, { name });
	if (loadOptionsMethod) {
		return nameOrIdField({ label: label.replace(/ ID$/, ''), name, loadOptionsMethod, required: true });
	}
	return {
		displayName: label,
		name,
		type: 'string',
		default: '',
		required: true,
		description: `ID of the ${label.replace(/ ID$/, '').toLowerCase()} in Lever`,
	};
}

function scoped(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), resource: [resource], operation: [operation] };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** Retry bounds, on every operation; the transport reads them per item. */
const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 6,
			description: 'Attempts per request, the first included, when Lever is rate limiting or briefly unavailable',
		},
		{
			displayName: 'Max Retry Time (Seconds)',
			name: 'maxRetrySeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description: 'Stop retrying a request once this much time has passed since its first attempt',
		},
	],
};

/** The operation's fields: generated ones from the table row, then its own. */
export function operationProperties(resource: LeverResource, operation: LeverOperation): INodeProperties[] {
	const generated: INodeProperties[] = placeholdersOf(operation.path).map((placeholder) => pathParameterField(operation, placeholder));
	if (operation.performAs) generated.push(performAsField(operation.performAs === 'required'));
	if (operation.list) generated.push(returnAllField, limitField);
	if (operation.expand?.length) generated.push(expandField(operation.expand));
	return [...generated, ...(operation.properties ?? []), requestOptionsField].map((property) =>
		scoped(property, resource.value, operation.value),
	);
}

/** The node's whole parameter list: authentication, resource, then per resource its operations and fields. */
export function buildProperties(resources: LeverResource[] = RESOURCES): INodeProperties[] {
	const properties: INodeProperties[] = [
		authenticationField,
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((resource) => ({ name: resource.name, value: resource.value, description: resource.description })),
			default: 'opportunity',
		},
	];
	for (const resource of resources) {
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
		const operationProperty: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
			})),
			default: '',
		};
		// The default is the resource's Get (or first) operation, known only from the table.
		operationProperty.default = (operations.find((operation) => operation.value === 'get') ?? operations[0]).value;
		properties.push(operationProperty);
	}
	for (const resource of resources) {
		for (const operation of resource.operations) properties.push(...operationProperties(resource, operation));
	}
	return properties;
}

