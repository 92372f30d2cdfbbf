import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { IdKind } from '../shared/locators';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Where a path placeholder gets its value. Record kinds (opportunity, posting, user, stage, requisition)
 * are resource locators shared by many operations (shared/locators.ts); the others are plain ID fields
 * checked against the rule of that name in PLAIN_ID_RULES (shared/rules.ts). Unlisted placeholders are `uuid`.
 */
export type PathParameterKind = IdKind;

/** What an operation's `request` builder returns; the router adds path, perform_as, expand and paging. */
export interface OperationRequest {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
}

/**
 * One Lever operation as data. The node's description (operation option, fields), its request and
 * its output are all derived from this; `execute` exists only for endpoints that are special
 * (multipart, binary, find-or-create, apply).
 */
export interface LeverOperation {
	/** Value of the Operation parameter, e.g. `getMany`. */
	value: string;
	/** Option name in the editor, e.g. `Get Many`. */
	name: string;
	/** Sentence-case action shown in the nodes panel, e.g. `Get many opportunities`. */
	action: string;
	/** What it does, in words an AI agent can act on. */
	description: string;
	method: HttpMethod;
	/** Lever path with `{placeholders}` exactly as Lever documents it (listed in docs/operations.md). */
	path: string;
	/** Placeholder → how its value is asked for and checked. Placeholders not listed are `uuid`. */
	pathParameters?: Record<string, PathParameterKind>;
	/** List endpoints: `cursor` pages with limit/offset; `unpaged` lists that reject paging params. */
	list?: 'cursor' | 'unpaged';
	/** `perform_as`: required or optional on this endpoint (absent = not a parameter). */
	performAs?: 'required' | 'optional';
	/** Values Lever accepts for `expand` on this endpoint. */
	expand?: string[];
	/** Fields of this operation besides the generated ones (path IDs, Perform As, Return All/Limit, Expand). */
	properties?: INodeProperties[];
	/** Builds query string and body for item `itemIndex` from the operation's fields. */
	request?: (this: IExecuteFunctions, itemIndex: number) => Promise<OperationRequest> | OperationRequest;
	/** Shapes each returned record (e.g. Simplify); default: the record as Lever returns it. */
	output?: (this: IExecuteFunctions, record: IDataObject, itemIndex: number) => IDataObject;
	/** Full control for special endpoints; receives the resolved path. */
	execute?: (
		this: IExecuteFunctions,
		itemIndex: number,
		context: { path: string; ids: Record<string, string>; operation: LeverOperation },
	) => Promise<INodeExecutionData[]>;
	/** Writes that are safe to repeat (e.g. add tags): the transport may retry them after 5xx. */
	idempotent?: boolean;
	/** A field holding the HTTP method per item (Custom API Call): its value decides, not `method`. */
	methodParameter?: string;
}

export interface LeverResource {
	/** Value of the Resource parameter, e.g. `opportunity`. */
	value: string;
	/** Singular display name, e.g. `Opportunity`. */
	name: string;
	description?: string;
	operations: LeverOperation[];
}
