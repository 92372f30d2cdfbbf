/** encodeId: an id can never change the request path (`..` would turn /opportunities/.. into the list). */
const { encodeId } = require('../../../nodes/Lever/transport');

test('refuses empty, "." and ".." (also with surrounding spaces)', () => {
	for (const id of ['', '   ', '.', '..', ' .. ', undefined, null]) expect(() => encodeId(id)).toThrow(/not an ID/);
});

test('encodes everything else into one path segment', () => {
	expect(encodeId('250d8f03-738a-4bba-a671-8a3d73477145')).toBe('250d8f03-738a-4bba-a671-8a3d73477145');
	expect(encodeId('../users')).toBe('..%2Fusers');
	expect(encodeId('a?b#c')).toBe('a%3Fb%23c');
	expect(encodeId('...')).toBe('...');
});
