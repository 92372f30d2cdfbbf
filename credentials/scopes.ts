/** Every OAuth scope Lever documents (docs/lever-api.md, Authentication), in the order the picker shows them. */
export const LEVER_SCOPES: Array<{ scope: string; grants: string }> = [
	{ scope: 'applications:read:admin', grants: 'Read applications' },
	{ scope: 'archive_reasons:read:admin', grants: 'Read archive reasons' },
	{ scope: 'audit_events:read:admin', grants: 'Read audit events' },
	{ scope: 'confidential:access:admin', grants: 'Access confidential postings, opportunities and requisitions' },
	{ scope: 'contact:read:admin', grants: "Read an opportunity's contact" },
	{ scope: 'contact:write:admin', grants: "Manage an opportunity's contact" },
	{ scope: 'diversity_surveys:read:admin', grants: 'Read diversity surveys' },
	{ scope: 'eeo_responses:read:admin', grants: 'Read EEO responses without PII' },
	{ scope: 'eeo_responses_pii:read:admin', grants: 'Read EEO responses with PII' },
	{ scope: 'feedback:read:admin', grants: 'Read feedback' },
	{ scope: 'feedback:write:admin', grants: 'Manage feedback' },
	{ scope: 'feedback_templates:read:admin', grants: 'Read feedback templates' },
	{ scope: 'feedback_templates:write:admin', grants: 'Manage feedback templates' },
	{ scope: 'files:read:admin', grants: 'Read opportunity files' },
	{ scope: 'files:write:admin', grants: 'Manage opportunity files' },
	{ scope: 'form_templates:read:admin', grants: 'Read profile form templates' },
	{ scope: 'form_templates:write:admin', grants: 'Manage profile form templates' },
	{ scope: 'forms:read:admin', grants: 'Read profile forms' },
	{ scope: 'forms:write:admin', grants: 'Manage profile forms' },
	{ scope: 'groups:read:admin', grants: 'Read user groups' },
	{ scope: 'groups:write:admin', grants: 'Manage user groups' },
	{ scope: 'interviews:read:admin', grants: 'Read interviews' },
	{ scope: 'interviews:write:admin', grants: 'Manage interviews' },
	{ scope: 'notes:read:admin', grants: 'Read notes' },
	{ scope: 'notes:write:admin', grants: 'Manage notes' },
	{ scope: 'offers:read:admin', grants: 'Read offers' },
	{ scope: 'offline_access', grants: 'Refresh tokens, so n8n stays connected' },
	{ scope: 'opportunities:read:admin', grants: 'Read opportunities' },
	{ scope: 'opportunities:write:admin', grants: 'Manage opportunities' },
	{ scope: 'panels:read:admin', grants: 'Read interview panels' },
	{ scope: 'panels:write:admin', grants: 'Manage interview panels' },
	{ scope: 'permissions:read:admin', grants: 'Read permissions' },
	{ scope: 'permissions:write:admin', grants: 'Manage permissions' },
	{ scope: 'postings:read:admin', grants: 'Read postings' },
	{ scope: 'postings:write:admin', grants: 'Manage postings' },
	{ scope: 'referrals:read:admin', grants: 'Read referrals' },
	{ scope: 'requisition_fields:read:admin', grants: 'Read requisition fields' },
	{ scope: 'requisition_fields:write:admin', grants: 'Manage requisition fields' },
	{ scope: 'requisitions:read:admin', grants: 'Read requisitions' },
	{ scope: 'requisitions:write:admin', grants: 'Manage requisitions' },
	{ scope: 'resumes:read:admin', grants: 'Read resumes' },
	{ scope: 'roles:read:admin', grants: 'Read roles' },
	{ scope: 'roles:write:admin', grants: 'Manage roles' },
	{ scope: 'sources:read:admin', grants: 'Read sources' },
	{ scope: 'stages:read:admin', grants: 'Read stages' },
	{ scope: 'tags:read:admin', grants: 'Read tags' },
	{ scope: 'tasks:read:admin', grants: 'Read tasks' },
	{ scope: 'uploads:write:admin', grants: 'Upload files for applications' },
	{ scope: 'users:read:admin', grants: 'Read users' },
	{ scope: 'users:write:admin', grants: 'Manage users' },
	{ scope: 'webhooks:read:admin', grants: 'Read webhooks' },
	{ scope: 'webhooks:write:admin', grants: 'Manage webhooks' },
];

/** Lever registers an app with at most this many scopes; a request for more cannot match a registration. */
export const MAX_SCOPES = 20;

const READ_ONLY = [
	'opportunities', 'postings', 'users', 'stages', 'archive_reasons', 'tags', 'sources', 'notes', 'offers',
	'interviews', 'panels', 'feedback', 'forms', 'files', 'resumes', 'applications', 'referrals', 'requisitions',
	'audit_events',
].map((name) => `${name}:read:admin`);

/**
 * Scope sets offered by the credential, each small enough for one Lever app registration (write scopes
 * include read). `custom` is the credential's own multi-select.
 */
export const SCOPE_PRESETS: Record<string, { name: string; description: string; scopes: string[] }> = {
	readOnly: {
		name: 'Read Only',
		description: 'Read opportunities, postings, users, stages, notes, offers, interviews, feedback, files and more; no writes',
		scopes: [...READ_ONLY, 'offline_access'],
	},
	templates: {
		name: 'Read and Write for the Templates',
		description: 'What the bundled templates use: create opportunities and notes, read users, postings, stages, tags, archive reasons, resumes and offers',
		scopes: [
			'opportunities:write:admin', 'notes:write:admin', 'users:read:admin', 'postings:read:admin', 'stages:read:admin',
			'tags:read:admin', 'archive_reasons:read:admin', 'resumes:read:admin', 'offers:read:admin', 'offline_access',
		],
	},
	webhookTrigger: {
		name: 'Webhook Trigger',
		description: 'What the Lever Trigger needs to register its webhook in Lever, and to fetch the full opportunity',
		scopes: ['webhooks:write:admin', 'webhooks:read:admin', 'opportunities:read:admin', 'offline_access'],
	},
};
