/** The pure parts of both triggers: delivery checks and the poll cursor. */
import { createHmac } from 'crypto';

import { advance, initialState, selectNew, windowStart } from '../../../nodes/Lever/triggers/pollCursor';
import type { Candidate } from '../../../nodes/Lever/triggers/pollCursor';
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
	const c = (key: string, ts: number): Candidate => ({ key, ts, json: { key } });

	it('emits each key once, oldest first, never before the window', () => {
		const state = initialState('s', 10_000);
		const start = windowStart(state, 1000);
		expect(start).toBe(9000);
		const first = selectNew(state, start, [c('b', 9500), c('a', 9500), c('old', 8999), c('a', 9500)]);
		expect(first.map((x) => x.key)).toEqual(['a', 'b']);
		advance(state, first, { candidates: [], maxFilterTs: 9500, complete: true }, 20_000, 1000);
		expect(selectNew(state, windowStart(state, 1000), [c('a', 9500), c('b', 9500), c('c', 9500)]).map((x) => x.key)).toEqual(['c']);
	});

	it('moves the cursor to the newest timestamp seen, but not past the poll start, and never back', () => {
		const state = initialState('s', 10_000);
		advance(state, [], { candidates: [], maxFilterTs: 50_000, complete: true }, 30_000, 0);
		expect(state.cursor).toBe(30_000);
		advance(state, [], { candidates: [], maxFilterTs: 20_000, complete: true }, 40_000, 0);
		expect(state.cursor).toBe(30_000);
		advance(state, [], { candidates: [], complete: true }, 60_000, 0);
		expect(state.cursor).toBe(30_000);
	});

	it('an incomplete poll keeps the cursor and every emitted key', () => {
		const state = initialState('s', 10_000);
		advance(state, [c('k', 1)], { candidates: [], maxFilterTs: 50_000, complete: false }, 60_000, 0);
		expect(state.cursor).toBe(10_000);
		expect(state.seen).toEqual({ k: 1 });
	});

	it('prunes keys the next window cannot return, and bounds the rest', () => {
		const state = initialState('s', 10_000);
		advance(state, [c('old', 100), c('new', 9_500)], { candidates: [], maxFilterTs: 10_000, complete: true }, 10_000, 1000);
		expect(Object.keys(state.seen)).toEqual(['new']);
		const many = Array.from({ length: 30 }, (_, i) => c(`k${i}`, 9_900 + i));
		advance(state, many, { candidates: [], maxFilterTs: 10_000, complete: true }, 10_000, 1000, 10);
		expect(Object.keys(state.seen)).toHaveLength(10);
		expect(state.seen.k29).toBe(9_929);
	});
});
