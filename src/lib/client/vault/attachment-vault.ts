import type { Attachment } from '../db/db';
import { decryptBytes, encryptBytes } from '../lock/data-key';
import { cryptoStep } from './in-transaction';

/**
 * Photo and signature bytes at rest: sealed with the data key, kept under the SHA-256 of the
 * plaintext (dedup and the server's hash check are unchanged), opened just before upload or
 * display. A sealed Blob is typed application/octet-stream: it is no image until opened.
 */

const aad = (hash: string) => `attachment:${hash}`;
const SEALED_TYPE = 'application/octet-stream';

export async function sealPhotoBytes(hash: string, plain: Blob): Promise<Blob> {
	const sealed = await cryptoStep(plain.arrayBuffer().then((b) => encryptBytes(new Uint8Array(b), aad(hash))));
	return new Blob([sealed], { type: SEALED_TYPE });
}

/** The plaintext Blob of a stored attachment, with its own type. */
export async function openPhoto(record: Pick<Attachment, 'hash' | 'blob' | 'sealed' | 'type'>): Promise<Blob> {
	if (!record.sealed) return record.blob;
	const plain = await cryptoStep(record.blob.arrayBuffer().then((b) => decryptBytes(new Uint8Array(b), aad(record.hash))));
	return new Blob([plain], { type: record.type });
}
