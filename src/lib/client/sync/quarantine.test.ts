import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaibanDb } from '../db/db';
import { discard, quarantinedEntries, returnForEditing } from './quarantine';
import { makeIntake } from '../../../../tests/fixtures/cases';
import { getCase, putCase } from '../vault/case-vault';
import { sealOutboxEntry } from '../vault/outbox-vault';
import { unlockForTest } from '../lock/test-keys';

let db: DaibanDb;
beforeEach(async () => {
	await unlockForTest();
	db = new DaibanDb(`quarantine-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

async function refusedCase(id: number) {
	const intake = makeIntake();
	await putCase(db, { id: intake.id, caseNumber: intake.caseNumber, status: 'submitted', intake, syncState: 'rejected', rejection: { code: 'FORBIDDEN', reason: 'not your village' }, updatedAt: intake.createdAt });
	await db.outbox.add(await sealOutboxEntry({ id, name: 'case.submit', args: intake, createdAt: intake.createdAt, quarantined: { code: 'FORBIDDEN', reason: 'not your village', at: intake.createdAt } }));
	return intake;
}

describe('quarantine', () => {
	it('lists only refused entries, oldest first', async () => {
		await refusedCase(3);
		await refusedCase(1);
		const ok = makeIntake();
		await db.outbox.add(await sealOutboxEntry({ id: 2, name: 'case.submit', args: ok, createdAt: ok.createdAt }));
		expect((await quarantinedEntries(db)).map((e) => e.id)).toEqual([1, 3]);
	});

	it('sends a refused case back to editing, keeping the reason, and drops its entry', async () => {
		const intake = await refusedCase(1);
		expect(await returnForEditing(db, 1, new Date())).toBe(intake.id);
		const c = await getCase(db, intake.id);
		expect(c).toMatchObject({ status: 'draft', syncState: 'local', rejection: { reason: 'not your village' } });
		expect(await db.outbox.count()).toBe(0);
	});

	it('discards a refused new case from the device', async () => {
		const intake = await refusedCase(1);
		await discard(db, 1);
		expect(await getCase(db, intake.id)).toBeUndefined();
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses to touch an entry that was not refused', async () => {
		const ok = makeIntake();
		await db.outbox.add(await sealOutboxEntry({ id: 7, name: 'case.submit', args: ok, createdAt: ok.createdAt }));
		await expect(discard(db, 7)).rejects.toThrow(/not quarantined/);
		await expect(returnForEditing(db, 7, new Date())).rejects.toThrow(/not quarantined/);
		expect(await db.outbox.count()).toBe(1);
	});
});
