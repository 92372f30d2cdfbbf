import type { LeverOperation, PathParameterKind } from './types';

export const PLACEHOLDER = /\{(\w+)\}/g;

interface PathField {
	/** Parameter name: saved workflows store it, so it is declared here and never derived from the path. */
	name: string;
	/** Label in the editor; errors name the field by it. */
	label: string;
	/** Records an account has few of are picked from a dropdown loaded from Lever (`… Name or ID`). */
	loadOptionsMethod?: string;
}

/**
 * The field behind every `{placeholder}` of a Lever path. A placeholder missing here fails the node's
 * description (and so every test): a new one needs a deliberate name. Locator kinds (see
 * `pathParameters` on a row) show the locator's own label instead.
 */
export const PATH_FIELDS: Record<string, PathField> = {
	application: { name: 'applicationId', label: 'Application ID' },
	archive_reason: { name: 'archiveReasonId', label: 'Archive Reason ID', loadOptionsMethod: 'getArchiveReasons' },
	contact: { name: 'contactId', label: 'Contact ID' },
	feedback: { name: 'feedbackId', label: 'Feedback ID' },
	feedback_template: { name: 'feedbackTemplateId', label: 'Feedback Template ID', loadOptionsMethod: 'getFeedbackTemplates' },
	file: { name: 'fileId', label: 'File ID' },
	form: { name: 'formId', label: 'Form ID' },
	form_template: { name: 'formTemplateId', label: 'Form Template ID', loadOptionsMethod: 'getFormTemplates' },
	interview: { name: 'interviewId', label: 'Interview ID' },
	note: { name: 'noteId', label: 'Note ID' },
	noteId: { name: 'noteId', label: 'Note ID' },
	offer: { name: 'offerId', label: 'Offer ID' },
	opportunity: { name: 'opportunityId', label: 'Opportunity ID' },
	panel: { name: 'panelId', label: 'Panel ID' },
	posting: { name: 'postingId', label: 'Posting ID' },
	referral: { name: 'referralId', label: 'Referral ID' },
	requisition: { name: 'requisitionId', label: 'Requisition ID' },
	requisition_field: { name: 'requisitionFieldId', label: 'Requisition Field ID', loadOptionsMethod: 'getRequisitionFields' },
	resume: { name: 'resumeId', label: 'Resume ID' },
	stage: { name: 'stageId', label: 'Stage ID' },
	user: { name: 'userId', label: 'User ID' },
	webhookId: { name: 'webhookId', label: 'Webhook ID' },
};

export function placeholdersOf(path: string): string[] {
	return [...path.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** The declared field of `placeholder`; throws for an undeclared one so a path edit cannot rename a field. */
export function pathField(placeholder: string): PathField {
	const field = PATH_FIELDS[placeholder];
	if (!field) throw new Error(`Path placeholder {${placeholder}} has no field in PATH_FIELDS (actions/paths.ts)`);
	return field;
}

export function kindOf(operation: LeverOperation, placeholder: string): PathParameterKind {
	return operation.pathParameters?.[placeholder] ?? 'uuid';
}
