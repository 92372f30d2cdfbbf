import reference from '../../emulator/operations.json';
import { Lever } from '../../../nodes/Lever/Lever.node';
import { RESOURCES } from '../../../nodes/Lever/actions/resources';

/** Lever's master table (its operation list; docs/lever-api.md has the facts the code relies on), as data in the test folder. */
const table = (reference as { operations: Array<{ n: number; method: string; path: string }> }).operations;
const key = (method: string, path: string) => `${method} ${path.replace(/\/$/, '')}`;

/** The Custom API Call reaches any path on purpose; every other operation must be a documented endpoint. */
const operations = RESOURCES.filter((resource) => resource.value !== 'customApiCall').flatMap((resource) =>
	resource.operations.map((operation) => ({ resource: resource.value, operation: operation.value, endpoint: key(operation.method, operation.path) })),
);

describe('coverage of Lever\'s endpoint table', () => {
	it('holds the 106 documented operations', () => {
		expect(new Set(table.map((row) => key(row.method, row.path))).size).toBe(106);
	});

	it.each(table.map((row) => [row.n, key(row.method, row.path)]))('#%i %s has an operation in the node', (_n, endpoint) => {
		expect(operations.map((operation) => operation.endpoint)).toContain(endpoint);
	});

	it('calls no path that is not in the table', () => {
		const documented = new Set(table.map((row) => key(row.method, row.path)));
		const undocumented = operations.filter((operation) => !documented.has(operation.endpoint));
		expect(undocumented).toEqual([]);
	});

	it('offers every operation in the editor, once per resource', () => {
		const { properties } = new Lever().description;
		for (const resource of RESOURCES) {
			const selector = properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource.value,
			);
			const values = (selector?.options ?? []).map((option) => (option as { value: string }).value);
			expect(values.sort()).toEqual(resource.operations.map((operation) => operation.value).sort());
			expect(new Set(values).size).toBe(values.length);
		}
	});

	it('is usable as an AI tool with a description on every operation', () => {
		const { description } = new Lever();
		expect(description.usableAsTool).toBe(true);
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) expect(operation.description.length).toBeGreaterThan(20);
		}
	});
});
