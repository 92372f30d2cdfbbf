import { invalidParameter } from '../../shared';
import { templateResource } from '../templateResource';

const FIELDS_EXAMPLE =
	'[{"type": "score-system", "text": "Overall rating", "required": true}, {"type": "textarea", "text": "Strengths", "required": false}]';

export const feedbackTemplateResource = templateResource({
	value: 'feedbackTemplate',
	name: 'Feedback Template',
	description: 'Interview scorecard templates',
	collection: '/feedback_templates',
	placeholder: 'feedback_template',
	idKind: 'uuidOrSlug',
	noun: 'feedback template',
	longNoun: 'feedback template',
	nameExample: 'e.g. Technical Interview Scorecard',
	fieldsExample: FIELDS_EXAMPLE,
	fieldsDescription:
		'The questions as a JSON array; each has type, text and optionally description, required, options (a list of {"text": …}), prompt and scores (for scorecard). Exactly one field must be of type score-system.',
	instructionsDescription: 'Guidance shown to the interviewer above the questions',
	/** Any question type, each with a text, and exactly one overall rating (score-system). */
	checkFields(ctx, itemIndex, fields) {
		fields.forEach((field, index) => {
			if (typeof field.type !== 'string' || typeof field.text !== 'string' || field.text.trim() === '') {
				throw invalidParameter(ctx.getNode(), itemIndex, `Fields (JSON) > field ${index + 1}`, 'needs a type and a text', `For example ${FIELDS_EXAMPLE}`);
			}
		});
		const scoreSystems = fields.filter((field) => field.type === 'score-system').length;
		if (scoreSystems !== 1) {
			throw invalidParameter(
				ctx.getNode(),
				itemIndex,
				'Fields (JSON)',
				`has ${scoreSystems} fields of type score-system`,
				'Lever needs exactly one score-system field (the overall rating) in a feedback template',
			);
		}
	},
	descriptions: {
		create: 'Create an interview feedback (scorecard) template',
		getMany: 'Retrieve many active feedback templates, including the built-in no-feedback one',
		update: 'Replace the name, questions and instructions of a feedback template',
	},
});
