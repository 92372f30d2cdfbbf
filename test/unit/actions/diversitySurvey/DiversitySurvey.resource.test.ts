import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, POSTING, byId, expectDone, expectInputError, jsonOf, useNock } from '../../../helpers/fixtures';

useNock();

describe('Diversity Survey resource', () => {
	it('gets the surveys of a posting for a country, without paging parameters', async () => {
		const survey = { id: 's1', text: 'Voluntary survey', candidateLocations: { countryCodes: ['US'] }, fields: [] };
		const scope = nock(LEVER)
			.get(`/v1/surveys/diversity/${POSTING}`)
			.query({ country_code: 'US', location: 'New York' })
			.reply(200, { data: [survey] });
		const result = await runLever({
			parameters: {
				resource: 'diversitySurvey',
				operation: 'getMany',
				postingId: byId(POSTING),
				returnAll: true,
				filters: { countryCode: 'us', location: 'New York' },
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: survey, pairedItem: { item: 0 } }]);
	});

	it('applies the limit on the client side', async () => {
		const scope = nock(LEVER)
			.get(`/v1/surveys/diversity/${POSTING}`)
			.reply(200, { data: [{ id: 's1' }, { id: 's2' }] });
		const result = await runLever({
			parameters: { resource: 'diversitySurvey', operation: 'getMany', postingId: byId(POSTING), returnAll: false, limit: 1, filters: {} },
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: 's1' }]);
	});

	it('refuses a country code that is not two letters, and a malformed posting ID', async () => {
		const country = await runLever({
			parameters: { resource: 'diversitySurvey', operation: 'getMany', postingId: byId(POSTING), returnAll: true, filters: { countryCode: 'USA' } },
		});
		expectInputError(country, 'Country Code');
		const posting = await runLever({
			parameters: { resource: 'diversitySurvey', operation: 'getMany', postingId: byId('p1'), returnAll: true, filters: {} },
		});
		expectInputError(posting, 'Posting');
	});
});
