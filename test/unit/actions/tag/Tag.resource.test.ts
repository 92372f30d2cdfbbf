import nock from 'nock';

import { runLever } from '../../../helpers/runNode';
import { LEVER, expectDone, page, useNock } from '../../../helpers/fixtures';

useNock();

describe('Tag resource', () => {
	it('lists tags with their counts, up to the limit', async () => {
		const scope = nock(LEVER)
			.get('/v1/tags')
			.query({ limit: 2 })
			.reply(200, page([{ text: 'Hot', count: 3 }, { text: 'Senior', count: 1 }], 'more'));
		const result = await runLever({ parameters: { resource: 'tag', operation: 'getMany', returnAll: false, limit: 2 } });
		expectDone(result, scope);
		expect(result.output).toEqual([
			{ json: { text: 'Hot', count: 3 }, pairedItem: { item: 0 } },
			{ json: { text: 'Senior', count: 1 }, pairedItem: { item: 0 } },
		]);
	});
});
