import type { DaibanDb } from '../db/db';
import { MAX_ATTACHMENT_BYTES, storePhoto } from '../attachments/store-photo';
import type { CompressedPhoto } from './compress-photo';
import { openPhoto } from '../vault/attachment-vault';

export interface AddedPhoto {
	/** Hashes to append to the material's `attachmentHashes`: the compressed photo, then the original if kept. */
	hashes: string[];
	/** The agent asked to keep the original, but it is over the server's limit: only the compressed copy is kept. */
	originalTooLarge: boolean;
}

/**
 * Compresses a photo of a material and keeps it on the device (content-addressed, until uploaded).
 * The original is kept only when the agent asks for it (fine print that must stay legible), and
 * then as a second attachment of the same material. `compress` is compressPhoto in the app; it is
 * a parameter so Node tests, which have no canvas, can run the rest.
 */
export async function addMaterialPhoto(
	db: DaibanDb,
	caseId: string,
	file: Blob,
	options: { keepOriginal: boolean; compress: (file: Blob) => Promise<CompressedPhoto> }
): Promise<AddedPhoto> {
	const compressed = await options.compress(file);
	const stored = await storePhoto(db, caseId, compressed.blob);
	const hashes = [stored.hash];
	let originalTooLarge = false;
	if (options.keepOriginal && compressed.recompressed) {
		if (file.size > MAX_ATTACHMENT_BYTES) originalTooLarge = true;
		else hashes.push((await storePhoto(db, caseId, file)).hash);
	}
	return { hashes, originalTooLarge };
}

/**
 * Frees a photo the agent removed from a draft, unless another case on the device still lists it
 * (the same bytes are one record for every case). `caseId` is the draft it was removed from: its
 * stored copy may still list the hash until autosave catches up, so it does not count.
 * Returns whether the bytes were deleted.
 */
export async function releasePhoto(db: DaibanDb, hash: string, caseId: string): Promise<boolean> {
	return db.transaction('rw', db.cases, db.attachments, async () => {
		// `refs` is kept in clear beside the sealed intake for exactly this: no case is decrypted.
		const stillUsed = await db.cases.filter((c) => c.id !== caseId && c.refs.includes(hash)).count();
		if (stillUsed > 0) return false;
		await db.attachments.delete(hash);
		return true;
	});
}

/** The stored Blobs of these hashes, for thumbnails; a hash whose bytes are not on the device is left out. */
export async function photoBlobs(db: DaibanDb, hashes: readonly string[]): Promise<Map<string, Blob>> {
	const records = await db.attachments.bulkGet([...hashes]);
	const found = new Map<string, Blob>();
	const opened = await Promise.all(records.map(async (r) => (r ? ([r.hash, await openPhoto(r)] as const) : null)));
	for (const entry of opened) if (entry) found.set(entry[0], entry[1]);
	return found;
}

/** A stored image as a data: URL (the printed commitment letter takes the signature this way). */
export async function attachmentDataUrl(db: DaibanDb, hash: string | undefined): Promise<string | undefined> {
	if (!hash) return undefined;
	const record = await db.attachments.get(hash);
	if (!record) return undefined;
	return blobToDataUrl(await openPhoto(record), record.type);
}

export async function blobToDataUrl(blob: Blob, type: string = blob.type): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	// In slices: String.fromCharCode(...bytes) of a whole photo would overflow the argument stack.
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return `data:${type || 'application/octet-stream'};base64,${btoa(binary)}`;
}
