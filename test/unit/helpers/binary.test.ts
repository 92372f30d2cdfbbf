import { fileNameFromContentDisposition } from '../../../nodes/Lever/helpers/binary';

describe('fileNameFromContentDisposition', () => {
	it('reads a quoted filename', () => {
		expect(fileNameFromContentDisposition('attachment; filename="Jane Doe resume.pdf"')).toBe('Jane Doe resume.pdf');
	});

	it('reads an unquoted filename', () => {
		expect(fileNameFromContentDisposition('attachment; filename=offer.pdf')).toBe('offer.pdf');
	});

	it('prefers the RFC 5987 filename* form and decodes it', () => {
		expect(
			fileNameFromContentDisposition(`attachment; filename="fallback.pdf"; filename*=UTF-8''Ren%C3%A9e%20CV.pdf`),
		).toBe('Renée CV.pdf');
	});

	it('falls back to filename when filename* is badly encoded', () => {
		expect(fileNameFromContentDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="plain.txt"`)).toBe('plain.txt');
	});

	it('returns undefined when the header is absent or names no file', () => {
		expect(fileNameFromContentDisposition(undefined)).toBeUndefined();
		expect(fileNameFromContentDisposition('inline')).toBeUndefined();
	});
});
