/** The only kinds of attachment accepted: photos of documents and scanned PDFs. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** Bytes needed to tell the accepted kinds apart (WebP needs 12). */
export const SNIFF_BYTES = 16;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
	if (bytes.length < at + signature.length) return false;
	return signature.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file from its first bytes, or null when it is none of the accepted kinds.
 * File names and declared types are never trusted: an HTML page renamed `.jpg` is refused here.
 * Four fixed signatures do not justify a dependency (file-type would also pull in a stream tokenizer).
 */
export function sniffAttachmentType(head: Uint8Array): AttachmentMime | null {
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
	return null;
}

export const REFUSED_TYPE_MESSAGE = 'only JPEG, PNG or WebP photos and PDF files are accepted (the content is checked, not the file name)';
