import type { LeverResource } from './types';

/**
 * Every resource of the node, in the order of the Resource dropdown (alphabetical, as n8n's lint wants).
 * Adding a resource: write actions/<resource>/<Resource>.resource.ts and list it here.
 */
// RESOURCE IMPORTS (one line per resource)
import { contactResource } from './contact/Contact.resource';
import { sourceResource } from './source/Source.resource';
import { tagResource } from './tag/Tag.resource';
import { archiveReasonResource } from './archiveReason/ArchiveReason.resource';
import { dispositionStageResource } from './dispositionStage/DispositionStage.resource';
import { stageResource } from './stage/Stage.resource';
import { userResource } from './user/User.resource';
import { postingResource } from './posting/Posting.resource';

export const RESOURCES: LeverResource[] = [
	// RESOURCE LIST (one entry per resource)
	contactResource,
	sourceResource,
	tagResource,
	archiveReasonResource,
	dispositionStageResource,
	stageResource,
	userResource,
	postingResource,
].sort((a: LeverResource, b: LeverResource) => a.name.localeCompare(b.name));
