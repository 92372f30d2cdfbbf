/**
 * What the Lever Trigger's parameters and credentials say, read and checked in one place: registration
 * mode (decided here once), events, replay window, the webhook URL (Lever delivers only to https), and
 * the signature token of each event.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions, INodeCredentialTestResult, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../shared';
import { leverBaseUrl } from '../transport';

export type TriggerContext = IHookFunctions | IWebhookFunctions;

export type Registration = 'automatic' | 'manual';

/** The credential type that holds the signature tokens of webhooks made in Lever's settings. */
export const SIGNING_CREDENTIAL = 'leverWebhookSigningApi';

/** One webhook subscription the trigger made through Lever's API (static data). */
export interface StoredWebhook {
	id: string;
	event: string;
	url: string;
	signatureToken: string;
}

/** Bounds of the Replay Window option, in seconds. */
export const MIN_REPLAY_WINDOW_SECONDS = 60;
/** Lever keeps deliveries (and lets an admin re-run them) for two weeks. */
export const MAX_REPLAY_WINDOW_SECONDS = 14 * 24 * 3600;
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

export interface TriggerSettings {
	registration: Registration;
	events: string[];
	/** As set on the node. */
	windowSeconds: number;
	/** The window deliveries are checked with: the setting, kept within the bounds. */
	windowMs: number;
}

const EVENT_NAMES = new Map(WEBHOOK_EVENTS.map((event) => [event.value, event.name]));

export function eventName(event: string): string {
	return EVENT_NAMES.get(event) ?? event;
}

/** Never throws, so that a delivery is always answered; activation (checkActivation) refuses bad values. */
export function readSettings(ctx: TriggerContext): TriggerSettings {
	const registration: Registration = ctx.getNodeParameter('registration', 'automatic') === 'manual' ? 'manual' : 'automatic';
	const events = (ctx.getNodeParameter('events', []) as unknown[]).filter((event): event is string => typeof event === 'string' && event !== '');
	const windowSeconds = Number(ctx.getNodeParameter('options.replayWindowSeconds', DEFAULT_REPLAY_WINDOW_SECONDS));
	const bounded = Number.isFinite(windowSeconds) ? Math.min(MAX_REPLAY_WINDOW_SECONDS, Math.max(MIN_REPLAY_WINDOW_SECONDS, windowSeconds)) : DEFAULT_REPLAY_WINDOW_SECONDS;
	return { registration, events, windowSeconds, windowMs: bounded * 1000 };
}

/** Activation checks shared by both modes: at least one event, a replay window within bounds, an https URL. Returns the URL. */
export async function checkActivation(ctx: IHookFunctions, settings: TriggerSettings): Promise<string> {
	if (settings.events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Events: choose at least one event', { description: 'The Lever Trigger starts on the events chosen under Events' });
	}
	const seconds = settings.windowSeconds;
	if (!Number.isFinite(seconds) || seconds < MIN_REPLAY_WINDOW_SECONDS || seconds > MAX_REPLAY_WINDOW_SECONDS) {
		throw new NodeOperationError(ctx.getNode(), `Options > Replay Window (Seconds): ${String(seconds)} is outside ${MIN_REPLAY_WINDOW_SECONDS} to ${MAX_REPLAY_WINDOW_SECONDS}`, {
			description: `Set it to at least ${MIN_REPLAY_WINDOW_SECONDS} seconds (the check cannot be switched off: it is what refuses a captured delivery sent again later) and at most 14 days`,
		});
	}
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for the Lever Trigger');
	if (!url.startsWith('https://') && !(await isPlainHttpLever(ctx))) {
		throw new NodeOperationError(ctx.getNode(), `Lever delivers webhooks only to https URLs, and n8n's URL for this trigger is ${url}`, {
			description:
				"Lever refuses plain http and self-signed certificates. Serve n8n behind https with a CA-signed certificate (a reverse proxy or a tunnel) and set n8n's WEBHOOK_URL environment variable to that public address, e.g. WEBHOOK_URL=https://n8n.example.com/, then restart n8n and activate the workflow again.",
		});
	}
	return url;
}

