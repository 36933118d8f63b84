import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { SNIFF_BYTES } from './magic-bytes';
import type { PartialUploadStore } from './attachment-store';

export interface UploadGuards {
	/** The content hash an upload id stands for, or null for an id that is not ours. */
	hashOf(uploadId: string): string | null;
	/** The size of that content when the server already holds it (deduplication), else null. */
	storedSize(hash: string): Promise<number | null>;
	/** Sees the first bytes as soon as they arrived; throws a tus error (`{ status_code, body }`) to refuse. */
	checkHead(head: Uint8Array, uploadId: string): void;
	/**
	 * Finishes an upload that has all its bytes but was never finished (the server stopped between
	 * the last PATCH and its finish). Throws a tus error to refuse; removes the partial either way.
	 */
	finish(upload: Upload): Promise<void>;
}

/** The first `n` bytes of a stream (fewer if it is shorter); the stream is destroyed afterwards. */
export async function readHead(stream: Readable, n: number): Promise<Uint8Array> {
	const parts: Buffer[] = [];
	let length = 0;
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			parts.push(chunk);
			length += chunk.length;
			if (length >= n) break;
		}
	} finally {
		stream.destroy();
	}
	return Buffer.concat(parts).subarray(0, n);
}

function complete(id: string, hash: string, size: number): Upload {
	return new Upload({ id, size, offset: size, metadata: { sha256: hash } });
}

/**
 * The tus datastore in front of the partial-upload store, adding what content addressing gives:
 * - content the server already holds is reported complete (HEAD answers offset = length) and is not
 *   created again, so a resumed or raced upload of known bytes ends without sending them;
 * - an upload is reported complete only once it is stored: one whose bytes all arrived but whose
 *   finish never ran is finished first;
 * - the first bytes are checked as soon as they arrive, so a wrong file type is refused after the
 *   first chunk instead of after 10 MB over a 2G link.
 * Deferred length and concatenation are not offered: the size is checked against the limit at creation.
 */
export class GuardedUploadStore extends DataStore {
	constructor(
		private readonly inner: PartialUploadStore,
		private readonly guards: UploadGuards
	) {
		super();
		this.extensions = inner.extensions.filter((e) => ['creation', 'termination', 'expiration'].includes(e));
	}

	override async create(upload: Upload): Promise<Upload> {
		const hash = this.guards.hashOf(upload.id);
		if (hash && (await this.guards.storedSize(hash)) !== null) return upload;
		return this.inner.create(upload);
	}

	override async getUpload(id: string): Promise<Upload> {
		const hash = this.guards.hashOf(id);
		const size = hash ? await this.guards.storedSize(hash) : null;
		if (hash && size !== null) {
			// Delivered already (maybe by another device): a partial copy is of no more use.
			await this.inner.remove(id).catch(() => {});
			return complete(id, hash, size);
		}
		const upload = await this.inner.getUpload(id);
		if (hash && upload.size !== undefined && upload.offset === upload.size) {
			// Reporting this as complete would make the device forget bytes that were never stored.
			await this.guards.finish(upload);
			const stored = await this.guards.storedSize(hash);
			if (stored === null) throw ERRORS.FILE_NOT_FOUND;
			return complete(id, hash, stored);
		}
		return upload;
	}

	override async write(stream: Readable, id: string, offset: number): Promise<number> {
		const newOffset = await this.inner.write(stream, id, offset);
		if (offset < SNIFF_BYTES && newOffset >= SNIFF_BYTES) {
			const head = await readHead(this.inner.read(id), SNIFF_BYTES);
			try {
				this.guards.checkHead(head, id);
			} catch (refusal) {
				await this.inner.remove(id).catch(() => {});
				throw refusal;
			}
		}
		return newOffset;
	}

	read(id: string): Readable {
		return this.inner.read(id);
	}

	override remove(id: string): Promise<void> {
		return this.inner.remove(id);
	}

	override declareUploadLength(id: string, length: number): Promise<void> {
		return this.inner.declareUploadLength(id, length);
	}

	override deleteExpired(): Promise<number> {
		return this.inner.deleteExpired();
	}

	override getExpiration(): number {
		return this.inner.getExpiration();
	}
}
