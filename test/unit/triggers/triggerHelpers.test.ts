/** The pure parts of both triggers: delivery checks and the poll cursor. */
import { createHmac } from 'crypto';

import { finishSlice, halveSlice, initialState, nextSliceMs, planSlice, takeNew, MAX_SLICE_MS } from '../../../nodes/Lever/triggers/pollCursor';
import type { Change, SliceProgress } from '../../../nodes/Lever/triggers/pollCursor';
import { shapeDelivery } from '../../../nodes/Lever/triggers/webhookOutput';
import type { LeverDelivery } from '../../../nodes/Lever/triggers/webhookVerification';
import { isRejection, isStale, parseDelivery, signatureMatches } from '../../../nodes/Lever/triggers/webhookVerification';

const SECRET = 'a'.repeat(48);

function delivery(overrides: Record<string, unknown> = {}) {
	const token = (overrides.token as string) ?? 'tok-1';
	const triggeredAt = (overrides.triggeredAt as number | string) ?? 1_780_000_000_000;
	const signature = createHmac('sha256', SECRET).update(`${token}${triggeredAt}`).digest('hex');
	return { event: 'candidateStageChange', token, triggeredAt, signature, data: { opportunityId: 'o1', toStageId: 's2', fromStageId: 's1' }, ...overrides };
}

describe('webhook verification', () => {
	it('accepts Lever\'s signature (HMAC-SHA256 of token + triggeredAt) and nothing else', () => {
		const parsed = parseDelivery(delivery()) as LeverDelivery;
		expect(isRejection(parsed)).toBe(false);
		expect(signatureMatches(parsed, [SECRET])).toBe(true);
		expect(signatureMatches(parsed, ['other', SECRET])).toBe(true);
		expect(signatureMatches(parsed, ['other'])).toBe(false);
		expect(signatureMatches(parsed, [''])).toBe(false);
		const upper = parseDelivery({ ...delivery(), signature: delivery().signature.toUpperCase() }) as LeverDelivery;
		expect(signatureMatches(upper, [SECRET])).toBe(true);
	});

	it('accepts a numeric-string triggeredAt signed as sent', () => {
		const parsed = parseDelivery(delivery({ triggeredAt: '1780000000000' })) as LeverDelivery;
		expect(parsed.triggeredAtMs).toBe(1_780_000_000_000);
		expect(signatureMatches(parsed, [SECRET])).toBe(true);
	});

	it.each([
		['not an object', 'x', 'malformed'],
		['null', null, 'malformed'],
		['no event', { ...delivery(), event: '' }, 'malformed'],
		['no token', { ...delivery(), token: undefined }, 'malformed'],
		['token not a string', { ...delivery(), token: 5 }, 'malformed'],
		['negative triggeredAt', { ...delivery(), triggeredAt: -1 }, 'malformed'],
		['fractional triggeredAt', { ...delivery(), triggeredAt: 1.5 }, 'malformed'],
		['triggeredAt with a leading zero', { ...delivery(), triggeredAt: '01780000000000' }, 'malformed'],
		['no signature', { ...delivery(), signature: undefined }, 'unsigned'],
		['short signature', { ...delivery(), signature: 'abcd' }, 'badSignature'],
		['data not an object', { ...delivery(), data: [1] }, 'malformed'],
	])('refuses %s', (_name, body, reason) => {
		const parsed = parseDelivery(body);
		expect(isRejection(parsed)).toBe(true);
		expect((parsed as { reason: string }).reason).toBe(reason);
	});

	it('freshness: both directions (the replay record is tested in replayMemory.test.js)', () => {
		expect(isStale(1000, 1000 + 300_000, 300_000)).toBe(false);
		expect(isStale(1000, 1000 + 300_001, 300_000)).toBe(true);
		expect(isStale(1000 + 300_001, 1000, 300_000)).toBe(true);
	});

	it('flattens ids and spells out archive changes', () => {
		const stage = shapeDelivery(parseDelivery(delivery()) as LeverDelivery);
		expect(stage).toMatchObject({ event: 'candidateStageChange', type: 'opportunity', opportunityId: 'o1', toStageId: 's2', fromStageId: 's1' });
		expect(stage.triggeredAt).toBe(new Date(1_780_000_000_000).toISOString());
		const archive = shapeDelivery(
			parseDelivery(delivery({ event: 'candidateArchiveChange', data: { candidateId: 'o9', toArchived: { reason: 'r1', archivedAt: 5 }, fromArchived: null } })) as LeverDelivery,
		);
		expect(archive).toMatchObject({ opportunityId: 'o9', archived: true, archiveReasonId: 'r1', archivedAt: new Date(5).toISOString(), fromArchiveReasonId: null });
	});
});

