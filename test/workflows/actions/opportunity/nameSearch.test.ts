import nock from 'nock';

import { LEVER, useNock } from '../../../helpers/fixtures';
import { asWorkflow, executeWorkflow } from '../../../helpers/n8nWorkflow';
import { apiKeyCredentials } from '../../../helpers/runNode';
import fixture from './nameSearch.workflow.json';

useNock();

const opportunity = (id: string, name: string) => ({ id, name, emails: [], phones: [], stage: { id: 'stage-1', text: 'New lead' }, applications: ['application-1'] });

it('scans the filtered listing (Max Records to Scan at its default), keeps names containing the text, up to Limit, simplified by default', async () => {
	const queries: Array<Record<string, string>> = [];
	const answer = (records: object[], next?: string) => (next ? { data: records, hasNext: true, next } : { data: records, hasNext: false });
	const scope = nock(LEVER)
		.get('/v1/opportunities')
		.query((query) => {
			queries.push(query as Record<string, string>);
			return true;
		})
		.reply(200, answer([opportunity('a', 'Anna Smith'), opportunity('b', 'Bob Jones'), opportunity('c', 'Joanna Lee')], 'page-2'))
		.get('/v1/opportunities')
		.query((query) => {
			queries.push(query as Record<string, string>);
			return true;
		})
		.reply(200, answer([opportunity('d', 'Hannah Wu'), opportunity('e', 'Annette Ray')]));

	const run = await executeWorkflow(asWorkflow(fixture), { leverAtsApi: apiKeyCredentials() });

	expect(run.error('Lever')).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	expect(run.parameters('Lever')).toMatchObject({ returnAll: false, simplify: true });
	// The name filter is not Lever's: it never reaches the query; the other filter does.
	expect(queries).toEqual([
		{ tag: 'Referral', limit: '100' },
		{ tag: 'Referral', limit: '100', offset: 'page-2' },
	]);
	const output = run.output('Lever').map((item) => item.json);
	expect(output.map((record) => [record.name, record.matchedBy, record.scanLimitReached])).toEqual([
		['Anna Smith', 'name', false],
		['Joanna Lee', 'name', false],
		['Hannah Wu', 'name', false],
	]);
	// Simplified: the stage as its ID and name, archive state as a flag.
	expect(output[0]).toMatchObject({ stage: 'stage-1', stageName: 'New lead', archived: false, archiveReason: null });
});
