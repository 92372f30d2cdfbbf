/**
 * Dates typed or picked in n8n become Lever's milliseconds as the user meant them (issue 14): a date-time
 * without an offset is read in the workflow's time zone whatever the n8n server's zone (`TZ`), explicit
 * offsets and Z are kept, 10-digit numbers are Unix seconds, and dates before 2000 are refused.
 */
'use strict';
// Plain JS: the tests switch the process time zone (process.env.TZ), which the strict lint forbids in .ts.
const nock = require('nock');
const { NodeOperationError } = require('n8n-workflow');

const { toMilliseconds } = require('../../../nodes/Lever/shared/rules');
const { runLever } = require('../../helpers/runNode');
const { LEVER, OPP, PANEL, USER, opportunity, performAs, useNock } = require('../../helpers/fixtures');

useNock();

const node = { id: 'n', name: 'Lever', type: 'n8n-nodes-lever.lever', typeVersion: 1, position: [0, 0], parameters: {} };
const inZone = (zone) => ({ getNode: () => node, getTimezone: () => zone });
const read = (zone, value) => toMilliseconds(inZone(zone), 0, 'Date', value);

/** Server time zones to run under: n8n's Docker default, and zones east and west of the workflow's. */
const SERVER_ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Los_Angeles'];
const originalTz = process.env.TZ;
afterAll(() => {
	if (originalTz === undefined) delete process.env.TZ;
	else process.env.TZ = originalTz;
});

describe.each(SERVER_ZONES)('with the n8n server in TZ=%s', (serverZone) => {
	beforeAll(() => {
		process.env.TZ = serverZone;
	});

	it("reads a date-time without offset in the workflow's time zone (winter and summer time)", () => {
		expect(read('America/New_York', '2026-03-02T10:00:00')).toBe(Date.UTC(2026, 2, 2, 15, 0, 0));
		expect(read('America/New_York', '2026-07-01T10:00:00')).toBe(Date.UTC(2026, 6, 1, 14, 0, 0));
		expect(read('Europe/Berlin', '2026-03-02 10:00:00')).toBe(Date.UTC(2026, 2, 2, 9, 0, 0));
		expect(read('Asia/Tokyo', '2026-03-02')).toBe(Date.UTC(2026, 2, 1, 15, 0, 0));
	});

	it('keeps an explicit offset or Z as given, in any workflow time zone', () => {
		expect(read('America/New_York', '2026-03-02T10:00:00Z')).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
		expect(read('Asia/Kolkata', '2026-03-02T10:00:00+02:00')).toBe(Date.UTC(2026, 2, 2, 8, 0, 0));
		expect(read('UTC', '2026-03-02T10:00:00.000-05:00')).toBe(Date.UTC(2026, 2, 2, 15, 0, 0));
	});

	it('reads 10-digit numbers as Unix seconds and 13-digit ones as milliseconds', () => {
		expect(read('America/New_York', 1772445600)).toBe(1772445600000);
		expect(read('America/New_York', '1772445600')).toBe(1772445600000);
		expect(read('America/New_York', 1772445600123)).toBe(1772445600123);
		expect(read('America/New_York', '1772445600123')).toBe(1772445600123);
	});
});

describe('dates that cannot be meant', () => {
	it.each([
		['a 10-digit value read as milliseconds would be (January 1970)', '0001772445'],
		['1999', '1999-12-31T23:59:59Z'],
		['zero', 0],
	])('refuses a date before 2000: %s', (_label, value) => {
		expect(() => read('UTC', value)).toThrow(NodeOperationError);
		expect(() => read('UTC', value)).toThrow(/^Date: .* is before 2000/);
	});

	it('refuses text that is not a date, naming the field', () => {
		expect(() => toMilliseconds(inZone('UTC'), 3, 'Filters > Created After', 'next week')).toThrow('Filters > Created After: "next week" is not a date');
	});
});

describe("an interview entered for 10:00 in the workflow's time zone", () => {
	it.each(SERVER_ZONES)('is sent to Lever as 10:00 New York time with the server in TZ=%s', async (serverZone) => {
		process.env.TZ = serverZone;
		let sent;
		nock(LEVER)
			.post(`/v1/opportunities/${OPP}/interviews`, (body) => {
				sent = body.date;
				return true;
			})
			.query(true)
			.reply(201, { data: { id: 'i1' } });
		const result = await runLever({
			timezone: 'America/New_York',
			parameters: {
				resource: 'interview',
				operation: 'create',
				opportunityId: opportunity,
				performAs,
				panel: PANEL,
				interviewers: [USER],
				date: '2026-03-02T10:00:00',
				duration: 45,
				additionalFields: {},
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent).toBe(Date.UTC(2026, 2, 2, 15, 0, 0));
	});
});
