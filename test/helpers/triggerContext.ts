/**
 * Fake n8n contexts for the two Lever triggers: hook functions (checkExists / create / delete), webhook
 * functions (one delivery, with an express-like response that records what the node answered) and poll
 * functions. HTTP goes through runNode's createContext, i.e. n8n's real HTTP client, so the emulator or
 * nock answers. Static data is a plain object the test keeps, as n8n keeps it between calls.
 */
import type { IDataObject, IHookFunctions, IHttpRequestOptions, IPollFunctions, IWebhookFunctions, NodeExecutionHint } from 'n8n-workflow';

import { readParameter } from './parameters';
import { apiKeyCredentials, createContext } from './runNode';
import type { RequestRecord } from './runNode';

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	ended: boolean;
	status(code: number): FakeResponse;
	send(body?: unknown): FakeResponse;
	json(body: unknown): FakeResponse;
	end(): FakeResponse;
}

export interface TriggerContextOptions {
	parameters: Record<string, unknown>;
	credentials?: IDataObject;
	oauth?: boolean;
	/** The node's static data; keep the same object across calls. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual' | 'webhook' | 'internal';
	webhookUrl?: string;
	/** Body of the delivery (webhook context). */
	body?: unknown;
	headers?: IDataObject;
	/** Called after every Lever response, before the node sees it: lets a test change Lever mid-poll. */
	afterResponse?: (request: RequestRecord, index: number) => void | Promise<void>;
	now?: () => number;
	/** Data of the Lever Webhook Signing credential (manual mode). */
	signingCredentials?: IDataObject;
	/** The workflow's id (names the trigger's in-process replay record). */
	workflowId?: string;
	/** What `getPollBudgetMs()` answers (n8n-core's default: 5 minutes). */
	pollBudgetMs?: number;
}

export interface TriggerHarness {
	context: IHookFunctions & IWebhookFunctions & IPollFunctions;
	response: FakeResponse;
	requests: RequestRecord[];
	logs: LogEntry[];
	staticData: IDataObject;
}

export function createFakeResponse(): FakeResponse {
	const response: FakeResponse = {
		ended: false,
		status(code: number) {
			response.statusCode = code;
			return response;
		},
		send(body?: unknown) {
			response.body = body;
			response.ended = true;
			return response;
		},
		json(body: unknown) {
			return response.send(body);
		},
		end() {
			response.ended = true;
			return response;
		},
	};
	return response;
}

export function createTriggerContext(options: TriggerContextOptions): TriggerHarness {
	const requests: RequestRecord[] = [];
	const hints: NodeExecutionHint[] = [];
	const logs: LogEntry[] = [];
	const staticData = options.staticData ?? {};
	const response = createFakeResponse();
	const base = createContext(
		{ parameters: options.parameters, credentials: options.credentials ?? apiKeyCredentials(), oauth: options.oauth },
		requests,
		hints,
	) as unknown as Record<string, unknown> & { helpers: Record<string, unknown> };
	const send = base.helpers.httpRequestWithAuthentication as (this: unknown, type: string, request: IHttpRequestOptions) => Promise<unknown>;
	let responses = 0;
	const log = (level: LogEntry['level']) => (message: string) => logs.push({ level, message });
	const context = {
		...base,
		// Trigger contexts have no items: getNodeParameter(name, fallback, options).
		getNodeParameter: (name: string, fallback?: unknown, parameterOptions?: { extractValue?: boolean }) =>
			readParameter(options.parameters, name, 0, fallback, parameterOptions),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: options.workflowId ?? 'test-workflow', name: 'Test workflow', active: true }),
		getCredentials: async (type: string) => {
			if (type === 'leverWebhookSigningApi') {
				if (!options.signingCredentials) throw new Error('Node does not have credentials of type leverWebhookSigningApi');
				return options.signingCredentials;
			}
			return await (base.getCredentials as (type: string) => Promise<IDataObject>)(type);
		},
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getNodeWebhookUrl: () => options.webhookUrl,
		getWebhookName: () => 'default',
		getWebhookDescription: () => ({ name: 'default', httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived' }),
		getBodyData: () => options.body as IDataObject,
		getHeaderData: () => options.headers ?? { 'user-agent': 'Lever-Webhooks', 'content-type': 'application/json' },
		getQueryData: () => ({}),
		getParamsData: () => ({}),
		getRequestObject: () => ({ body: options.body, headers: options.headers ?? {} }),
		getResponseObject: () => response,
		getPollBudgetMs: () => options.pollBudgetMs ?? 5 * 60 * 1000,
		getTimezone: () => 'UTC',
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			...base.helpers,
			httpRequestWithAuthentication: async function (this: unknown, type: string, request: IHttpRequestOptions) {
				const result = await send.call(this, type, request);
				const index = responses++;
				if (options.afterResponse) await options.afterResponse(requests[requests.length - 1], index);
				return result;
			},
		},
	};
	return { context: context as unknown as TriggerHarness['context'], response, requests, logs, staticData };
}