describe('poll cursor', () => {
	const c = (key: string, ts: number): Change => ({ key, ts, json: { key } });
	const read = (slice: SliceProgress, readAt: number, records = 0): SliceProgress => Object.assign(slice, { readAt, records });

	it('emits each key once, never before emitFrom, and remembers what it emitted', () => {
		const state = initialState('s', 10_000);
		expect(takeNew(state, [c('b', 10_500), c('a', 10_500), c('old', 9_999), c('a', 10_500)]).map((x) => x.key)).toEqual(['b', 'a']);
		expect(state.seen).toEqual({ a: 10_500, b: 10_500 });
		expect(takeNew(state, [c('a', 10_500), c('c', 10_500)]).map((x) => x.key)).toEqual(['c']);
	});

	it('a slice in the past moves the cursor to its end; emitFrom stays where catching up began', () => {
		const state = initialState('s', 10_000);
		const slice = read(planSlice(state, true), 100_000_000, 50);
		expect(slice).toMatchObject({ start: 10_000, end: 10_000 + state.sliceMs - 1 });
		expect(finishSlice(state, slice, 100_000_000, 1000, true)).toBe(false);
		expect(state.cursor).toBe(slice.end! + 1);
		expect(state.emitFrom).toBe(10_000);
	});

	it('a slice reaching Lever\'s clock moves the cursor to that clock less the overlap (never back), and emitFrom with it', () => {
		const state = initialState('s', 10_000);
		expect(finishSlice(state, read(planSlice(state, true), 30_000), 30_000, 1000, false)).toBe(true);
		expect(state).toMatchObject({ cursor: 29_000, emitFrom: 29_000 });
		expect(finishSlice(state, read(planSlice(state, false), 20_000), 20_000, 0, false)).toBe(true);
		expect(state.cursor).toBe(29_000);
	});

	it('forgets emitted keys a later read cannot return: below the cursor, or for older changes below emitFrom', () => {
		const direct = initialState('s', 10_000);
		const older = initialState('s', 10_000);
		for (const state of [direct, older]) takeNew(state, [c('early', 10_100), c('late', 5_000_000)]);
		finishSlice(direct, read(planSlice(direct, true), 50_000_000), 50_000_000, 0, false);
		finishSlice(older, read(planSlice(older, true), 50_000_000), 50_000_000, 0, true);
		expect(Object.keys(direct.seen)).toEqual(['late']);
		expect(Object.keys(older.seen)).toEqual(['early', 'late']);
		// Caught up: emitFrom moves, and the older-changes memory empties up to it.
		finishSlice(older, read(planSlice(older, false), 50_000_000), 50_000_000, 0, true);
		expect(Object.keys(older.seen)).toEqual([]);
	});

	it('sizes slices from the density read: about the target, growing at most 4 times, within bounds', () => {
		expect(nextSliceMs(3_600_000, 1000, 2000)).toBe(7_200_000);
		expect(nextSliceMs(3_600_000, 100_000, 2000)).toBe(72_000);
		expect(nextSliceMs(3_600_000, 0, 2000)).toBe(14_400_000);
		expect(nextSliceMs(20 * 86_400_000, 0, 2000)).toBe(MAX_SLICE_MS);
		expect(nextSliceMs(1, 1_000_000, 2000)).toBe(1);
	});

	it('halves a slice whose offset token Lever refused and reads it again from its start', () => {
		const state = initialState('s', 10_000);
		const slice = Object.assign(planSlice(state, true), { readAt: 99_999, offset: 'tok', records: 300, listing: 1 });
		const width = slice.end! - slice.start + 1;
		halveSlice(state, slice, 5_000_000);
		expect(slice).toMatchObject({ start: 10_000, end: 10_000 + width / 2 - 1, offset: null, readAt: null, records: 0, listing: 0 });
		expect(state).toMatchObject({ sliceMs: width / 2, tokensExpire: true });
	});
});
