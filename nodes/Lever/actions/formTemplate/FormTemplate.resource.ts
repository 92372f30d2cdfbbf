import { toList } from '../../helpers/parameters';
import { invalidParameter } from '../../shared';
import { templateResource } from '../templateResource';

const FIELD_TYPES = ['currency', 'date', 'dropdown', 'multiple-choice', 'multiple-select', 'text', 'textarea', 'yes-no'];

const FIELDS_EXAMPLE =
	'[{"type": "text", "text": "Notice period", "required": true}, {"type": "dropdown", "text": "Work permit", "options": [{"text": "Yes"}, {"text": "No"}]}]';

export const formTemplateResource = templateResource({
	value: 'formTemplate',
	name: 'Form Template',
	description: 'Profile form templates (structured forms on a candidate profile)',
	collection: '/form_templates',
	placeholder: 'form_template',
	noun: 'form template',
	longNoun: 'profile form template',
	nameExample: 'e.g. Offer Details',
	fieldsExample: FIELDS_EXAMPLE,
	fieldsDescription: `The questions as a JSON array (at least one); each has type (${FIELD_TYPES.join(', ')}), text and optionally description, required and options (a list of {"text": …})`,
	instructionsDescription: 'Guidance shown above the questions',
	extraOptions: [
		{
			displayName: 'Secret by Default',
			name: 'secretByDefault',
			type: 'boolean',
			default: false,
			description: 'Whether forms made from this template are hidden from users without access to secret forms',
		},
	],
	/** Only the profile form field types, each with a text. */
	checkFields(ctx, itemIndex, fields) {
		fields.forEach((field, index) => {
			if (typeof field.type !== 'string' || !FIELD_TYPES.includes(field.type)) {
				throw invalidParameter(
					ctx.getNode(),
					itemIndex,
					`Fields (JSON) > field ${index + 1}`,
					`type ${JSON.stringify(field.type ?? null)} is not a profile form field type`,
					`Use one of ${FIELD_TYPES.join(', ')}`,
				);
			}
			if (typeof field.text !== 'string' || field.text.trim() === '') {
				throw invalidParameter(ctx.getNode(), itemIndex, `Fields (JSON) > field ${index + 1}`, 'has no text', 'Give every field the question text');
			}
		});
	},
	descriptions: {
		create: 'Create a profile form template (forms filled in on a candidate profile)',
		getMany: 'Retrieve many active profile form templates',
		update: 'Replace the name, questions, instructions and secrecy of a profile form template',
	},
	getMany: {
		properties: [
			{
				displayName: 'Include Only',
				name: 'include',
				type: 'multiOptions',
				options: [
					{ name: 'Fields', value: 'fields' },
					{ name: 'Group', value: 'group' },
					{ name: 'Name', value: 'text' },
				],
				default: [],
				description: 'Restrict each template to these fields (Lever returns every field when empty)',
			},
		],
		request(itemIndex) {
			const include = toList(this.getNodeParameter('include', itemIndex, []));
			return { qs: include.length ? { include } : {} };
		},
	},
});
