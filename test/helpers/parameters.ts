import type { IDataObject } from 'n8n-workflow';

/**
 * One parameter reader for the fake contexts (runNode's execute context and triggerContext's poll, hook
 * and webhook contexts), answering getNodeParameter the way n8n does for the cases the nodes use: a
 * dotted path into a collection (`options.origins`), the fallback when the parameter is not set, a
 * resource locator's value with `extractValue`, and per-item values given as a function of the item index.
 */
export function readParameter(
	parameters: Record<string, unknown>,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: { extractValue?: boolean },
): unknown {
	let value = valueAt(parameters, name);
	if (typeof value === 'function') value = (value as (index: number) => unknown)(itemIndex);
	if (value === undefined) value = fallback;
	if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
	return options?.extractValue ? locatorValue(value) : value;
}

function valueAt(source: Record<string, unknown>, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(source, path)) return source[path];
	let current: unknown = source;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object' || !(part in (current as Record<string, unknown>))) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** A resource locator's value (`{__rl, mode, value}`), or the value itself. */
function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && ((value as IDataObject).__rl || ('mode' in (value as IDataObject) && 'value' in (value as IDataObject)))) {
		return (value as IDataObject).value;
	}
	return value;
}
