import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb, type LocalCase } from '../db/db';
import { groupCounts, queryCases, SEARCH_CAP } from './case-query';
import { caseNumberTokens } from './search-tokens';
import { putCase, sealCase } from '../vault/case-vault';
import { queryToken } from '../vault/case-tokens';
import { formatCaseNumber } from '$lib/domain/case/case-number';
import { computeResidentIdCheckChar } from '$lib/domain/ids';
import type { CaseStatus } from '$lib/domain/case/status';
import { unlockForTest } from '../lock/test-keys';

const STATUSES: CaseStatus[] = ['draft', 'submitted', 'received', 'correction_requested', 'under_review', 'completed', 'not_accepted'];
const SURNAMES = ['王', '李', '张', '刘', '陈'];

function idFor(i: number): string {
	const first17 = `3601211950010${String(i % 10000).padStart(4, '0')}`;
	return first17 + computeResidentIdCheckChar(first17);
}

function makeCase(i: number): LocalCase {
	const id = uuidv7();
	const caseNumber = formatCaseNumber({ villageCode: '360121100201', date: '2026-11-23', deviceTag: 'A1B', sequence: i + 1 });
	const status = STATUSES[i % STATUSES.length]!;
	return {
		id,
		caseNumber,
		status,
		syncState: status === 'draft' ? 'local' : status === 'submitted' ? 'sent' : 'received',
		updatedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
		intake: {
			id,
			caseNumber,
			itemCodes: ['WJ-LNYD-001'],
			catalogVersion: 1,
			villageCode: '360121100201',
			applicant: { name: `${SURNAMES[i % SURNAMES.length]}桂${i}`, idNumber: idFor(i), phone: '13607911234', address: '' },
			form: {},
			materials: [],
			delivery: { method: 'station_pickup' },
			trips: 1,
			createdAt: '2026-11-01T00:00:00.000Z'
		}
	};
}

describe('my cases: groups and search through indexes', () => {
	const db = new DaibanDb(`test-${uuidv7()}`);
	const N = 5000;
	const all = Array.from({ length: N }, (_, i) => makeCase(i));

	beforeAll(async () => {
		await unlockForTest();
		await db.cases.bulkAdd(await Promise.all(all.map(sealCase)));
	}, 120_000);
	afterAll(async () => {
		await db.delete();
	});

	it('stores the case number tokens in clear and the personal ones only blind; a new write replaces them', async () => {
		const target = all[42]!;
		const stored = (await db.cases.get(target.id))!;
		expect(stored.search).toEqual(expect.arrayContaining(caseNumberTokens(target.caseNumber)));
		expect(stored.search).toContain(await queryToken(target.intake.applicant.name));
		expect(stored.search).toContain(await queryToken(idFor(42).slice(-4)));
		// No clear name, ID ending, phone or ID number anywhere in the stored record.
		const text = JSON.stringify(stored, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
		for (const secret of [target.intake.applicant.name, idFor(42), idFor(42).slice(-4), target.intake.applicant.phone]) expect(text).not.toContain(secret);
		await putCase(db, { ...target, intake: { ...target.intake, applicant: { ...target.intake.applicant, name: '欧阳改名' } } });
		expect((await db.cases.get(target.id))!.search).toContain(await queryToken('欧阳改名'));
		await putCase(db, target);
		expect((await db.cases.get(target.id))!.search).not.toContain(await queryToken('欧阳改名'));
	});

	it('pages a group newest first and counts it from the index', async () => {
		const started = performance.now();
		const res = await queryCases(db, { group: 'in_progress', search: '', limit: 50 });
		const elapsed = performance.now() - started;
		const expected = all.filter((c) => ['received', 'under_review'].includes(c.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
		expect(res.total).toBe(expected.length);
		expect(res.cases.map((c) => c.id)).toEqual(expected.slice(0, 50).map((c) => c.id));
		// Reads two pages of 50 from the index, never the 5,000 records (fake-indexeddb is slow; a browser far faster).
		expect(elapsed).toBeLessThan(2000);

		const counts = await groupCounts(db);
		expect(counts.all).toBe(N);
		expect(counts.drafts).toBe(all.filter((c) => c.status === 'draft').length);
		expect(counts.waiting).toBe(all.filter((c) => c.syncState === 'sent').length);
		expect(counts.done).toBe(all.filter((c) => ['completed', 'not_accepted'].includes(c.status)).length);
	});

	it('finds a case by a part of its number, by name or given name, by ID last 4, within a group', async () => {
		const target = all[1234]!;
		const bySequence = await queryCases(db, { group: 'all', search: '1235', limit: 50 });
		expect(bySequence.cases.map((c) => c.id)).toContain(target.id);
		expect((await queryCases(db, { group: 'all', search: target.caseNumber.toLowerCase(), limit: 50 })).cases.map((c) => c.id)).toEqual([target.id]);
		expect((await queryCases(db, { group: 'all', search: target.intake.applicant.name, limit: 50 })).cases.map((c) => c.id)).toEqual([target.id]);
		expect((await queryCases(db, { group: 'all', search: '桂1234', limit: 50 })).cases.map((c) => c.id)).toEqual([target.id]);
		const byId = await queryCases(db, { group: 'all', search: idFor(1234).slice(-4), limit: 50 });
		expect(byId.cases.map((c) => c.id)).toContain(target.id);
		const wrongGroup = await queryCases(db, { group: 'drafts', search: target.intake.applicant.name, limit: 50 });
		expect(wrongGroup.total).toBe(target.status === 'draft' ? 1 : 0);

		const broad = await queryCases(db, { group: 'all', search: '王', limit: 20 });
		expect(broad.cases).toHaveLength(20);
		expect(broad.total).toBe(N / SURNAMES.length);
		expect(broad.truncated).toBe(N / SURNAMES.length >= SEARCH_CAP);
	});
});
