/**
 * Runs the Lever node's execute() outside n8n, with a context whose HTTP helper behaves as n8n's does:
 * the credential is applied (Basic with the key, or Bearer), the request goes out through n8n's own
 * HTTP client (@n8n/backend-network, so nock or the emulator answers it), and failures are wrapped in
 * NodeApiError exactly as n8n-core wraps them.
 */
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Lever } from '../../nodes/Lever/Lever.node';
import { readParameter } from './parameters';
import { freshRateLimits } from './rateLimits';

export interface RequestRecord {
	method: string;
	url: string;
	headers: IDataObject;
	body: unknown;
	/** When the request left (Date.now(), fake under fake timers). */
	at: number;
}

export interface RunOptions {
	/** Node parameters; a function value is called with the item index (per-item values). */
	parameters: Record<string, unknown>;
	/** The workflow's time zone (n8n's getTimezone()); UTC when not given. */
	timezone?: string;
	items?: INodeExecutionData[];
	credentials?: IDataObject;
	continueOnFail?: boolean;
	/** Rate limit as the node would configure it; false to switch it off in fast tests. */
	oauth?: boolean;
}

export interface RunResult {
	output: INodeExecutionData[];
	error?: Error;
	requests: RequestRecord[];
	hints: NodeExecutionHint[];
}

export const TEST_BASE_URL = 'http://lever.test/v1';

export function apiKeyCredentials(baseUrl = TEST_BASE_URL, apiKey = 'test-key'): IDataObject {
	return { environment: 'custom', customBaseUrl: baseUrl, apiKey };
}

export function createContext(options: RunOptions, requests: RequestRecord[], hints: NodeExecutionHint[]): IExecuteFunctions {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const credentialType = options.oauth ? 'leverAtsOAuth2Api' : 'leverAtsApi';
	const node: INode = {
		id: 'lever-node',
		name: 'Lever',
		type: 'n8n-nodes-lever.lever',
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: options.oauth ? 'oAuth2' : 'apiKey', ...(options.parameters as IDataObject) },
		credentials: { [credentialType]: { id: 'cred-1', name: 'Lever test' } },
	};
	const credentials = options.credentials ?? apiKeyCredentials();
	const http = Container.get(OutboundHttp).requests();
	const binaryOf = (itemIndex: number, property: string): IBinaryData => {
		const binary = items[itemIndex]?.binary?.[property];
		// n8n reports a missing binary property as a NodeOperationError of its own.
		if (!binary) throw new NodeOperationError(node, `The item has no binary field '${property}'`, { itemIndex });
		return binary;
	};
	const context = {
		getInputData: () => items,
		getNode: () => node,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, parameterOptions?: { extractValue?: boolean }) =>
			readParameter(options.parameters, name, itemIndex, fallback, parameterOptions),
		getCredentials: async (type: string) => {
			if (type !== credentialType) throw new Error(`Node does not have credentials of type ${type}`);
			return credentials;
		},
		continueOnFail: () => options.continueOnFail === true,
		getExecutionCancelSignal: () => undefined,
		getTimezone: () => options.timezone ?? 'UTC',
		addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			httpRequestWithAuthentication: async function (this: IExecuteFunctions, type: string, requestOptions: IHttpRequestOptions) {
				const authorized: IHttpRequestOptions = { ...requestOptions, headers: { ...requestOptions.headers } };
				if (type === 'leverAtsOAuth2Api') {
					const token = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
					authorized.headers!.Authorization = `Bearer ${String(token)}`;
				} else {
					authorized.auth = { username: String(credentials.apiKey), password: '' };
				}
				requests.push({ method: String(requestOptions.method ?? 'GET'), url: requestOptions.url, headers: authorized.headers ?? {}, body: requestOptions.body, at: Date.now() });
				try {
					return await http.request(authorized as never);
				} catch (error) {
					throw new NodeApiError(node, error as never);
				}
			},
			assertBinaryData: (itemIndex: number, property: string) => binaryOf(itemIndex, property),
			getBinaryDataBuffer: async (itemIndex: number, property: string) => Buffer.from(binaryOf(itemIndex, property).data, 'base64'),
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(data.length),
			}),
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
	};
	return context as unknown as IExecuteFunctions;
}

/** Executes the node; a thrown error is returned (not rethrown) so tests can assert on it. */
export async function runLever(options: RunOptions): Promise<RunResult> {
	freshRateLimits();
	const requests: RequestRecord[] = [];
	const hints: NodeExecutionHint[] = [];
	const context = createContext(options, requests, hints);
	try {
		const [output] = await new Lever().execute.call(context);
		return { output, requests, hints };
	} catch (error) {
		return { output: [], error: error as Error, requests, hints };
	}
}
