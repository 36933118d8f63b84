import { describe, expect, it } from 'vitest';
import { sniffAttachmentType } from './magic-bytes';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffAttachmentType', () => {
	it('recognises JPEG, PNG, WebP and PDF by their first bytes', () => {
		expect(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
		expect(sniffAttachmentType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
		expect(sniffAttachmentType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
		expect(sniffAttachmentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
	});

	it('refuses HTML, SVG, other RIFF files and truncated signatures whatever the file is called', () => {
		expect(sniffAttachmentType(bytes('<!doctype html><script>'))).toBeNull();
		expect(sniffAttachmentType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
		expect(sniffAttachmentType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
		expect(sniffAttachmentType(bytes([0xff, 0xd8]))).toBeNull();
		expect(sniffAttachmentType(new Uint8Array())).toBeNull();
	});
});
