import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { certificateKeys, certificatePrints, certificateSequences, certificates, orgUnits, users } from '../db/schema';
import type { CryptoSuiteName } from '../../../src/lib/domain/crypto';

export type CertificateKeyRow = typeof certificateKeys.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type CertificatePrintRow = typeof certificatePrints.$inferSelect;

export const certificateRepository = {
	async activeKey(db: DbOrTx, townshipCode: string, suite: CryptoSuiteName): Promise<CertificateKeyRow | undefined> {
		const [row] = await db
			.select()
			.from(certificateKeys)
			.where(and(eq(certificateKeys.townshipCode, townshipCode), eq(certificateKeys.suite, suite), isNull(certificateKeys.retiredAt)))
			.limit(1);
		return row;
	},
	/** Inserts unless another active key of the township and suite won the race. */
	async insertKeyIfNoneActive(db: DbOrTx, row: typeof certificateKeys.$inferInsert): Promise<void> {
		await db.insert(certificateKeys).values(row).onConflictDoNothing();
	},
	/** Every key ever used (retired ones still verify their certificates). */
	async allKeys(db: DbOrTx): Promise<CertificateKeyRow[]> {
		return db.select().from(certificateKeys).orderBy(asc(certificateKeys.createdAt));
	},
	/** The next sequence for the township and year, the row locked until commit. */
	async nextSequence(tx: DbOrTx, townshipCode: string, year: number): Promise<number> {
		const [row] = await tx
			.insert(certificateSequences)
			.values({ townshipCode, year, lastSequence: 1 })
			.onConflictDoUpdate({
				target: [certificateSequences.townshipCode, certificateSequences.year],
				set: { lastSequence: sql`${certificateSequences.lastSequence} + 1` }
			})
			.returning({ value: certificateSequences.lastSequence });
		if (!row) throw new Error('certificate sequence upsert returned nothing');
		return row.value;
	},
	async insert(tx: DbOrTx, row: typeof certificates.$inferInsert): Promise<void> {
		await tx.insert(certificates).values(row);
	},
	async findById(db: DbOrTx, id: string): Promise<CertificateRow | undefined> {
		const [row] = await db.select().from(certificates).where(eq(certificates.id, id)).limit(1);
		return row;
	},
	async findByIdForUpdate(tx: DbOrTx, id: string): Promise<CertificateRow | undefined> {
		const [row] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
		return row;
	},
	async findByNumber(db: DbOrTx, certificateNumber: string): Promise<CertificateRow | undefined> {
		const [row] = await db.select().from(certificates).where(eq(certificates.certificateNumber, certificateNumber)).limit(1);
		return row;
	},
	async ofCase(db: DbOrTx, caseId: string): Promise<CertificateRow[]> {
		return db.select().from(certificates).where(eq(certificates.caseId, caseId)).orderBy(asc(certificates.issuedAt));
	},
	/** Issued in [from, to), oldest first (a day's batch prints in issue order). */
	async issuedBetween(db: DbOrTx, from: Date, to: Date): Promise<CertificateRow[]> {
		return db
			.select()
			.from(certificates)
			.where(and(gte(certificates.issuedAt, from), lt(certificates.issuedAt, to)))
			.orderBy(asc(certificates.issuedAt), asc(certificates.certificateNumber))
			.limit(1000);
	},
	async revoke(tx: DbOrTx, id: string, patch: { revokedAt: Date; revokedBy: string; revokeReason: string }): Promise<void> {
		await tx.update(certificates).set(patch).where(eq(certificates.id, id));
	},
	async insertPrint(tx: DbOrTx, row: typeof certificatePrints.$inferInsert): Promise<void> {
		await tx.insert(certificatePrints).values(row);
	},
	async printsOf(db: DbOrTx, certificateIds: string[]): Promise<CertificatePrintRow[]> {
		if (certificateIds.length === 0) return [];
		return db
			.select()
			.from(certificatePrints)
			.where(inArray(certificatePrints.certificateId, certificateIds))
			.orderBy(desc(certificatePrints.printedAt));
	},
	async townshipCodes(db: DbOrTx): Promise<string[]> {
		const rows = await db.select({ code: orgUnits.code }).from(orgUnits).where(eq(orgUnits.kind, 'township'));
		return rows.map((r) => r.code);
	},
	async orgUnitName(db: DbOrTx, code: string): Promise<string | undefined> {
		const [row] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.code, code)).limit(1);
		return row?.name;
	},
	/** Active users holding the grid worker role (few per township; the service filters by scope). */
	async gridWorkers(db: DbOrTx) {
		return db
			.select({ id: users.id, displayName: users.displayName, scope: users.scope })
			.from(users)
			.where(and(sql`${users.roles} @> '["grid_worker"]'::jsonb`, eq(users.disabled, false)))
			.orderBy(asc(users.displayName))
			.limit(500);
	}
};
