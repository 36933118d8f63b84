import { canSeeCaseOf } from './case-access';
import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { FIELD_ROLES, hasRole, TOWNSHIP_ROLES } from '../../../src/lib/domain/roles';
import { attachmentRepository, type AttachmentRow, type CaseRef } from '../repositories/attachment.repository';
import { HashMismatchError, type AttachmentStore, type StoredAttachment } from '../storage/attachment-store';
import { readHead } from '../storage/guarded-upload-store';
import { REFUSED_TYPE_MESSAGE, SNIFF_BYTES, sniffAttachmentType, type AttachmentMime } from '../storage/magic-bytes';

/** Largest attachment accepted: a phone photo of a document after the app's compression is far smaller. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Reason codes of refused uploads (in `DomainError.details.reason`); the device quarantines the file with them. */
export const UPLOAD_REFUSAL = {
	unsupportedType: 'UNSUPPORTED_TYPE',
	hashMismatch: 'HASH_MISMATCH'
} as const;

export interface AttachmentStatus {
	caseId: string;
	/** Every hash the case's materials reference, once each. */
	referenced: string[];
	present: string[];
	/** Referenced but not yet on the server: the case shows "materials still uploading". */
	missing: string[];
	complete: boolean;
}

export interface FinishedUpload {
	hash: string;
	size: number;
	mime: AttachmentMime;
	/** False when the same bytes were already stored (another device, a retried upload). */
	created: boolean;
}

export interface Download {
	row: AttachmentRow;
	object: StoredAttachment;
}

export const attachmentService = {
	/** The hashes of this list the server does not hold yet, in the order asked; a device uploads only these. */
	async missing(db: Db, hashes: string[]): Promise<string[]> {
		const unique = [...new Set(hashes)];
		const present = await attachmentRepository.existing(db, unique);
		return unique.filter((h) => !present.has(h));
	},

	async storedSize(db: Db, hash: string): Promise<number | null> {
		return (await attachmentRepository.find(db, hash))?.size ?? null;
	},

	/** Which of a case's attachments have arrived: two primary-key reads, cheap enough for every case view. */
	async status(db: Db, actor: Actor, caseId: string): Promise<AttachmentStatus> {
		const ref = await attachmentRepository.caseRef(db, caseId);
		if (!ref || !canSeeCaseOf(actor, ref.villageCode, FIELD_ROLES)) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
		const present = await attachmentRepository.existing(db, ref.hashes);
		const missing = ref.hashes.filter((h) => !present.has(h));
		return {
			caseId,
			referenced: ref.hashes,
			present: ref.hashes.filter((h) => present.has(h)),
			missing,
			complete: missing.length === 0
		};
	},

	/**
	 * A tus upload has all its bytes: check the type by magic bytes, verify the SHA-256 while
	 * moving the bytes into the content-addressed store, then record the row. The partial upload is
	 * removed whatever happens, so a refused file leaves nothing behind.
	 */
	async finishUpload(
		db: Db,
		store: AttachmentStore,
		input: { uploadId: string; hash: string; uploaderId: string; now: Date }
	): Promise<FinishedUpload> {
		const partial = store.partialUploads;
		try {
			const mime = sniffAttachmentType(await readHead(partial.read(input.uploadId), SNIFF_BYTES));
			if (!mime) throw new DomainError('VALIDATION', REFUSED_TYPE_MESSAGE, { reason: UPLOAD_REFUSAL.unsupportedType });
			let stored: { size: number; created: boolean };
			try {
				stored = await store.put(input.hash, partial.read(input.uploadId));
			} catch (e) {
				if (e instanceof HashMismatchError) {
					throw new DomainError('VALIDATION', e.message, { reason: UPLOAD_REFUSAL.hashMismatch, actual: e.actual });
				}
				throw e;
			}
			// The row after the bytes: whoever sees the row can read the file.
			await attachmentRepository.insertIfAbsent(db, {
				hash: input.hash,
				size: stored.size,
				mime,
				uploadedBy: input.uploaderId,
				uploadedAt: input.now
			});
			return { hash: input.hash, size: stored.size, mime, created: stored.created };
		} finally {
			await partial.remove(input.uploadId).catch(() => {});
		}
	},

	/**
	 * An attachment for download. Access comes from a case that references it: the named case, or
	 * else any case in the actor's scope. Checked before existence, so nobody learns what others uploaded.
	 */
	async openDownload(db: Db, store: AttachmentStore, actor: Actor, hash: string, caseId?: string): Promise<Download> {
		let ref: CaseRef | undefined;
		if (caseId) {
			ref = await attachmentRepository.caseRef(db, caseId);
			if (ref && !canSeeCaseOf(actor, ref.villageCode, FIELD_ROLES)) ref = undefined;
		} else {
			ref = await attachmentRepository.findReferencingCase(db, hash, { villageCodes: hasRole(actor, ...FIELD_ROLES) ? actor.scope.villageCodes : [] });
			if (!ref && hasRole(actor, ...TOWNSHIP_ROLES) && actor.scope.townshipCode) {
				ref = await attachmentRepository.findReferencingCase(db, hash, { villagePrefix: actor.scope.townshipCode });
			}
		}
		if (!ref || !ref.hashes.includes(hash)) {
			throw new DomainError('FORBIDDEN', 'no case you may see references this attachment');
		}
		const row = await attachmentRepository.find(db, hash);
		const object = row ? await store.get(hash) : null;
		if (!row || !object) throw new DomainError('NOT_FOUND', 'this attachment has not been uploaded yet');
		return { row, object };
	}
};
