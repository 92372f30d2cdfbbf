import type { LeverResource } from './types';

/**
 * Every resource of the node, in the order of the Resource dropdown (alphabetical, as n8n's lint wants).
 * Adding a resource: write actions/<resource>/<Resource>.resource.ts and list it here.
 */
// RESOURCE IMPORTS (one line per resource)
import { customApiCallResource } from './customApiCall/CustomApiCall.resource';
import { webhookResource } from './webhook/Webhook.resource';
import { diversitySurveyResource } from './diversitySurvey/DiversitySurvey.resource';
import { eeoResponseResource } from './eeoResponse/EeoResponse.resource';
import { auditEventResource } from './auditEvent/AuditEvent.resource';
import { uploadResource } from './upload/Upload.resource';
import { formTemplateResource } from './formTemplate/FormTemplate.resource';
import { feedbackTemplateResource } from './feedbackTemplate/FeedbackTemplate.resource';
import { requisitionFieldResource } from './requisitionField/RequisitionField.resource';
import { requisitionResource } from './requisition/Requisition.resource';
import { applicationResource } from './application/Application.resource';
import { feedbackResource } from './feedback/Feedback.resource';
import { fileResource } from './file/File.resource';
import { interviewResource } from './interview/Interview.resource';
import { noteResource } from './note/Note.resource';
import { offerResource } from './offer/Offer.resource';
import { panelResource } from './panel/Panel.resource';
import { profileFormResource } from './profileForm/ProfileForm.resource';
import { referralResource } from './referral/Referral.resource';
import { resumeResource } from './resume/Resume.resource';
import { opportunityResource } from './opportunity/Opportunity.resource';
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
	customApiCallResource,
	webhookResource,
	diversitySurveyResource,
	eeoResponseResource,
	auditEventResource,
	uploadResource,
	formTemplateResource,
	feedbackTemplateResource,
	requisitionFieldResource,
	requisitionResource,
	applicationResource,
	feedbackResource,
	fileResource,
	interviewResource,
	noteResource,
	offerResource,
	panelResource,
	profileFormResource,
	referralResource,
	resumeResource,
	opportunityResource,
	contactResource,
	sourceResource,
	tagResource,
	archiveReasonResource,
	dispositionStageResource,
	stageResource,
	userResource,
	postingResource,
].sort((a: LeverResource, b: LeverResource) => a.name.localeCompare(b.name));
