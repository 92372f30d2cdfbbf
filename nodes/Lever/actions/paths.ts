import type { LeverOperation, PathParameterKind } from './types';

export const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholdersOf(path: string): string[] {
	return [...path.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** `opportunity` → `opportunityId`, `archive_reason` → `archiveReasonId`, `noteId` stays. */
export function pathFieldName(placeholder: string): string {
	const camel = placeholder.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
	return camel.endsWith('Id') ? camel : `${camel}Id`;
}

export function pathFieldLabel(placeholder: string): string {
	const words = placeholder.replace(/Id$/, '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
	return `${words.replace(/\b\w/g, (letter) => letter.toUpperCase())} ID`;
}

export function kindOf(operation: LeverOperation, placeholder: string): PathParameterKind {
	return operation.pathParameters?.[placeholder] ?? 'uuid';
}
