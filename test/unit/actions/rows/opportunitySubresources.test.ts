import { Lever } from '../../../../nodes/Lever/Lever.node';
import { RESOURCES } from '../../../../nodes/Lever/actions/resources';
import { operationFor, walkProperties } from '../../../helpers/description';

/** Endpoints #13-#51 of Lever's endpoint list: method, path, perform_as, list mode. */
const TABLE: Array<[string, string, string, 'R' | 'O' | '-', 'cursor' | 'unpaged' | '-']> = [
	['opportunity', 'GET', '/opportunities/{opportunity}/file_actions', '-', 'cursor'],
	['application', 'GET', '/opportunities/{opportunity}/applications', '-', 'cursor'],
	['application', 'GET', '/opportunities/{opportunity}/applications/{application}', '-', '-'],
	['application', 'GET', '/applications/deleted', '-', 'cursor'],
	['feedback', 'GET', '/opportunities/{opportunity}/feedback', '-', 'cursor'],
	['feedback', 'GET', '/opportunities/{opportunity}/feedback/{feedback}', '-', '-'],
	['feedback', 'POST', '/opportunities/{opportunity}/feedback', 'R', '-'],
	['feedback', 'PUT', '/opportunities/{opportunity}/feedback/{feedback}', 'R', '-'],
	['feedback', 'DELETE', '/opportunities/{opportunity}/feedback/{feedback}', 'R', '-'],
	['file', 'GET', '/opportunities/{opportunity}/files', '-', 'unpaged'],
	['file', 'GET', '/opportunities/{opportunity}/files/{file}', '-', '-'],
	['file', 'GET', '/opportunities/{opportunity}/files/{file}/download', '-', '-'],
	['file', 'POST', '/opportunities/{opportunity}/files', 'R', '-'],
	['file', 'DELETE', '/opportunities/{opportunity}/files/{file}', 'R', '-'],
	['interview', 'GET', '/opportunities/{opportunity}/interviews', '-', 'cursor'],
	['interview', 'GET', '/opportunities/{opportunity}/interviews/{interview}', '-', '-'],
	['interview', 'POST', '/opportunities/{opportunity}/interviews', 'R', '-'],
	['interview', 'PUT', '/opportunities/{opportunity}/interviews/{interview}', 'R', '-'],
	['interview', 'DELETE', '/opportunities/{opportunity}/interviews/{interview}', 'R', '-'],
	['note', 'GET', '/opportunities/{opportunity}/notes', '-', 'cursor'],
	['note', 'GET', '/opportunities/{opportunity}/notes/{note}', '-', '-'],
	['note', 'POST', '/opportunities/{opportunity}/notes', 'O', '-'],
	['note', 'PUT', '/opportunities/{opportunity}/notes/{note}', '-', '-'],
	['note', 'DELETE', '/opportunities/{opportunity}/notes/{noteId}', '-', '-'],
	['offer', 'GET', '/opportunities/{opportunity}/offers', '-', 'cursor'],
	['offer', 'GET', '/opportunities/{opportunity}/offers/{offer}/download', '-', '-'],
	['panel', 'GET', '/opportunities/{opportunity}/panels', '-', 'cursor'],
	['panel', 'GET', '/opportunities/{opportunity}/panels/{panel}', '-', '-'],
	['panel', 'POST', '/opportunities/{opportunity}/panels', 'R', '-'],
	['panel', 'PUT', '/opportunities/{opportunity}/panels/{panel}', 'R', '-'],
	['panel', 'DELETE', '/opportunities/{opportunity}/panels/{panel}', 'R', '-'],
	['profileForm', 'GET', '/opportunities/{opportunity}/forms', '-', 'cursor'],
	['profileForm', 'GET', '/opportunities/{opportunity}/forms/{form}', '-', '-'],
	['profileForm', 'POST', '/opportunities/{opportunity}/forms', 'O', '-'],
	['referral', 'GET', '/opportunities/{opportunity}/referrals', '-', 'cursor'],
	['referral', 'GET', '/opportunities/{opportunity}/referrals/{referral}', '-', '-'],
	['resume', 'GET', '/opportunities/{opportunity}/resumes', '-', 'unpaged'],
	['resume', 'GET', '/opportunities/{opportunity}/resumes/{resume}', '-', '-'],
	['resume', 'GET', '/opportunities/{opportunity}/resumes/{resume}/download', '-', '-'],
];

const MINE = ['application', 'feedback', 'file', 'interview', 'note', 'offer', 'panel', 'profileForm', 'referral', 'resume'];

describe('opportunity sub-resources (#13-#51) in the node description', () => {
	it.each(TABLE)('%s: %s %s has an operation with perform_as %s and list mode %s', (resource, method, path, performAs, list) => {
		const operation = operationFor(resource, method, path);
		expect(operation).toBeDefined();
		expect(operation!.performAs ?? '-').toBe(performAs === 'R' ? 'required' : performAs === 'O' ? 'optional' : '-');
		expect(operation!.list ?? '-').toBe(list);
		if (path.startsWith('/opportunities/{opportunity}')) expect(operation!.pathParameters?.opportunity).toBe('opportunity');
	});

	it('has no operation outside the table in these resources', () => {
		const known = new Set(TABLE.map(([resource, method, path]) => `${resource} ${method} ${path}`));
		const extra = RESOURCES.filter((resource) => MINE.includes(resource.value))
			.flatMap((resource) => resource.operations.map((operation) => `${resource.value} ${operation.method} ${operation.path}`))
			.filter((key) => !known.has(key));
		expect(extra).toEqual([]);
	});

	it('references only load-options and resource-mapping methods the node has', () => {
		const node = new Lever();
		const methods = node.methods as unknown as Record<string, Record<string, unknown>>;
		const missing: string[] = [];
		for (const resource of RESOURCES.filter((candidate) => MINE.includes(candidate.value))) {
			for (const operation of resource.operations) {
				walkProperties(operation.properties ?? [], (property) => {
					const loadOptionsMethod = property.typeOptions?.loadOptionsMethod as string | undefined;
					if (loadOptionsMethod && typeof methods.loadOptions?.[loadOptionsMethod] !== 'function') missing.push(loadOptionsMethod);
					const mapper = property.typeOptions?.resourceMapper as { resourceMapperMethod?: string } | undefined;
					if (mapper?.resourceMapperMethod && typeof methods.resourceMapping?.[mapper.resourceMapperMethod] !== 'function') {
						missing.push(mapper.resourceMapperMethod);
					}
				});
			}
		}
		expect(missing).toEqual([]);
	});

	it('leaves resource/operation display conditions to the router and gives every field a default', () => {
		for (const resource of RESOURCES.filter((candidate) => MINE.includes(candidate.value))) {
			for (const operation of resource.operations) {
				walkProperties(operation.properties ?? [], (property) => {
					expect(property.displayOptions?.show?.resource).toBeUndefined();
					expect(property.displayOptions?.show?.operation).toBeUndefined();
					expect(property).toHaveProperty('default');
					expect(property.required).not.toBe(false);
				});
			}
		}
	});

	it('shows each operation once in the node with an action and description', () => {
		const node = new Lever();
		for (const value of MINE) {
			const operationParameter = node.description.properties.find(
				(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[] | undefined)?.[0] === value,
			);
			expect(operationParameter).toBeDefined();
			for (const option of operationParameter!.options as Array<{ action?: string; description?: string }>) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description).toBeTruthy();
			}
		}
	});
});
