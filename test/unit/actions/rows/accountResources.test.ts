import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Lever } from '../../../../nodes/Lever/Lever.node';
import { RESOURCES } from '../../../../nodes/Lever/actions/resources';
import { operationFor, walkProperties } from '../../../helpers/description';

/** Endpoints #52-#106 of Lever's endpoint list: resource, method, path, perform_as, list mode. */
const TABLE: Array<[string, string, string, 'R' | '-', 'cursor' | 'unpaged' | '-']> = [
	['posting', 'GET', '/postings', '-', 'cursor'],
	['posting', 'GET', '/postings/{posting}', '-', '-'],
	['posting', 'GET', '/postings/deleted', '-', 'cursor'],
	['posting', 'POST', '/postings', 'R', '-'],
	['posting', 'POST', '/postings/{posting}', 'R', '-'],
	['posting', 'GET', '/postings/{posting}/apply', '-', '-'],
	['posting', 'POST', '/postings/{posting}/apply', '-', '-'],
	['posting', 'GET', '/postings/{posting}/users', '-', '-'],
	['user', 'GET', '/users', '-', 'cursor'],
	['user', 'GET', '/users/{user}', '-', '-'],
	['user', 'POST', '/users', '-', '-'],
	['user', 'PUT', '/users/{user}', '-', '-'],
	['user', 'POST', '/users/{user}/deactivate', '-', '-'],
	['user', 'POST', '/users/{user}/reactivate', '-', '-'],
	['stage', 'GET', '/stages', '-', 'cursor'],
	['stage', 'GET', '/stages/{stage}', '-', '-'],
	['dispositionStage', 'GET', '/disposition_stages', '-', '-'],
	['archiveReason', 'GET', '/archive_reasons', '-', 'cursor'],
	['archiveReason', 'GET', '/archive_reasons/{archive_reason}', '-', '-'],
	['tag', 'GET', '/tags', '-', 'cursor'],
	['source', 'GET', '/sources', '-', 'cursor'],
	['contact', 'GET', '/contacts/{contact}', '-', '-'],
	['contact', 'PUT', '/contacts/{contact}', '-', '-'],
	['requisition', 'GET', '/requisitions', '-', 'cursor'],
	['requisition', 'GET', '/requisitions/{requisition}', '-', '-'],
	['requisition', 'POST', '/requisitions', '-', '-'],
	['requisition', 'PUT', '/requisitions/{requisition}', '-', '-'],
	['requisition', 'DELETE', '/requisitions/{requisition}', '-', '-'],
	['requisitionField', 'GET', '/requisition_fields', '-', 'unpaged'],
	['requisitionField', 'GET', '/requisition_fields/{requisition_field}', '-', '-'],
	['requisitionField', 'POST', '/requisition_fields', '-', '-'],
	['requisitionField', 'PUT', '/requisition_fields/{requisition_field}', '-', '-'],
	['requisitionField', 'POST', '/requisition_fields/{requisition_field}/options', '-', '-'],
	['requisitionField', 'PUT', '/requisition_fields/{requisition_field}/options', '-', '-'],
	['requisitionField', 'DELETE', '/requisition_fields/{requisition_field}/options', '-', '-'],
	['requisitionField', 'DELETE', '/requisition_fields/{requisition_field}', '-', '-'],
	['feedbackTemplate', 'GET', '/feedback_templates', '-', 'cursor'],
	['feedbackTemplate', 'GET', '/feedback_templates/{feedback_template}', '-', '-'],
	['feedbackTemplate', 'POST', '/feedback_templates', '-', '-'],
	['feedbackTemplate', 'PUT', '/feedback_templates/{feedback_template}', '-', '-'],
	['feedbackTemplate', 'DELETE', '/feedback_templates/{feedback_template}', '-', '-'],
	['formTemplate', 'GET', '/form_templates', '-', 'cursor'],
	['formTemplate', 'GET', '/form_templates/{form_template}', '-', '-'],
	['formTemplate', 'POST', '/form_templates', '-', '-'],
	['formTemplate', 'PUT', '/form_templates/{form_template}', '-', '-'],
	['formTemplate', 'DELETE', '/form_templates/{form_template}', '-', '-'],
	['upload', 'POST', '/uploads', '-', '-'],
	['auditEvent', 'GET', '/audit_events', '-', 'cursor'],
	['eeoResponse', 'GET', '/eeo/responses', '-', 'cursor'],
	['eeoResponse', 'GET', '/eeo/responses/pii', '-', 'cursor'],
	['diversitySurvey', 'GET', '/surveys/diversity/{posting}', '-', 'unpaged'],
	['webhook', 'GET', '/webhooks', '-', 'unpaged'],
	['webhook', 'POST', '/webhooks', '-', '-'],
	['webhook', 'PUT', '/webhooks', '-', '-'],
	['webhook', 'DELETE', '/webhooks/{webhookId}', '-', '-'],
];

