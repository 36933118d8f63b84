import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';

/** An attachment's address: the SHA-256 of its bytes, lowercase hex (as in `materials[].attachmentHashes`). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
	return SHA256_HEX.test(value);
}

/** The bytes offered under a hash are not the bytes of that hash: nothing was stored. */
export class HashMismatchError extends Error {
	constructor(
		readonly expected: string,
		readonly actual: string
	) {
		super(`the bytes received have SHA-256 ${actual}, not the declared ${expected}`);
		this.name = 'HashMismatchError';
	}
}

export interface StoredAttachment {
	size: number;
	/** Opens the bytes for reading; the caller consumes or destroys the stream. */
	open(): Readable;
}

/** Where tus keeps uploads in progress; `read` gives the bytes received so far. */
export interface PartialUploadStore extends DataStore {
	read(id: string): Readable;
}

/**
 * Every attachment's bytes, addressed by SHA-256, in a place every server instance reads: the data
 * directory by default (`FsAttachmentStore`), a shared mount or an object store when several
 * instances serve one township. Uploads in progress live in the same place (`partialUploads`), so a
 * resumed upload may reach any instance.
 */
export interface AttachmentStore {
	/** For logs and start-up messages, e.g. "filesystem /srv/daiban/data/attachments". */
	readonly description: string;
	readonly partialUploads: PartialUploadStore;
	has(hash: string): Promise<boolean>;
	/**
	 * Stores bytes under their hash. The hash is computed while writing; a mismatch throws
	 * `HashMismatchError` and stores nothing. Idempotent: the same bytes twice make one object
	 * (`created` is false when it was already there).
	 */
	put(hash: string, source: Readable | Uint8Array): Promise<{ size: number; created: boolean }>;
	get(hash: string): Promise<StoredAttachment | null>;
	delete(hash: string): Promise<void>;
}