/**
 * The switch for the emulator and tests: a Lever stand-in served over plain http (a Custom Base URL
 * starting with http://) cannot be the real Lever, so its plain-http webhook URLs are allowed.
 */
async function isPlainHttpLever(ctx: TriggerContext): Promise<boolean> {
	try {
		return (await leverBaseUrl(ctx)).startsWith('http://');
	} catch {
		return false; // no usable Lever credential: nothing says this is a stand-in
	}
}

/**
 * The signature tokens that may have signed a delivery of `event`: in automatic mode the ones Lever
 * returned when the trigger subscribed, in manual mode the token the Lever Webhook Signing credential
 * holds for that event. Events not chosen under Events have none.
 */
export async function signingTokensFor(ctx: TriggerContext, settings: TriggerSettings, event: string, stored: StoredWebhook[]): Promise<string[]> {
	if (!settings.events.includes(event)) return [];
	if (settings.registration === 'automatic') {
		return stored.filter((entry) => entry.event === event && entry.signatureToken !== '').map((entry) => entry.signatureToken);
	}
	const token = (await manualTokens(ctx))[event];
	return token ? [token] : [];
}

function tokensOf(credential: IDataObject): Record<string, string> {
	const tokens: Record<string, string> = {};
	for (const { value } of WEBHOOK_EVENTS) {
		const token = credential[value];
		if (typeof token === 'string' && token.trim() !== '') tokens[value] = token.trim();
	}
	return tokens;
}

/** The signing credential's tokens; none when the node has no such credential selected (n8n then throws). */
async function manualTokens(ctx: TriggerContext): Promise<Record<string, string>> {
	let credential: IDataObject;
	try {
		credential = (await ctx.getCredentials(SIGNING_CREDENTIAL)) as IDataObject;
	} catch {
		return {};
	}
	return tokensOf(credential);
}

/** Lever's tokens are long random strings; a short one or one with spaces is a paste gone wrong. */
const PLAUSIBLE_TOKEN = /^[\x21-\x7e]{16,256}$/;

/**
 * The credential test of Lever Webhook Signing (Lever offers no request that checks a token): at least one
 * token, each of a plausible shape.
 */
export function checkSigningCredential(credential: ICredentialDataDecryptedObject | undefined): INodeCredentialTestResult {
	const tokens = tokensOf((credential ?? {}) as IDataObject);
	const events = Object.keys(tokens);
	if (events.length === 0) return { status: 'Error', message: 'Paste the signature token of at least one event' };
	const implausible = events.filter((event) => !PLAUSIBLE_TOKEN.test(tokens[event]));
	if (implausible.length) {
		return {
			status: 'Error',
			message: `${implausible.map(eventName).join(', ')}: not a signature token as Lever shows them (16 or more characters, no spaces)`,
		};
	}
	return { status: 'OK', message: `Signature tokens set for ${events.map(eventName).join(', ')}. Lever cannot check them in advance: the first delivery does.` };
}

/** Manual mode activation: every chosen event must have its token in the credential. */
export async function checkManualTokens(ctx: IHookFunctions, settings: TriggerSettings): Promise<void> {
	const tokens = await manualTokens(ctx);
	const missing = settings.events.filter((event) => !tokens[event]);
	if (missing.length) {
		throw new NodeOperationError(ctx.getNode(), `The Lever Webhook Signing credential has no signature token for ${missing.map(eventName).join(', ')}`, {
			description:
				"Lever gives each webhook its own signature token. Select a Lever Webhook Signing API credential on the node (create one if needed). In Lever open Settings > Integrations and API > Webhooks and copy the token of each event's webhook into the field of that event in the credential, or remove the event from Events.",
		});
	}
}
