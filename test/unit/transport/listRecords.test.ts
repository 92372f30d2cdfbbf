import { recordsOf } from '../../../nodes/Lever/actions/execute';
import type { LeverOperation } from '../../../nodes/Lever/actions/types';
import { listRecords } from '../../../nodes/Lever/transport';

/** Lever wraps lists in `{data}`, but documents some as a bare array: both must give the same records. */
describe('list envelopes', () => {
	const records = [{ id: 'a' }, { id: 'b' }];

	it.each([
		['a wrapped list', { data: records, hasNext: false }],
		['a bare array', records],
	])('listRecords reads %s', (_label, response) => {
		expect(listRecords(response)).toEqual(records);
	});

	it('listRecords gives no records for an answer without a list', () => {
		expect(listRecords({ data: { id: 'a' } })).toEqual([]);
		expect(listRecords(undefined)).toEqual([]);
	});

	it('a single request answered with a bare array yields one item per record, not the array as one item', () => {
		const operation = { method: 'GET', path: '/x' } as unknown as LeverOperation;
		expect(recordsOf(records as never, operation, {})).toEqual(records);
	});
});
