import nock from 'nock';

import { LEVER, OPP, POSTING, USER, useNock } from '../../../helpers/fixtures';
import { asWorkflow, executeWorkflow } from '../../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../../helpers/runNode';
import fixture from './findOrCreate.workflow.json';

useNock();

const existing = { id: OPP, name: 'Jane Doe', emails: ['jane@example.com'] };
const created = { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'New Person', emails: ['new@example.com'] };

it('finds the person on the posting by email or creates them once per run, through one real execute context', async () => {
	const lookups: string[] = [];
	const creates: unknown[] = [];
	const scope = nock(LEVER)
		.get('/v1/opportunities')
		.query(true)
		.times(2)
		.reply((uri) => {
			const query = new URL(uri, LEVER).searchParams;
			lookups.push(`${query.get('email')} ${query.get('posting_id')} ${query.get('confidentiality')}`);
			return [200, { data: query.get('email') === 'jane@example.com' ? [existing] : [], hasNext: false }];
		})
		.post('/v1/opportunities', (body) => {
			creates.push(body);
			return true;
		})
		.query({ perform_as: USER })
		.reply(201, { data: created });

	const run = await executeWorkflow(asWorkflow(fixture), { leverAtsApi: apiKeyCredentials() });

	expect(run.error('Lever')).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	// The third item is the second one's person (emails compare case-insensitively): no third lookup, no second create.
	expect(lookups.sort()).toEqual([`jane@example.com ${POSTING} all`, `new@example.com ${POSTING} all`]);
	expect(creates).toEqual([{ name: 'New Person', emails: ['new@example.com'], postings: [POSTING] }]);
	expect(run.output('Lever').map((item) => [item.json.id, item.json.deduped, item.pairedItem])).toEqual([
		[OPP, true, { item: 0 }],
		[created.id, false, { item: 1 }],
		[created.id, true, { item: 2 }],
	]);
});
