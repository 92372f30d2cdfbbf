import type { LeverResource } from './types';

/**
 * Every resource of the node, in the order of the Resource dropdown (alphabetical, as n8n's lint wants).
 * Adding a resource: write actions/<resource>/<Resource>.resource.ts and list it here.
 */
// RESOURCE IMPORTS (one line per resource)
import { postingResource } from './posting/Posting.resource';

export const RESOURCES: LeverResource[] = [
	// RESOURCE LIST (one entry per resource)
	postingResource,
].sort((a: LeverResource, b: LeverResource) => a.name.localeCompare(b.name));
