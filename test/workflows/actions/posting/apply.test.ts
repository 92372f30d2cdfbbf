import nock from 'nock';

import { LEVER, POSTING, useNock } from '../../../helpers/fixtures';
import { asWorkflow, executeWorkflow } from '../../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../../helpers/runNode';
import fixture from './apply.workflow.json';

useNock();

it('applies each item: posting from its job-site URL, Define Application at its default, expressions per item', async () => {
	const bodies: unknown[] = [];
	const scope = nock(LEVER)
		.post(`/v1/postings/${POSTING}/apply`)
		.query({ send_confirmation_email: 'true' })
		.times(2)
		.basicAuth({ user: 'test-key', pass: '' })
		.reply(200, (_uri, body) => {
			bodies.push(body);
			return { data: { applicationId: `application-${bodies.length}` } };
		});

	const run = await executeWorkflow(asWorkflow(fixture), { leverAtsApi: apiKeyCredentials() });

	expect(run.error('Lever')).toBeUndefined();
	// What n8n made of the JSON: Define Application and Authentication at their defaults, the JSON body
	// field dropped because Define Application hides it.
	expect(run.parameters('Lever')).toMatchObject({ applicationInput: 'fields', authentication: 'apiKey', applyRateLimit: false });
	expect(run.parameters('Lever')).not.toHaveProperty('applicationJson');
	expect(scope.isDone()).toBe(true);
	expect(bodies).toEqual([
		{
			personalInformation: [
				{ name: 'fullName', value: 'Jane Doe' },
				{ name: 'email', value: 'jane@example.com' },
			],
			urls: [{ name: 'LinkedIn', value: 'https://www.linkedin.com/in/janedoe' }],
			source: 'Careers page',
		},
		{
			personalInformation: [
				{ name: 'fullName', value: 'John Roe' },
				{ name: 'email', value: 'john@example.com' },
			],
			source: 'Careers page',
		},
	]);
	expect(run.output('Lever').map((item) => [item.json, item.pairedItem])).toEqual([
		[{ applicationId: 'application-1' }, { item: 0 }],
		[{ applicationId: 'application-2' }, { item: 1 }],
	]);
});