const MINE = [...new Set(TABLE.map(([resource]) => resource))];
const LOCATOR_PLACEHOLDERS = ['posting', 'user', 'stage', 'requisition'];

const { properties } = new Lever().description;
const mine = properties.filter((property) => MINE.includes(String(property.displayOptions?.show?.resource?.[0])));
const sorted = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

describe('account-level resources (#52-#106) in the node description', () => {
	it.each(TABLE)('%s: %s %s has an operation with perform_as %s and list mode %s', (resource, method, path, performAs, list) => {
		const operation = operationFor(resource, method, path);
		expect(operation).toBeDefined();
		expect(operation!.performAs ?? '-').toBe(performAs === 'R' ? 'required' : '-');
		expect(operation!.list ?? '-').toBe(list);
		for (const placeholder of LOCATOR_PLACEHOLDERS) {
			if (path.includes(`{${placeholder}}`)) expect(operation!.pathParameters?.[placeholder]).toBe(placeholder);
		}
	});

	it('has no operation outside the table in these resources', () => {
		const known = new Set(TABLE.map(([resource, method, path]) => `${resource} ${method} ${path}`));
		const extra = RESOURCES.filter((resource) => MINE.includes(resource.value))
			.flatMap((resource) => resource.operations.map((operation) => `${resource.value} ${operation.method} ${operation.path}`))
			.filter((entry) => !known.has(entry));
		expect(extra).toEqual([]);
	});

	it('names operations as n8n wants: Get Many → "Get many …", actions in sentence case, descriptions without "all"', () => {
		for (const resource of RESOURCES.filter((candidate) => MINE.includes(candidate.value))) {
			expect(resource.name).toMatch(/^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/);
			for (const operation of resource.operations) {
				expect(operation.action.charAt(0)).toBe(operation.action.charAt(0).toUpperCase());
				expect(operation.action.slice(1)).not.toMatch(/\b(Get|Create|Update|Delete)\b/);
				if (operation.value === 'getMany') {
					expect(operation.name).toBe('Get Many');
					expect(operation.action).toMatch(/^Get many /);
					expect(operation.description).toMatch(/\bmany\b/);
				}
				expect(operation.description).not.toMatch(/\ball\b/i);
				expect(operation.description.length).toBeGreaterThan(30);
			}
		}
	});

	it('gives every parameter a default, never required: false, and boolean descriptions starting with "Whether"', () => {
		walkProperties(mine, (property) => {
			expect(property).toHaveProperty('default');
			expect(property.required).not.toBe(false);
			if (property.type === 'boolean' && property.description) expect(property.description).toMatch(/^Whether /);
		});
	});

	it('sorts options and collection entries alphabetically, and names dropdowns loaded from Lever "… Name or ID"', () => {
		walkProperties(mine, (property) => {
			if (['options', 'multiOptions'].includes(property.type) && property.options) {
				const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
				expect(names).toEqual(sorted(names));
			}
			if (property.type === 'collection' && property.options) {
				const names = (property.options as INodeProperties[]).map((option) => option.displayName);
				expect(names).toEqual(sorted(names));
			}
			if (property.typeOptions?.loadOptionsMethod) {
				expect(property.displayName).toMatch(property.type === 'multiOptions' ? / Names or IDs$/ : / Name or ID$/);
				expect(property.description).toMatch(/^Choose from the list, or specify (an ID|IDs) using an <a href=/);
			}
		});
	});

	it('names the plain path IDs after their placeholders', () => {
		const names = (resource: string) =>
			mine.filter((property) => property.displayOptions?.show?.resource?.[0] === resource).map((property) => property.name);
		expect(names('archiveReason')).toContain('archiveReasonId');
		expect(names('requisitionField')).toContain('requisitionFieldId');
		expect(names('feedbackTemplate')).toContain('feedbackTemplateId');
		expect(names('formTemplate')).toContain('formTemplateId');
		expect(names('contact')).toContain('contactId');
		expect(names('webhook')).toContain('webhookId');
	});
});
