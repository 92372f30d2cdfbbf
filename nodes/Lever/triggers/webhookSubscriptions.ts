/**
 * The Lever Trigger's webhook subscriptions in automatic mode (docs/triggers.md): one `POST /webhooks`
 * per event for n8n's URL, their ids and signature tokens kept in the node's static data.
 */
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { EVENTS_WITH_CONDITIONS } from '../shared';
import { encodeId, leverApiRequest, listRecords } from '../transport';
import type { StoredWebhook } from './webhookSettings';

export interface SubscriptionState {
	webhooks?: StoredWebhook[];
}

/** `GET /webhooks` answers `{data: [...]}` (no paging); the docs' double wrap and a bare array are read too. */
export async function listSubscriptions(ctx: IHookFunctions): Promise<IDataObject[]> {
	const envelope = await leverApiRequest.call(ctx, { method: 'GET', path: '/webhooks', endpoint: '/webhooks' });
	const data = envelope.data as IDataObject | undefined;
	return listRecords(data && !Array.isArray(data) ? data : envelope);
}

export async function deleteSubscription(ctx: IHookFunctions, id: string): Promise<void> {
	await leverApiRequest.call(ctx, {
		method: 'DELETE',
		path: `/webhooks/${encodeId(id)}`,
		endpoint: '/webhooks/{webhookId}',
		ids: { webhookId: id },
		idempotent: true,
	});
}

function isNotFound(error: unknown): boolean {
	return String((error as { httpCode?: unknown })?.httpCode ?? '') === '404';
}

/**
 * checkExists: true when every stored subscription is still live in Lever for this URL and the stored
 * events are exactly the chosen ones. Otherwise removes what is left of ours and clears the store, so that
 * create starts over and every stored signature token belongs to a live subscription.
 */
export async function reconcile(ctx: IHookFunctions, state: SubscriptionState, url: string, events: string[]): Promise<boolean> {
	const stored = state.webhooks ?? [];
	if (stored.length === 0) return false;
	const live = new Set((await listSubscriptions(ctx)).filter((entry) => entry.url === url).map((entry) => String(entry.id)));
	const alive = stored.filter((entry) => live.has(entry.id) && entry.url === url);
	const sameEvents = alive.length === stored.length && events.length === stored.length && events.every((event) => stored.some((entry) => entry.event === event));
	if (sameEvents) return true;
	for (const entry of alive) {
		try {
			await deleteSubscription(ctx, entry.id);
		} catch (error) {
			ctx.logger.warn(`Lever Trigger: could not remove webhook ${entry.id} (${entry.event}) before re-registering: ${(error as Error).message}`);
		}
	}
	delete state.webhooks;
	return false;
}

/**
 * Subscriptions to this URL whose signature token we no longer hold (lost static data) would make Lever
 * deliver twice, once unverifiably: remove them. Lever refuses to delete UI-made ones; those are logged.
 */
export async function removeOrphans(ctx: IHookFunctions, state: SubscriptionState, url: string, events: string[]): Promise<void> {
	const known = new Set((state.webhooks ?? []).map((entry) => entry.id));
	for (const entry of await listSubscriptions(ctx)) {
		if (entry.url !== url || !events.includes(String(entry.event)) || known.has(String(entry.id))) continue;
		try {
			await deleteSubscription(ctx, String(entry.id));
			ctx.logger.info(`Lever Trigger: removed an earlier subscription ${String(entry.id)} to this URL whose signature token was lost`);
		} catch (error) {
			ctx.logger.warn(`Lever Trigger: an earlier webhook ${String(entry.id)} (${String(entry.event)}) points at this URL and could not be removed: ${(error as Error).message}`);
		}
	}
}

async function subscribe(ctx: IHookFunctions, url: string, event: string, origins: string[]): Promise<{ id: string; signatureToken: string }> {
	const body: IDataObject = { url, event };
	// Lever takes the origin condition only on these events; the others answer with an empty configuration.
	if (origins.length && EVENTS_WITH_CONDITIONS.includes(event)) body.configuration = { conditions: { origins } };
	const envelope = await leverApiRequest.call(ctx, { method: 'POST', path: '/webhooks', endpoint: '/webhooks', body });
	let record = (envelope.data ?? {}) as IDataObject;
	if (record.data && typeof record.data === 'object' && !record.id) record = record.data as IDataObject;
	const id = typeof record.id === 'string' ? record.id : '';
	const signatureToken = String(((record.configuration ?? {}) as IDataObject).signatureToken ?? '');
	return { id, signatureToken };
}

/** create: one subscription per event; if any fails, those already made are deleted and the error thrown. */
export async function subscribeAll(ctx: IHookFunctions, url: string, events: string[], origins: string[]): Promise<StoredWebhook[]> {
	const created: StoredWebhook[] = [];
	try {
		for (const event of events) {
			const { id, signatureToken } = await subscribe(ctx, url, event, origins);
			if (id) created.push({ id, event, url, signatureToken });
			if (!id || !signatureToken) {
				throw new NodeOperationError(ctx.getNode(), `Lever created the ${event} webhook without ${id ? 'a signature token' : 'an ID'}`, {
					description:
						'Without the signature token deliveries cannot be verified. Use "Use a Webhook Made in Lever" with a Lever Webhook Signing credential holding the tokens from Lever settings instead.',
				});
			}
		}
	} catch (error) {
		for (const entry of created) {
			try {
				await deleteSubscription(ctx, entry.id);
			} catch (cleanupError) {
				ctx.logger.error(`Lever Trigger: could not roll back webhook ${entry.id} (${entry.event}): ${(cleanupError as Error).message}`);
			}
		}
		// Both constructors hand back an error that already is of their kind.
		if (error instanceof NodeOperationError) throw new NodeOperationError(ctx.getNode(), error);
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
	return created;
}

/**
 * delete: removes every stored subscription. One already gone (404) counts as removed; any other failure
 * is logged, the subscription stays stored and the result is false.
 */
export async function unsubscribeAll(ctx: IHookFunctions, state: SubscriptionState): Promise<boolean> {
	const remaining: StoredWebhook[] = [];
	for (const entry of state.webhooks ?? []) {
		try {
			await deleteSubscription(ctx, entry.id);
		} catch (error) {
			if (isNotFound(error)) {
				ctx.logger.debug(`Lever Trigger: webhook ${entry.id} was already gone`);
				continue;
			}
			ctx.logger.error(`Lever Trigger: could not delete webhook ${entry.id} (${entry.event}): ${(error as Error).message}`);
			remaining.push(entry);
		}
	}
	if (remaining.length) {
		state.webhooks = remaining;
		return false;
	}
	delete state.webhooks;
	return true;
}
