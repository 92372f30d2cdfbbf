import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { uploadFile } from '../../helpers/binary';
import type { LeverOperation } from '../types';

/** POST /uploads: the file in multipart field `file`; returns `{id, uri, filename, size, expiresAt}`. */
export async function uploadExecute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: { path: string; operation: LeverOperation },
): Promise<INodeExecutionData[]> {
	return await uploadFile.call(this, itemIndex, { path: context.path, endpoint: context.operation.path });
}
