import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import { maskResidentId } from '../../../src/lib/domain/ids';
import { cstDate, itemsAwaitingCertificate } from '../../../src/lib/domain/case/workflow';
import type { CaseEventInput } from '../../../src/lib/domain/case/events';
import type { ServiceItem } from '../../../src/lib/domain/catalog/item.schema';
import {
	formatCertificateNumber,
	signCertificatePayload,
	verifyCertificatePayload,
	type CertificateFacts,
	type DeliveryAssignmentInput,
	type VerifyOutcome
} from '../../../src/lib/domain/certificates';
import type { CryptoSuiteName } from '../../../src/lib/domain/crypto';
import { caseRepository } from '../repositories/case.repository';
import { certificateRepository, type CertificateRow } from '../repositories/certificate.repository';
import { appendAudit } from './audit.service';
import { caseService } from './case.service';
import { canSeeCaseOf } from './case-access';
import { catalogService } from './catalog.service';
import { certificateKeyService } from './certificate-key.service';

/** The name printed as the certificate's title: the item's certificate type (e.g. 老年人优待证). */
export function certificateTitle(item: ServiceItem | undefined, itemCode: string): string {
	if (!item) return itemCode;
	return item.result.kind === 'certificate' ? item.result.certificateType : item.mainName;
}

/** A China calendar day as the instant range [from, to). */
function chinaDay(date: string): { from: Date; to: Date } {
	const from = new Date(`${date}T00:00:00+08:00`);
	if (Number.isNaN(from.getTime())) throw new DomainError('VALIDATION', `not a date: ${date}`);
	return { from, to: new Date(from.getTime() + 86_400_000) };
}

function inTownship(actor: Actor, certificateNumber: string): boolean {
	return actor.scope.townshipCode.length > 0 && certificateNumber.startsWith(`${actor.scope.townshipCode}-`);
}

export interface IssuedCertificate {
	id: string;
	caseId: string;
	caseNumber: string;
	caseStatus: string;
	itemCode: string;
	certificateNumber: string;
	title: string;
	holderName: string;
	issuedAt: string;
	revokedAt: string | null;
	revokeReason: string | null;
	printCount: number;
	deliveryChoice: string;
	payload: string;
}

async function summarise(db: Db, rows: CertificateRow[]): Promise<IssuedCertificate[]> {
	const prints = await certificateRepository.printsOf(
		db,
		rows.map((r) => r.id)
	);
	const out: IssuedCertificate[] = [];
	for (const r of rows) {
		const caseRow = await caseRepository.findById(db, r.caseId);
		out.push({
			id: r.id,
			caseId: r.caseId,
			caseNumber: r.facts.caseNumber,
			caseStatus: caseRow?.status ?? 'unknown',
			itemCode: r.itemCode,
			certificateNumber: r.certificateNumber,
			title: r.facts.itemName,
			holderName: r.facts.holderName,
			issuedAt: r.issuedAt.toISOString(),
			revokedAt: r.revokedAt?.toISOString() ?? null,
			revokeReason: r.revokeReason,
			printCount: prints.filter((p) => p.certificateId === r.id).length,
			deliveryChoice: caseRow?.intake.delivery.method ?? 'township_window',
			payload: r.payload
		});
	}
	return out;
}

