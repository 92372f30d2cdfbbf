/**
 * The public parameter contract: saved workflows store resource and operation values and parameter names,
 * so renaming any of them breaks workflows users already have. This snapshot lists every one of them for
 * the three nodes; a rename fails here and must be made deliberately (`npx jest -u` and a note in the
 * changelog), never by editing a path string or a label.
 */
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { Lever } from '../../nodes/Lever/Lever.node';
import { LeverPollTrigger } from '../../nodes/Lever/LeverPollTrigger.node';
import { LeverTrigger } from '../../nodes/Lever/LeverTrigger.node';

/** `name`, or `parent.child` for the options of collections and fixed collections. */
function parameterPaths(property: INodeProperties, prefix = ''): string[] {
	const path = `${prefix}${property.name}`;
	const nested = (property.options ?? []).flatMap((option) => {
		if ('type' in option) return parameterPaths(option as INodeProperties, `${path}.`);
		if ('values' in option) return option.values.flatMap((value) => parameterPaths(value, `${path}.${option.name}.`));
		return [];
	});
	return [path, ...nested];
}

function scope(property: INodeProperties): string {
	const show = property.displayOptions?.show ?? {};
	const resources = (show.resource as string[] | undefined)?.join('|') ?? '*';
	const operations = (show.operation as string[] | undefined)?.join('|') ?? '*';
	return `${resources} / ${operations}`;
}

/** Values stored in workflows for a dropdown that selects what the node does (resource, operation, events). */
function storedValues(property: INodeProperties): string[] {
	return (property.options ?? []).filter((option) => 'value' in option).map((option) => String((option as { value: unknown }).value));
}

function contract(node: INodeType, selectors: string[]): string {
	const lines = new Set<string>();
	for (const property of node.description.properties) {
		if (selectors.includes(property.name)) {
			lines.add(`${scope(property)} / ${property.name} = ${storedValues(property).join(', ')}`);
		}
		for (const path of parameterPaths(property)) lines.add(`${scope(property)} / ${path}`);
	}
	return [...lines].sort().join('\n');
}

describe('parameter names (the public contract of saved workflows)', () => {
	it.each([
		['Lever', new Lever(), ['resource', 'operation']],
		['Lever Trigger', new LeverTrigger(), ['events']],
		['Lever Poll Trigger', new LeverPollTrigger(), ['event']],
	] as Array<[string, INodeType, string[]]>)('%s', (_name, node, selectors) => {
		expect(contract(node, selectors)).toMatchSnapshot();
	});
});
