import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaibanDb } from '../db/db';
import { recentItemCodes } from './recent-items';
import { makeIntake } from '../../../../tests/fixtures/cases';
import { unlockForTest } from '../lock/test-keys';
import { putCase } from '../vault/case-vault';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

let db: DaibanDb;
beforeEach(() => {
	db = new DaibanDb(`recent-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

async function add(itemCodes: string[], updatedAt: string, bundleCode?: string) {
	const intake = makeIntake({ itemCodes, bundleCode });
	await putCase(db, { id: intake.id, caseNumber: intake.caseNumber, status: 'draft', intake, syncState: 'local', updatedAt });
}

describe('recentItemCodes', () => {
	it('lists distinct items newest first, skips bundles, and stops at the limit', async () => {
		await add(['A'], '2026-11-01T00:00:00Z');
		await add(['B'], '2026-11-03T00:00:00Z');
		await add(['A'], '2026-11-04T00:00:00Z');
		await add(['C', 'D'], '2026-11-05T00:00:00Z', 'BUNDLE');
		await add(['E'], '2026-11-02T00:00:00Z');
		expect(await recentItemCodes(db)).toEqual(['A', 'B', 'E']);
		expect(await recentItemCodes(db, 2)).toEqual(['A', 'B']);
	});
});
