import type { Attachment, DaibanDb } from '../db/db';
import { referencedHashes } from '$lib/domain/case/attachment-refs';
import { sha256Hex } from './hash';
import { sealPhotoBytes } from '../vault/attachment-vault';

/** The server's limit per attachment; a larger photo must be compressed before it is stored. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export class AttachmentError extends Error {
	constructor(
		readonly code: 'EMPTY' | 'TOO_LARGE',
		message: string
	) {
		super(message);
		this.name = 'AttachmentError';
	}
}

export interface StoredPhoto {
	hash: string;
	size: number;
	/** False when these exact bytes were already on the device (one record, sent once). */
	created: boolean;
}

/**
 * Keeps a photo (or scan) of a case's material on the device until it is uploaded. The caller puts
 * the returned hash into `materials[].attachmentHashes`; the bytes travel separately (tus).
 * Idempotent on the bytes: the same photo twice is one record, kept with its first case.
 */
export async function storePhoto(db: DaibanDb, caseId: string, blob: Blob, now: () => Date = () => new Date()): Promise<StoredPhoto> {
	if (blob.size === 0) throw new AttachmentError('EMPTY', 'the file is empty');
	if (blob.size > MAX_ATTACHMENT_BYTES) {
		throw new AttachmentError('TOO_LARGE', `the file has ${blob.size} bytes; at most ${MAX_ATTACHMENT_BYTES} are accepted`);
	}
	const hash = await sha256Hex(blob);
	// Sealed before the transaction; the hash is the plaintext's, so dedup works as before.
	const sealed = await sealPhotoBytes(hash, blob);
	const created = await db.transaction('rw', db.attachments, async () => {
		if (await db.attachments.get(hash)) return false;
		const record: Attachment = {
			hash,
			caseId,
			blob: sealed,
			sealed: true,
			size: blob.size,
			type: blob.type,
			state: 'pending',
			createdAt: now().toISOString()
		};
		await db.attachments.add(record);
		return true;
	});
	return { hash, size: blob.size, created };
}

export interface CaseAttachmentState {
	total: number;
	uploaded: number;
	/** On this device, not yet on the server: the case shows "materials still uploading". */
	pending: number;
	quarantined: Attachment[];
	/** Referenced but not held here (a case pulled from the server): ask `attachments.status` online. */
	elsewhere: number;
}

/** Where a case's attachments stand on this device, from the hashes its intake references. */
export async function caseAttachmentState(db: DaibanDb, intake: Parameters<typeof referencedHashes>[0]): Promise<CaseAttachmentState> {
	const hashes = referencedHashes(intake);
	const records = await db.attachments.bulkGet(hashes);
	const state: CaseAttachmentState = { total: hashes.length, uploaded: 0, pending: 0, quarantined: [], elsewhere: 0 };
	for (const r of records) {
		if (!r) state.elsewhere++;
		else if (r.state === 'uploaded') state.uploaded++;
		else if (r.state === 'quarantined') state.quarantined.push(r);
		else state.pending++;
	}
	return state;
}
