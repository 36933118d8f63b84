import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb, type LocalCase } from './db/db';
import { createDraft, saveDraft } from './cases/intake';
import { findReturningApplicant } from './applicants';
import { computeResidentIdCheckChar } from '$lib/domain/ids';
import { unlockForTest } from './lock/test-keys';
import { getCase } from './vault/case-vault';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const idOf = (first17: string) => first17 + computeResidentIdCheckChar(first17);
const WANG = idOf('36012119560315002');
const LIU = idOf('36012119700815003');

describe('findReturningApplicant', () => {
	let db: DaibanDb;
	let day = 0;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
		day = 0;
	});
	afterEach(async () => {
		await db.delete();
	});

	async function caseFor(applicant: Partial<LocalCase['intake']['applicant']>, status: LocalCase['status'] = 'submitted'): Promise<LocalCase> {
		const now = new Date(Date.UTC(2026, 2, 2 + day++, 2));
		const draft = await createDraft(
			db,
			{ itemCodes: ['MZ-GLJT-001'], catalogVersion: 1, villageCode: '360121100201', deviceTag: 'A1B', materials: [] },
			now
		);
		const intake = { ...draft.intake, applicant: { ...draft.intake.applicant, ...applicant } };
		await saveDraft(db, intake, now);
		if (status !== 'draft') await db.cases.update(draft.id, { status });
		return (await getCase(db, draft.id))!;
	}

	it('offers the newest earlier case of the same ID number', async () => {
		await caseFor({ name: '王桂兰', idNumber: WANG, phone: '13907911234', address: '澄湖村三组12号' });
		const later = await caseFor({ name: '王桂兰', idNumber: WANG, phone: '13907919999', address: '澄湖村三组14号' });
		await caseFor({ name: '刘春梅', idNumber: LIU, phone: '13907915678', address: '澄湖村五组3号' });
		const found = await findReturningApplicant(db, WANG);
		expect(found).toEqual({ name: '王桂兰', phone: '13907919999', address: '澄湖村三组14号', caseNumber: later.caseNumber, updatedAt: later.updatedAt });
	});

	it('matches the number however it was typed (full-width digits, spaces, lower-case x)', async () => {
		const xId = idOf('11010519491231002');
		await caseFor({ name: '赵大山', idNumber: xId.toLowerCase(), phone: '13800000000' });
		const typed = xId.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/(.{6})/, '$1 ');
		expect((await findReturningApplicant(db, typed))?.name).toBe('赵大山');
	});

	it('leaves out the case being filled in, nameless drafts and other people', async () => {
		const current = await caseFor({ name: '王桂兰', idNumber: WANG }, 'draft');
		await caseFor({ name: '  ', idNumber: WANG }, 'draft');
		await caseFor({ name: '刘春梅', idNumber: LIU });
		expect(await findReturningApplicant(db, WANG, current.id)).toBeNull();
		expect((await findReturningApplicant(db, WANG))?.caseNumber).toBe(current.caseNumber);
	});

	it('does not look anything up for an incomplete or invalid number', async () => {
		await caseFor({ name: '王桂兰', idNumber: WANG });
		expect(await findReturningApplicant(db, WANG.slice(0, 17))).toBeNull();
		const wrongCheck = WANG.slice(0, 17) + (WANG.endsWith('1') ? '2' : '1');
		expect(await findReturningApplicant(db, wrongCheck)).toBeNull();
	});
});
