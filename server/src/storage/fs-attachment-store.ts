import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import { HashMismatchError, isSha256Hex, type AttachmentStore, type PartialUploadStore, type StoredAttachment } from './attachment-store';

/** Unfinished uploads older than this are deleted (a device that comes back later starts that file again). */
const PARTIAL_EXPIRY_MS = 14 * 24 * 3_600_000;

/**
 * Attachments as files: `<root>/aa/bb/<hash>` (two levels of fan-out keep directories small),
 * uploads in progress in `<root>/.partial`, and `<root>/.tmp` for bytes being verified. A file
 * appears under its hash only by an atomic rename after its SHA-256 was checked and synced to
 * disk, so a reader never sees a half-written or wrong object. Several instances may share the
 * root over a network file system.
 */
export class FsAttachmentStore implements AttachmentStore {
	readonly description: string;
	readonly partialUploads: PartialUploadStore;
	private readonly tmpDir: string;

	private constructor(readonly root: string) {
		this.description = `filesystem ${root}`;
		this.tmpDir = join(root, '.tmp');
		this.partialUploads = new FileStore({ directory: join(root, '.partial'), expirationPeriodInMilliseconds: PARTIAL_EXPIRY_MS });
	}

	/** Creates the directories first: FileStore's own mkdir is not awaited and throws asynchronously. */
	static async open(root: string): Promise<FsAttachmentStore> {
		const dir = resolve(root);
		await mkdir(join(dir, '.partial'), { recursive: true });
		await mkdir(join(dir, '.tmp'), { recursive: true });
		return new FsAttachmentStore(dir);
	}

	/** The object's path; the hash is checked first, so no input can point outside the root. */
	pathOf(hash: string): string {
		if (!isSha256Hex(hash)) throw new Error(`not a SHA-256 hex hash: ${JSON.stringify(hash).slice(0, 80)}`);
		return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
	}

	async has(hash: string): Promise<boolean> {
		return (await this.sizeOf(hash)) !== null;
	}

	async put(hash: string, source: Readable | Uint8Array): Promise<{ size: number; created: boolean }> {
		const target = this.pathOf(hash);
		const tmp = join(this.tmpDir, `${hash}.${randomUUID()}`);
		const digest = createHash('sha256');
		let size = 0;
		const measure = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				digest.update(chunk);
				size += chunk.length;
				done(null, chunk);
			}
		});
		try {
			const input = source instanceof Uint8Array ? Readable.from([source]) : source;
			await pipeline(input, measure, createWriteStream(tmp, { flags: 'wx' }));
			const actual = digest.digest('hex');
			if (actual !== hash) throw new HashMismatchError(hash, actual);
			if ((await this.sizeOf(hash)) !== null) return { size, created: false };
			const handle = await open(tmp, 'r');
			try {
				await handle.sync();
			} finally {
				await handle.close();
			}
			await mkdir(join(this.root, hash.slice(0, 2), hash.slice(2, 4)), { recursive: true });
			// Two instances storing the same bytes at once both rename; either result is the same file.
			await rename(tmp, target);
			return { size, created: true };
		} finally {
			await rm(tmp, { force: true });
		}
	}

	async get(hash: string): Promise<StoredAttachment | null> {
		const size = await this.sizeOf(hash);
		if (size === null) return null;
		const path = this.pathOf(hash);
		return { size, open: () => createReadStream(path) };
	}

	async delete(hash: string): Promise<void> {
		await rm(this.pathOf(hash), { force: true });
	}

	private async sizeOf(hash: string): Promise<number | null> {
		try {
			const info = await stat(this.pathOf(hash));
			return info.isFile() ? info.size : null;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw e;
		}
	}
}