export const certificateService = {
	/** 一窗出证: approved cases with items waiting for their certificate; fast track first, then oldest decision first. */
	async queue(db: Db, actor: Actor) {
		const { rows } = await caseRepository.queue(db, {
			statuses: ['approved'],
			townshipCode: actor.scope.townshipCode,
			limit: 500,
			offset: 0
		});
		const entries = [];
		for (const row of rows) {
			if (!row.workflow) continue;
			const waiting = itemsAwaitingCertificate(row.workflow);
			if (waiting.length === 0) continue;
			const catalog = await catalogService.version(db, row.intake.catalogVersion);
			for (const itemCode of waiting) {
				entries.push({
					caseId: row.id,
					caseNumber: row.caseNumber,
					villageCode: row.villageCode,
					itemCode,
					title: certificateTitle(
						catalog.items.find((i) => i.code === itemCode),
						itemCode
					),
					holderName: row.intake.applicant.name,
					approvedAt: row.workflow.decision?.at ?? row.updatedAt.toISOString(),
					fastTrack: row.workflow.fastTrack?.on ?? false,
					deliveryChoice: row.intake.delivery.method
				});
			}
		}
		return entries.sort((a, b) => Number(b.fastTrack) - Number(a.fastTrack) || a.approvedAt.localeCompare(b.approvedAt));
	},

	/**
	 * Issues one certificate in one transaction: a number from the township's sequence, the
	 * lifecycle's `issue_certificate` (through the case service, so its guards decide: approved,
	 * the item waiting, the issuer's role), then the signed facts. Any refusal rolls back all three.
	 */
	async issue(db: Db, actor: Actor, input: { caseId: string; itemCode?: string }, now: Date, suite: CryptoSuiteName): Promise<IssuedCertificate> {
		const township = actor.scope.townshipCode;
		if (!/^\d{9}$/.test(township)) throw new DomainError('FORBIDDEN', 'your account has no township to issue certificates for');
		const issuedOn = cstDate(now.toISOString());
		const id = await db.transaction(async (tx) => {
			const sequence = await certificateRepository.nextSequence(tx, township, Number(issuedOn.slice(0, 4)));
			const number = formatCertificateNumber(township, Number(issuedOn.slice(0, 4)), sequence);
			const event: CaseEventInput = { type: 'issue_certificate', number, ...(input.itemCode ? { itemCode: input.itemCode } : {}) };
			const { row, state } = await caseService.applyEventInTx(tx, db, actor, input.caseId, event, now);
			const issued = state.certificates.find((c) => c.number === number);
			if (!issued) throw new Error('the transition did not record the certificate');
			const catalog = await catalogService.version(db, row.intake.catalogVersion, tx);
			const key = await certificateKeyService.activeKey(tx, township, suite, now);
			const facts: CertificateFacts = {
				certificateNumber: number,
				caseNumber: row.caseNumber,
				itemCode: issued.itemCode,
				itemName: certificateTitle(
					catalog.items.find((i) => i.code === issued.itemCode),
					issued.itemCode
				),
				holderName: row.intake.applicant.name,
				holderIdMasked: maskResidentId(row.intake.applicant.idNumber),
				issuedOn,
				townshipName: (await certificateRepository.orgUnitName(tx, township)) ?? township,
				keyId: key.keyId,
				suite: key.suite
			};
			const id = uuidv7();
			await certificateRepository.insert(tx, {
				id,
				caseId: row.id,
				itemCode: issued.itemCode,
				certificateNumber: number,
				facts,
				payload: signCertificatePayload(facts, key.privateKey),
				keyId: key.keyId,
				suite: key.suite,
				issuedBy: actor.id,
				issuedAt: now
			});
			return id;
		});
		const [summary] = await summarise(db, [await this.get(db, actor, id)]);
		return summary!;
	},

	async get(db: Db, actor: Actor, certificateId: string): Promise<CertificateRow> {
		const row = await certificateRepository.findById(db, certificateId);
		if (!row || !inTownship(actor, row.certificateNumber)) throw new DomainError('NOT_FOUND', `certificate ${certificateId} not found`);
		return row;
	},

	/** The certificates issued on a China calendar day (default today) in the actor's township. */
	async list(db: Db, actor: Actor, date: string): Promise<IssuedCertificate[]> {
		const { from, to } = chinaDay(date);
		const rows = await certificateRepository.issuedBetween(db, from, to);
		return summarise(
			db,
			rows.filter((r) => inTownship(actor, r.certificateNumber))
		);
	},

	/** 补打: records a reprint with its reason; the returned print id unlocks one more PDF download. */
	async reprint(db: Db, actor: Actor, input: { certificateId: string; reason: string }, now: Date): Promise<{ printId: string }> {
		const row = await this.get(db, actor, input.certificateId);
		if (row.revokedAt) throw new DomainError('CONFLICT', `certificate ${row.certificateNumber} is revoked and cannot be printed`);
		const printId = uuidv7();
		await db.transaction(async (tx) => {
			await certificateRepository.insertPrint(tx, { id: printId, certificateId: row.id, printedBy: actor.id, printedAt: now, reason: input.reason });
			await appendAudit(
				tx,
				{ action: 'certificate.reprint', subject: row.id, actorId: actor.id, deviceId: actor.deviceId, details: { certificateNumber: row.certificateNumber, reason: input.reason } },
				now
			);
		});
		return { printId };
	},

	/**
	 * The PDF route asks before rendering: the first print needs no reason and is recorded here;
	 * later ones must come with the id of a reprint recorded (with its reason) by `reprint`.
	 */
	async authorisePrint(db: Db, actor: Actor, certificateIds: string[], printId: string | undefined, now: Date): Promise<CertificateRow[]> {
		return db.transaction(async (tx) => {
			const rows: CertificateRow[] = [];
			for (const id of certificateIds) {
				const row = await certificateRepository.findByIdForUpdate(tx, id);
				if (!row || !inTownship(actor, row.certificateNumber)) throw new DomainError('NOT_FOUND', `certificate ${id} not found`);
				if (row.revokedAt) throw new DomainError('CONFLICT', `certificate ${row.certificateNumber} is revoked and cannot be printed`);
				const prints = await certificateRepository.printsOf(tx, [id]);
				if (printId !== undefined) {
					if (!prints.some((p) => p.id === printId)) throw new DomainError('NOT_FOUND', `print ${printId} is not a print of certificate ${row.certificateNumber}`);
				} else if (prints.length > 0) {
					throw new DomainError('CONFLICT', `certificate ${row.certificateNumber} was already printed: a reprint needs a reason`);
				} else {
					await certificateRepository.insertPrint(tx, { id: uuidv7(), certificateId: id, printedBy: actor.id, printedAt: now, reason: null });
				}
				await appendAudit(
					tx,
					{ action: 'certificate.print', subject: row.id, actorId: actor.id, deviceId: actor.deviceId, details: { certificateNumber: row.certificateNumber, reprintId: printId ?? null } },
					now
				);
				rows.push(row);
			}
			return rows;
		});
	},

	/** The day's certificates that were never printed (a batch is everyone's first print). */
	async unprintedOn(db: Db, actor: Actor, date: string): Promise<string[]> {
		const { from, to } = chinaDay(date);
		const rows = (await certificateRepository.issuedBetween(db, from, to)).filter((r) => inTownship(actor, r.certificateNumber) && !r.revokedAt);
		const prints = await certificateRepository.printsOf(
			db,
			rows.map((r) => r.id)
		);
		return rows.filter((r) => !prints.some((p) => p.certificateId === r.id)).map((r) => r.id);
	},

	async revoke(db: Db, actor: Actor, input: { certificateId: string; reason: string }, now: Date): Promise<IssuedCertificate> {
		if (!hasRole(actor, 'supervisor')) throw new DomainError('FORBIDDEN', 'only a supervisor may revoke a certificate');
		await db.transaction(async (tx) => {
			const row = await certificateRepository.findByIdForUpdate(tx, input.certificateId);
			if (!row || !inTownship(actor, row.certificateNumber)) throw new DomainError('NOT_FOUND', `certificate ${input.certificateId} not found`);
			if (row.revokedAt) throw new DomainError('CONFLICT', `certificate ${row.certificateNumber} is already revoked`);
			await certificateRepository.revoke(tx, row.id, { revokedAt: now, revokedBy: actor.id, revokeReason: input.reason });
			await appendAudit(
				tx,
				{ action: 'certificate.revoke', subject: row.id, actorId: actor.id, deviceId: actor.deviceId, details: { certificateNumber: row.certificateNumber, reason: input.reason } },
				now
			);
		});
		const [summary] = await summarise(db, [await this.get(db, actor, input.certificateId)]);
		return summary!;
	},

	/** Public verification: the signature against the published keys, then this server's revocations. */
	async verify(db: Db, payload: string): Promise<VerifyOutcome> {
		const outcome = verifyCertificatePayload(payload, await certificateKeyService.publishedKeys(db));
		if (outcome.status !== 'valid') return outcome;
		const row = await certificateRepository.findByNumber(db, outcome.facts.certificateNumber);
		return row?.revokedAt ? { status: 'revoked', facts: outcome.facts } : outcome;
	},

	/** What the delivery dialog needs: the applicant's choice and the grid workers who cover the village. */
	async deliveryOptions(db: Db, actor: Actor, caseId: string) {
		const row = await caseRepository.findById(db, caseId);
		if (!row || !canSeeCaseOf(actor, row.villageCode)) throw new DomainError('NOT_FOUND', `case ${caseId} not found`);
		const gridCode = row.intake.applicant.gridCode ?? null;
		const covering = (await certificateRepository.gridWorkers(db)).filter((w) => coversVillage(w.scope, row.villageCode));
		const preselected = covering.find((w) => gridCode !== null && w.scope.gridCodes.includes(gridCode)) ?? covering[0];
		return {
			caseId: row.id,
			caseNumber: row.caseNumber,
			status: row.status,
			choice: row.intake.delivery.method,
			address: row.intake.delivery.address ?? row.intake.applicant.address,
			gridWorkers: covering.map((w) => ({ id: w.id, displayName: w.displayName, gridCodes: w.scope.gridCodes, preselected: w.id === preselected?.id }))
		};
	},

	async assignDelivery(db: Db, actor: Actor, input: DeliveryAssignmentInput, now: Date): Promise<{ caseId: string; status: string }> {
		let event: CaseEventInput;
		switch (input.method) {
			case 'grid_delivery': {
				const row = await caseRepository.findById(db, input.caseId);
				if (!row || !canSeeCaseOf(actor, row.villageCode)) throw new DomainError('NOT_FOUND', `case ${input.caseId} not found`);
				const worker = (await certificateRepository.gridWorkers(db)).find((w) => w.id === input.gridWorkerId);
				if (!worker || !coversVillage(worker.scope, row.villageCode)) {
					throw new DomainError('VALIDATION', `the chosen grid worker does not cover village ${row.villageCode}`);
				}
				event = { type: 'assign_delivery', gridWorkerId: worker.id };
				break;
			}
			case 'station_pickup':
			case 'township_window':
				event = { type: 'ready_for_pickup', place: input.method };
				break;
			case 'mail':
				event = { type: 'mail', trackingNumber: input.trackingNumber };
				break;
		}
		const detail = await caseService.applyEvent(db, actor, input.caseId, event, now);
		return { caseId: input.caseId, status: detail.case.status };
	}
};

function coversVillage(scope: { villageCodes: string[]; gridCodes: string[] }, villageCode: string): boolean {
	return scope.villageCodes.includes(villageCode) || scope.gridCodes.some((g) => g.startsWith(villageCode));
}
