/**
 * Reads and checks one Lever webhook delivery (docs/triggers.md): the body carries `token`, `triggeredAt`
 * and `signature`, where signature = hex HMAC-SHA256(key = the webhook's signature token, message =
 * token + triggeredAt). Lever signs only that concatenation, not the body, so:
 * - `triggeredAt` must be canonical (an integer, or digits without a leading zero): otherwise a captured
 *   body could be re-split (`token[:-1]` + `"0" + triggeredAt`) into a "new" delivery with the same
 *   signature;
 * - the replay memory is keyed on the signature (one per signed message), never on `token` alone.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

export interface LeverDelivery {
	event: string;
	token: string;
	/** Milliseconds since the epoch, parsed from the canonical `triggeredAt`. */
	triggeredAtMs: number;
	/** Lower-case hex, 64 characters. */
	signature: string;
	data: IDataObject;
	/** Event UID, named by the docs but not seen in any example. */
	id?: string;
}

export type RejectionReason = 'malformed' | 'unsigned' | 'unknownEvent' | 'badSignature' | 'stale' | 'forgotten';

export interface Rejection {
	reason: RejectionReason;
	message: string;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
/** Digits without a leading zero; 16 digits reach past the year 2286. */
const CANONICAL_DIGITS = /^[1-9][0-9]{0,15}$/;
/** Lever's tokens are 48 random characters; anything printable up to 256 is accepted. */
const TOKEN = /^[\x21-\x7e]{1,256}$/;

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The canonical milliseconds of `triggeredAt`, or NaN when it is not in canonical form. */
export function canonicalTriggeredAt(value: unknown): number {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : NaN;
	if (typeof value === 'string' && CANONICAL_DIGITS.test(value)) {
		const ms = Number(value);
		return Number.isSafeInteger(ms) ? ms : NaN;
	}
	return NaN;
}

/** Reads the envelope; anything that is not a plausible Lever delivery is refused. */
export function parseDelivery(body: unknown): LeverDelivery | Rejection {
	if (!isRecord(body)) return { reason: 'malformed', message: 'The body is not a JSON object' };
	const { event, token, triggeredAt, signature, data, id } = body;
	if (typeof event !== 'string' || event === '') return { reason: 'malformed', message: 'The delivery has no event' };
	if (typeof token !== 'string' || !TOKEN.test(token)) return { reason: 'malformed', message: 'The delivery has no valid token' };
	const triggeredAtMs = canonicalTriggeredAt(triggeredAt);
	if (Number.isNaN(triggeredAtMs)) {
		return { reason: 'malformed', message: 'triggeredAt is not a whole number of milliseconds without a leading zero' };
	}
	if (signature === undefined || signature === null || signature === '') {
		return { reason: 'unsigned', message: 'The delivery is not signed' };
	}
	if (typeof signature !== 'string' || !HEX_SHA256.test(signature)) {
		return { reason: 'badSignature', message: 'The signature is not a hex SHA-256 HMAC' };
	}
	if (data !== undefined && data !== null && !isRecord(data)) return { reason: 'malformed', message: 'The delivery data is not an object' };
	return {
		event,
		token,
		triggeredAtMs,
		signature: signature.toLowerCase(),
		data: (data ?? {}) as IDataObject,
		id: typeof id === 'string' ? id : undefined,
	};
}

export function isRejection(value: unknown): value is Rejection {
	return typeof value === 'object' && value !== null && typeof (value as Rejection).reason === 'string';
}

/** hex HMAC-SHA256 of token + triggeredAt, as Lever computes it. */
export function signDelivery(signatureToken: string, token: string, triggeredAtMs: number): string {
	return createHmac('sha256', signatureToken).update(`${token}${String(triggeredAtMs)}`).digest('hex');
}

/** Whether any of the signature tokens signed this delivery; every comparison is constant-time. */
export function signatureMatches(delivery: LeverDelivery, signatureTokens: string[]): boolean {
	const received = Buffer.from(delivery.signature, 'hex');
	let matched = false;
	for (const secret of signatureTokens) {
		if (typeof secret !== 'string' || secret === '') continue;
		const expected = Buffer.from(signDelivery(secret, delivery.token, delivery.triggeredAtMs), 'hex');
		if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
	}
	return matched;
}

/** Too old, or (beyond the same margin) from the future: Lever's and n8n's clocks are both trusted to a window. */
export function isStale(triggeredAtMs: number, nowMs: number, windowMs: number): boolean {
	return Math.abs(nowMs - triggeredAtMs) > windowMs;
}
