import type { INodePropertyMode } from 'n8n-workflow';

import { locatorField } from '../../../nodes/Lever/shared/locators';

const ID = '250d8f03-738a-4bba-a671-8a3d73477145';

/** What n8n does with a URL mode: validate the whole value (it wraps the regex in ^…$), then extract. */
function byUrl(kind: 'opportunity' | 'posting', url: string): string | undefined {
	const mode = (locatorField(kind).modes as INodePropertyMode[]).find((candidate) => candidate.name === 'url')!;
	const validation = mode.validation![0] as { properties: { regex: string } };
	if (!new RegExp(`^${validation.properties.regex}$`).test(url)) return undefined;
	return new RegExp((mode.extractValue as { regex: string }).regex).exec(url)?.[1];
}

describe('resource locators by Lever URL', () => {
	it.each([
		[`https://hire.lever.co/candidates/${ID}`],
		[`https://hire.lever.co/candidates/${ID}?tab=overview`],
		[`https://hire.eu.lever.co/candidates/${ID}/`],
	])('an opportunity URL such as %s gives its id', (url) => {
		expect(byUrl('opportunity', url)).toBe(ID);
	});

	it.each([[`https://jobs.lever.co/acme/${ID}`], [`https://jobs.lever.co/acme/${ID}/apply`], [`https://hire.lever.co/jobs/postings/${ID}?x=1`]])(
		'a posting URL such as %s gives its id',
		(url) => {
			expect(byUrl('posting', url)).toBe(ID);
		},
	);

	it.each([['https://hire.lever.co/candidates/not-an-id'], [`ftp://hire.lever.co/candidates/${ID}`], [`https://hire.lever.co/candidates/${ID}x`]])(
		'refuses %s',
		(url) => {
			expect(byUrl('opportunity', url)).toBeUndefined();
		},
	);

	it('offers no URL mode for records without a Lever page of their own', () => {
		expect((locatorField('user').modes as INodePropertyMode[]).map((mode) => mode.name)).toEqual(['list', 'id']);
	});
});
