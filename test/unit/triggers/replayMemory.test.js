/**
 * The Lever Trigger's replay record on its own: the in-process copy beside static data, pruning, and the
 * floor that takes over when the size limit pushes entries out.
 */
const { admit, emptyRecord, forgetProcessRecord, readRecord } = require('../../../nodes/Lever/triggers/replayMemory');

const WINDOW = 300_000;
const NOW = 1_800_000_000_000;
const entry = (n, at = NOW - n) => ({ signature: `sig-${n}`, triggeredAtMs: at });

beforeEach(() => forgetProcessRecord());

test('accepted once, then duplicate, across fresh copies of static data in one process', () => {
	const loadedByA = emptyRecord();
	const loadedByB = emptyRecord();
	expect(admit('wf/n', loadedByA, entry(1), NOW, WINDOW)).toBe('accepted');
	// B loaded static data before A saved: its copy lacks A's entry, the process record does not.
	expect(admit('wf/n', loadedByB, entry(1), NOW, WINDOW)).toBe('duplicate');
	expect(admit('wf/n', loadedByB, entry(2), NOW, WINDOW)).toBe('accepted');
	expect(Object.keys(loadedByB.seen).sort()).toEqual(['sig-1', 'sig-2']);
});

test('static data carries the record to a new process (restart)', () => {
	const stored = emptyRecord();
	admit('wf/n', stored, entry(1), NOW, WINDOW);
	forgetProcessRecord();
	expect(admit('wf/n', readRecord(JSON.parse(JSON.stringify(stored))), entry(1), NOW, WINDOW)).toBe('duplicate');
});

test('entries older than twice the window are pruned (the stale check refuses those deliveries)', () => {
	const stored = emptyRecord();
	admit('wf/n', stored, entry(1, NOW - 2 * WINDOW - 1), NOW, WINDOW);
	admit('wf/n', stored, entry(2), NOW, WINDOW);
	expect(Object.keys(stored.seen)).toEqual(['sig-2']);
});

test('beyond the limit the oldest entries go and the floor refuses anything that old', () => {
	const stored = emptyRecord();
	for (let n = 1; n <= 5; n++) expect(admit('wf/n', stored, entry(n, NOW - 100 + n), NOW, WINDOW, 3)).toBe('accepted');
	expect(Object.keys(stored.seen).sort()).toEqual(['sig-3', 'sig-4', 'sig-5']);
	expect(stored.floor).toBe(NOW - 100 + 2);
	// sig-1 was pushed out: without the floor its replay would be accepted again.
	expect(admit('wf/n', stored, entry(1, NOW - 100 + 1), NOW, WINDOW, 3)).toBe('forgotten');
	expect(admit('wf/n', stored, entry(6, NOW - 100 + 6), NOW, WINDOW, 3)).toBe('accepted');
});

test('records of different triggers are separate', () => {
	expect(admit('wf/a', emptyRecord(), entry(1), NOW, WINDOW)).toBe('accepted');
	expect(admit('wf/b', emptyRecord(), entry(1), NOW, WINDOW)).toBe('accepted');
});

test('readRecord keeps only well-formed entries and ignores the old seenTokens shape', () => {
	expect(readRecord(undefined)).toEqual({ seen: {}, floor: 0 });
	expect(readRecord({ seen: { a: 1, b: 'x' }, floor: 'no' })).toEqual({ seen: { a: 1 }, floor: 0 });
	expect(readRecord({ abc: 123 })).toEqual({ seen: {}, floor: 0 });
});
