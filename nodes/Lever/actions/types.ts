import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { IdKind } from '../shared';
import type { MultipartPart, TransportSettings } from '../transport';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Where a path placeholder gets its value. Record kinds (opportunity, posting, user, stage, requisition)
 * are resource locators shared by many operations (shared/locators.ts); the others are plain ID fields
 * checked against the rule of that name in PLAIN_ID_RULES (shared/rules.ts). Unlisted placeholders are `uuid`.
 */
export type PathParameterKind = IdKind;

/** What every step of one item's run knows: the filled-in path, the IDs in it, and the retry bounds. */
export interface OperationContext {
	path: string;
	ids: Record<string, string>;
	operation: LeverOperation;
	/** The item's Request Options as transport settings: pass them on every request the item makes. */
	settings: TransportSettings;
}

/** A downloaded document, output as binary data (see helpers/binary.ts downloadAsBinary). */
export interface DownloadRequest {
	/** JSON of the output item next to the file (the IDs it came from). */
	json: IDataObject;
	/** File name stem when Lever names no file, e.g. `resume-<id>`. */
	defaultBaseName: string;
	/** A second look-up of the file name when the download names none. */
	fallbackFileName?: () => Promise<string | undefined> | string | undefined;
}

/**
 * What an operation's `request` hook returns; the standard run adds path, perform_as, expand, paging and
 * the retry settings, sends it, and turns the answer into items.
 */
export interface OperationRequest {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Send as multipart/form-data (file uploads) instead of JSON. */
	multipart?: MultipartPart[];
	/** Lever answers with a file: output it as binary data. */
	download?: DownloadRequest;
	/** Also wait for the 2 per second apply limiter. */
	rateLimit?: 'apply';
	/** Lists: read up to this many records instead of Limit (an `afterList` hook then applies Limit). */
	readLimit?: number;
}

/**
 * One Lever operation as data. The node's description (operation option, fields), its request and its
 * output are all derived from this. Rows adjust the standard run through narrow hooks (`request`,
 * `records`, `output`, `afterList`); only operations that are more than one request keep an `execute`
 * (find-or-create, the custom API call), and it calls the same steps (actions/execute.ts).
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
	/** Builds the request for item `itemIndex` from the operation's fields. */
	request?: (this: IExecuteFunctions, itemIndex: number, context: OperationContext) => Promise<OperationRequest> | OperationRequest;
	/** Records of Lever's answer when it is not the usual `data` envelope (default: `data` as records). */
	records?: (this: IExecuteFunctions, response: IDataObject, itemIndex: number) => IDataObject[];
	/** Shapes each returned record (e.g. Simplify); default: the record as Lever returns it. */
	output?: (this: IExecuteFunctions, record: IDataObject, itemIndex: number) => IDataObject;
	/** Lists: filters the shaped records after reading (e.g. name search); `limit` is Limit (undefined: Return All). */
	afterList?: (this: IExecuteFunctions, items: IDataObject[], itemIndex: number, paging: { limit?: number }) => IDataObject[];
	/** Operations that are more than one request; they call the steps in actions/execute.ts. */
	execute?: (this: IExecuteFunctions, itemIndex: number, context: OperationContext) => Promise<INodeExecutionData[]>;
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
