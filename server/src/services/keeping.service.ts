import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import type { CaseIntake } from '../../../src/lib/domain/case/case.schema';
import { referencedHashes } from '../../../src/lib/domain/case/attachment-refs';
import type { ApplicantExport, ApplicantExportInput } from '../../../src/lib/domain/keeping/keeping.schema';
import { maskResidentId } from '../../../src/lib/domain/ids';
import { recordAudit } from './audit.service';
import type { Db } from '../db/database';
import type { Actor } from '../context';
import type { AttachmentStore } from '../storage/attachment-store';
import { keepingRepository } from '../repositories/keeping.repository';
import { syncRepository } from '../repositories/sync.repository';
import { tombstones } from '../db/schema';

/**
 * Keeping data (PIPL): an applicant's export on request (right of access), and retention: personal
 * data of finished cases is removed after the retention period, the statistics stay.
 */

/** Who asks for an export: a supervisor through the app, or the operator at the server's console (CLI). */
export type Requester = { kind: 'user'; actor: Actor } | { kind: 'operator'; name: string };

/**
 * An export of one applicant's data is itself a read of personal data: it goes into the hash-chained
 * audit log (who asked, whose ID number, which cases), committed before the data is handed out.
 */
async function recordExport(db: Db, event: { requester: Requester; idNumber: string; caseIds: string[]; at: Date }): Promise<void> {
	const by = event.requester;
	await recordAudit(
		db,
		{
			action: 'applicant.export',
			// The log is kept for ever: it names the applicant by the masked number, the cases by id.
			subject: maskResidentId(event.idNumber),
			actorId: by.kind === 'user' ? by.actor.id : null,
			deviceId: by.kind === 'user' ? by.actor.deviceId : null,
			details: { caseIds: event.caseIds, ...(by.kind === 'operator' ? { operator: by.name } : {}) }
		},
		event.at
	);
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export interface ExpiredCase {
	id: string;
	caseNumber: string;
	villageCode: string;
	status: string;
	finishedAt: string;
}

export interface RetentionResult {
	cutoff: string;
	cases: ExpiredCase[];
	/** Attachment files deleted with them (referenced by no remaining case). */
	attachmentsDeleted: number;
	applied: boolean;
}

/** Bounds one retention run; a later run picks up the rest. */
const RETENTION_BATCH = 10_000;

/** The intake with every personal field emptied; item codes, materials checked and delivery method stay. */
function redactIntake(intake: CaseIntake, at: Date): CaseIntake & { redactedAt: string } {
	const { signatureHash: _signature, ...rest } = intake;
	return {
		...rest,
		applicant: { name: '', idNumber: '', phone: '', address: '' },
		form: {},
		materials: intake.materials.map((m) => ({ ...m, attachmentHashes: [] })),
		delivery: { method: intake.delivery.method },
		redactedAt: at.toISOString()
	};
}

export function retentionCutoff(now: Date, years: number): Date {
	const cutoff = new Date(now);
	cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
	return cutoff;
}

export const keepingService = {
	async exportApplicant(db: Db, requester: Requester, input: ApplicantExportInput, now: Date): Promise<ApplicantExport> {
		if (requester.kind === 'user' && !hasRole(requester.actor, 'supervisor')) throw new DomainError('FORBIDDEN', 'only a supervisor exports an applicant’s data');
		// A supervisor sees the cases of her township; the operator at the console those of the whole server.
		const township = requester.kind === 'user' ? requester.actor.scope.townshipCode : '';
		if (requester.kind === 'user' && township.length === 0) throw new DomainError('FORBIDDEN', 'this account has no township');
		const rows = await keepingRepository.casesOfApplicant(db, input.idNumber, township);
		const events = await keepingRepository.eventsOf(
			db,
			rows.map((r) => r.id)
		);
		const files = await keepingRepository.attachmentsByHash(db, [...new Set(rows.flatMap((r) => referencedHashes(r.intake)))]);
		await recordExport(db, { requester, idNumber: input.idNumber, caseIds: rows.map((r) => r.id), at: now });
		return {
			exportedAt: now.toISOString(),
			idNumber: input.idNumber,
			cases: rows.map((r) => {
				const refs = new Set(referencedHashes(r.intake));
				return {
					id: r.id,
					caseNumber: r.caseNumber,
					villageCode: r.villageCode,
					itemCodes: r.itemCodes,
					status: r.status,
					receivedAt: iso(r.receivedAt),
					updatedAt: iso(r.updatedAt),
					intake: r.intake as unknown as Record<string, unknown>,
					events: events
						.filter((e) => e.caseId === r.id)
						.map((e) => ({ type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, at: iso(e.at), note: e.note })),
					attachments: files.filter((f) => refs.has(f.hash)).map((f) => ({ hash: f.hash, size: f.size, mime: f.mime, uploadedAt: iso(f.uploadedAt) }))
				};
			})
		};
	},

	/**
	 * Finished cases past retention (`years` after 办结). With `apply`, each one's personal fields are
	 * emptied (the case row keeps items, village, status, dates and its workflow for statistics), its
	 * event notes cleared, it leaves the devices' sync (a tombstone, and pulls skip it), and photo
	 * files no remaining case references are deleted.
	 */
	async retention(db: Db, store: AttachmentStore, { now, years, apply }: { now: Date; years: number; apply: boolean }): Promise<RetentionResult> {
		const cutoff = retentionCutoff(now, years);
		const expired = await keepingRepository.expired(db, cutoff, RETENTION_BATCH);
		const cases = expired.map((c) => ({ id: c.id, caseNumber: c.caseNumber, villageCode: c.villageCode, status: c.status, finishedAt: iso(c.finishedAt) }));
		if (!apply || expired.length === 0) return { cutoff: cutoff.toISOString(), cases, attachmentsDeleted: 0, applied: apply };
		const hashes = [...new Set(expired.flatMap((c) => referencedHashes(c.intake)))];
		const orphaned = await db.transaction(async (tx) => {
			for (const c of expired) {
				// Sync clock first, then the row (the lock order of case.service.ts).
				const changeSeq = await syncRepository.nextChangeSeq(tx);
				await keepingRepository.redact(tx, c.id, redactIntake(c.intake, now), changeSeq);
				await tx
					.insert(tombstones)
					.values({ entityType: 'case', entityId: c.id, villageCode: c.villageCode, changeSeq })
					.onConflictDoUpdate({ target: [tombstones.entityType, tombstones.entityId], set: { changeSeq } });
			}
			const kept = await keepingRepository.stillReferenced(tx, hashes);
			const gone = hashes.filter((h) => !kept.has(h));
			await keepingRepository.deleteAttachmentRows(tx, gone);
			return gone;
		});
		// Files after the rows (a row always has its file; a file without a row is only space).
		for (const h of orphaned) await store.delete(h);
		return { cutoff: cutoff.toISOString(), cases, attachmentsDeleted: orphaned.length, applied: true };
	}
};
