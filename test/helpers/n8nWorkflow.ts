/**
 * Runs a workflow JSON (as the n8n editor exports it) through n8n-core's own engine: a `Workflow` from
 * n8n-workflow, `WorkflowExecute` with n8n-core's real execute contexts, and for the Lever Poll Trigger
 * n8n-core's real poll context. So what n8n does with the node's parameters before the node sees them —
 * defaults for fields the JSON leaves out, display options, resource-locator values, expressions,
 * credentials picked by the Authentication field — runs as in n8n, below the e2e tests. HTTP leaves
 * through n8n-core's request helpers, so nock or the emulator answers.
 */
import { ExecutionLifecycleHooks, PollContext, TriggersAndPollers, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { LeverAtsApi } from '../../credentials/LeverAtsApi.credentials';
import { LeverAtsOAuth2Api } from '../../credentials/LeverAtsOAuth2Api.credentials';
import { LeverWebhookSigningApi } from '../../credentials/LeverWebhookSigningApi.credentials';
import { Lever } from '../../nodes/Lever/Lever.node';
import { LeverPollTrigger } from '../../nodes/Lever/LeverPollTrigger.node';
import { LeverTrigger } from '../../nodes/Lever/LeverTrigger.node';
import { freshRateLimits } from './rateLimits';

/**
 * n8n's Manual Trigger stands at the start of the fixtures; n8n-nodes-base is not installed here, so this
 * stand-in with the same type name passes its input on. The fixtures pin its output (pinData), as n8n
 * does for a pinned node, to give the Lever node its input items.
 */
const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.manualTrigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

const NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-lever.lever': new Lever(),
	'n8n-nodes-lever.leverTrigger': new LeverTrigger(),
	'n8n-nodes-lever.leverPollTrigger': new LeverPollTrigger(),
	'n8n-nodes-base.manualTrigger': manualTrigger,
};

const nodeTypes: INodeTypes = {
	getByName: (type: string): INodeType | IVersionedNodeType => known(type),
	getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(known(type), version),
	getKnownTypes: () => ({}),
};

function known(type: string): INodeType {
	const nodeType = NODE_TYPES[type];
	if (!nodeType) throw new Error(`Unknown node type ${type}`);
	return nodeType;
}

const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[new LeverAtsApi(), new LeverAtsOAuth2Api(), new LeverWebhookSigningApi()].map((type) => [type.name, type]),
);

/** A credential's data as a saved n8n credential holds it, by credential type. */
export type CredentialData = Record<string, IDataObject>;

/**
 * Credentials without n8n's database: the data given by type; authentication as n8n applies a credential
 * type's generic `authenticate` (its expressions resolved against the credential's data).
 */
class FixtureCredentials extends ICredentialsHelper {
	constructor(private readonly data: CredentialData) {
		super();
	}

	getParentTypes(name: string) {
		return CREDENTIAL_TYPES[name]?.extends ?? [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const authenticate = CREDENTIAL_TYPES[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate) return requestOptions;
		const resolved = resolveCredentialExpressions(authenticate.properties as IDataObject, credentials);
		const options = { ...requestOptions } as IHttpRequestOptions & IDataObject;
		for (const [key, value] of Object.entries(resolved)) {
			options[key] = key === 'auth' ? value : { ...((options[key] as IDataObject) ?? {}), ...(value as IDataObject) };
		}
		return options;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('Not used by the Lever nodes');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _node: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`The fixture has no ${type} credential`);
		return data as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

/** `={{$credentials.apiKey}}`-style values, the only form the Lever credentials use. */
function resolveCredentialExpressions(properties: IDataObject, credentials: ICredentialDataDecryptedObject): IDataObject {
	const resolve = (value: unknown): unknown => {
		if (typeof value === 'string') {
			const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
			return match ? credentials[match[1]] : value;
		}
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
		return value;
	};
	return resolve(properties) as IDataObject;
}

export interface FixtureWorkflow extends IWorkflowBase {
	pinData?: Record<string, INodeExecutionData[]>;
}

/** A fixture as the test imports it (`import fixture from './x.workflow.json'`), typed as a workflow. */
export function asWorkflow(json: unknown): FixtureWorkflow {
	return json as FixtureWorkflow;
}

function additionalDataFor(credentials: CredentialData, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new FixtureCredentials(credentials),
		executeWorkflow: async () => {
			throw new Error('Not used by the Lever nodes');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'fixture-user',
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

function workflowOf(data: FixtureWorkflow, staticData?: IDataObject) {
	// n8n resolves the parameters into the node objects: copy them, so a fixture can run more than once.
	const nodes = JSON.parse(JSON.stringify(data.nodes)) as INode[];
	return new Workflow({
		id: data.id ?? 'fixture',
		name: data.name,
		nodes,
		connections: data.connections,
		nodeTypes,
		settings: data.settings,
		staticData,
		active: false,
	});
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node ended with, if any. */
	error(nodeName: string): Error | undefined;
	/** A node's parameters as n8n resolved them from the JSON: defaults added, hidden ones dropped. */
	parameters(nodeName: string): INodeParameters;
}

/** Executes the workflow manually (as "Execute workflow" in the editor) from its start node. */
export async function executeWorkflow(data: FixtureWorkflow, credentials: CredentialData): Promise<WorkflowRun> {
	freshRateLimits();
	const workflow = workflowOf(data);
	const hooks = new ExecutionLifecycleHooks('manual', 'fixture-execution', data);
	const start = workflow.getStartNode() as INode;
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {}, pinData: data.pinData },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(additionalDataFor(credentials, hooks), 'manual', runExecutionData);
	const run = await execute.processRunExecutionData(workflow);
	return {
		run,
		output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.error as Error | undefined,
		parameters: (nodeName) => (workflow.getNode(nodeName) as INode).parameters,
	};
}

export interface Poller {
	/** One poll, as n8n runs it on the trigger's schedule: the emitted items, or null when nothing is new. */
	poll(): Promise<INodeExecutionData[][] | null>;
	/** The workflow's static data (the poll trigger's cursor), kept between polls as n8n keeps it. */
	staticData: IDataObject;
}

/** The workflow's poll trigger, active: each `poll()` runs it through n8n-core's poll context. */
export function activePoller(data: FixtureWorkflow, credentials: CredentialData, nodeName: string): Poller {
	freshRateLimits();
	const staticData: IDataObject = {};
	const workflow = workflowOf(data, staticData);
	const node = workflow.getNode(nodeName) as INode;
	const hooks = new ExecutionLifecycleHooks('trigger', 'fixture-poll', data);
	const additionalData = additionalDataFor(credentials, hooks);
	const pollers = new TriggersAndPollers();
	return {
		staticData: workflow.staticData,
		poll: async () => await pollers.runPollFunction(workflow, node, new PollContext(workflow, node, additionalData, 'trigger', 'activate')),
	};
}
