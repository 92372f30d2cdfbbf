/**
 * Checks one Lever webhook delivery (docs/lever-api.md, Webhooks): the body carries `token`,
 * `triggeredAt` and `signature`, where signature = hex HMAC-SHA256(key = the webhook's signature token,
 * message = token + triggeredAt). Lever signs only those two fields, not the body, so the freshness
 * window and the one-use `token` are what stop a captured delivery from being replayed or re-dressed.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

export interface LeverDelivery {
	event: string;
	token: string;
	/** As received: Lever sends milliseconds as a number (some examples show a numeric string). */
	triggeredAt: number | string;
	triggeredAtMs: number;
	signature: string;
	data: IDataObject;
	/** Event UID, named by the docs but not seen in any example. */
	id?: string;
}

export type RejectionReason = 'malformed' | 'unsigned' | 'unknownEvent' | 'badSignature' | 'stale' | 'replayed';

export interface Rejection {
	reason: RejectionReason;
	message: string;
}

/** Enough for any burst Lever sends within a replay window; the window bounds the set anyway. */
export const SEEN_TOKENS_LIMIT = 2000;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the envelope; anything that is not a plausible Lever delivery is refused. */
export function parseDelivery(body: unknown): LeverDelivery | Rejection {
	if (!isRecord(body)) return { reason: 'malformed', message: 'The body is not a JSON object' };
	const { event, token, triggeredAt, signature, data, id } = body;
	if (typeof event !== 'string' || event === '') return { reason: 'malformed', message: 'The delivery has no event' };
	if (typeof token !== 'string' || token === '') return { reason: 'malformed', message: 'The delivery has no token' };
	const triggeredAtMs = typeof triggeredAt === 'number' ? triggeredAt : typeof triggeredAt === 'string' && /^\d{1,16}$/.test(triggeredAt) ? Number(triggeredAt) : NaN;
	if (!Number.isSafeInteger(triggeredAtMs) || triggeredAtMs <= 0) {
		return { reason: 'malformed', message: 'The delivery has no valid triggeredAt' };
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
		triggeredAt: triggeredAt as number | string,
		triggeredAtMs,
		signature: signature.toLowerCase(),
		data: (data ?? {}) as IDataObject,
		id: typeof id === 'string' ? id : undefined,
	};
}

export function isRejection(value: LeverDelivery | Rejection): value is Rejection {
	return (value as Rejection).reason !== undefined;
}

/** hex HMAC-SHA256 of token + triggeredAt, as Lever computes it. */
export function signDelivery(signatureToken: string, token: string, triggeredAt: number | string): string {
	return createHmac('sha256', signatureToken).update(`${token}${String(triggeredAt)}`).digest('hex');
}

/** Whether any of the signature tokens signed this delivery; every comparison is constant-time. */
export function signatureMatches(delivery: LeverDelivery, signatureTokens: string[]): boolean {
	const received = Buffer.from(delivery.signature, 'hex');
	let matched = false;
	for (const secret of signatureTokens) {
		if (typeof secret !== 'string' || secret === '') continue;
		const expected = Buffer.from(signDelivery(secret, delivery.token, delivery.triggeredAt), 'hex');
		if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
	}
	return matched;
}

/** Too old, or (beyond the same margin) from the future: Lever's and n8n's clocks are both trusted to a window. */
export function isStale(triggeredAtMs: number, nowMs: number, windowMs: number): boolean {
	if (!(windowMs > 0)) return false;
	return Math.abs(nowMs - triggeredAtMs) > windowMs;
}

/**
 * Records a token as used. `seen` is the map kept in static data (token → triggeredAt). Returns false
 * when the token was already there. Entries that fell out of the window are dropped (those deliveries
 * are refused as stale anyway); beyond the limit the oldest go.
 */
export function rememberToken(seen: Record<string, number>, delivery: LeverDelivery, nowMs: number, windowMs: number, limit = SEEN_TOKENS_LIMIT): boolean {
	if (Object.prototype.hasOwnProperty.call(seen, delivery.token)) return false;
	if (windowMs > 0) {
		for (const [token, at] of Object.entries(seen)) {
			if (nowMs - at > windowMs * 2) delete seen[token];
		}
	}
	seen[delivery.token] = delivery.triggeredAtMs;
	const tokens = Object.keys(seen);
	if (tokens.length > limit) {
		tokens
			.sort((a, b) => seen[a] - seen[b])
			.slice(0, tokens.length - limit)
			.forEach((token) => delete seen[token]);
	}
	return true;
}
