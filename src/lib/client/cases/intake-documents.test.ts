import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaibanDb, type LocalCase } from '../db/db';
import {
	caseDocuments,
	intakeDocumentInput,
	loadCaseDocuments,
	promisedDate,
	stationName,
	statusQueryUrl
} from './intake-documents';
import { seedCatalog } from '$lib/domain/catalog/seed';
import type { CaseStatus } from '$lib/domain/case/status';
import type { CaseIntake } from '$lib/domain/case/case.schema';
import { computeResidentIdCheckChar } from '$lib/domain/ids';
import { formatCaseNumber } from '$lib/domain/case/case-number';
import { unlockForTest } from '../lock/test-keys';
import { putCase } from '../vault/case-vault';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const first17 = '36012119560315002';
const idNumber = first17 + computeResidentIdCheckChar(first17);
const agent = { displayName: '陈代办' };
const options = { statusQueryUrl: 'https://daiban.example.gov.cn/status' };

/** A case on the device for the seed items given, every material entry laid out as createDraft does. */
function localCase(itemCodes: string[], status: CaseStatus, extra: Partial<CaseIntake> = {}): LocalCase {
	const items = seedCatalog.items.filter((i) => itemCodes.includes(i.code));
	const intake: CaseIntake = {
		id: '0190a6f0-0000-7000-8000-000000000001',
		caseNumber: formatCaseNumber({ villageCode: '360121100201', date: '2025-03-04', deviceTag: 'A1B', sequence: 1 }),
		itemCodes,
		catalogVersion: seedCatalog.version,
		villageCode: '360121100201',
		applicant: { name: '王桂兰', idNumber, phone: '13907911234', address: '澄湖村三组12号' },
		form: {},
		materials: items.flatMap((i) =>
			i.materials.map((m) => ({ itemCode: i.code, materialId: m.id, received: false, checkedPoints: [], replacedByCommitment: false, attachmentHashes: [] }))
		),
		delivery: { method: 'station_pickup' },
		trips: 1,
		createdAt: '2025-03-04T02:30:00.000Z',
		...extra
	};
	return { id: intake.id, caseNumber: intake.caseNumber, status, intake, syncState: 'local', updatedAt: intake.createdAt };
}

/** 居住证核发: commitment allowed, the residence proof replaceable. */
function residencePermit(status: CaseStatus): LocalCase {
	const record = localCase(['GA-JZZ-001'], status);
	for (const m of record.intake.materials) {
		if (m.materialId === 'id_card') m.received = true;
		if (m.materialId === 'residence_proof') m.replacedByCommitment = true;
	}
	return record;
}

describe('intakeDocumentInput', () => {
	it('fills in the station, the agent, the masked ID and the status page, and no date before acceptance', () => {
		const record = residencePermit('submitted');
		const input = intakeDocumentInput(record, seedCatalog, agent, options);
		expect(input.stationName).toBe('村级便民服务站（360121100201）');
		expect(input.stationName).toBe(stationName(record.intake.villageCode));
		expect(input.agentName).toBe('陈代办');
		expect(input.maskedIdNumber).toBe(`3601${'*'.repeat(10)}${idNumber.slice(-4)}`);
		expect(input.promisedDate).toBeNull();
		expect(input.statusQueryUrl).toBe('https://daiban.example.gov.cn/status');
		expect(input.signatureDataUrl).toBeUndefined();
		expect(input.bundle).toBeUndefined();
		expect(input.items.map((i) => i.code)).toEqual(['GA-JZZ-001']);
	});

	it('passes the bundle a case was filed under, and refuses a bundle the catalog lacks', () => {
		const codes = ['RS-ZGYL-001', 'YB-ZGYB-001'];
		const input = intakeDocumentInput(localCase(codes, 'submitted', { bundleCode: 'YJS-TX-001' }), seedCatalog, agent, options);
		expect(input.bundle).toMatchObject({ code: 'YJS-TX-001', name: '退休一件事', promisedLimitDays: 10 });
		expect(input.items.map((i) => i.code).sort()).toEqual([...codes].sort());
		expect(() => intakeDocumentInput(localCase(codes, 'submitted', { bundleCode: 'YJS-NONE' }), seedCatalog, agent, options)).toThrow(/YJS-NONE/);
	});
});

describe('promisedDate', () => {
	it('is null until the acceptance day is known, then the promised limit in working days after it', () => {
		const record = residencePermit('accepted');
		expect(promisedDate(record, seedCatalog)).toBeNull();
		// 居住证核发 promises 7 working days; from Tuesday 2025-03-04: 5,6,7,10,11,12,13.
		expect(promisedDate(record, seedCatalog, '2025-03-04')).toBe('2025-03-13');
	});

	it('uses the bundle limit for a bundle', () => {
		const record = localCase(['RS-ZGYL-001', 'YB-ZGYB-001'], 'accepted', { bundleCode: 'YJS-TX-001' });
		expect(promisedDate(record, seedCatalog, '2025-03-04')).toBe('2025-03-18');
	});
});

describe('statusQueryUrl', () => {
	it('is the status page of the origin', () => {
		expect(statusQueryUrl('http://127.0.0.1:4319')).toBe('http://127.0.0.1:4319/status');
		expect(statusQueryUrl('https://daiban.example.gov.cn/')).toBe('https://daiban.example.gov.cn/status');
	});
});

describe('caseDocuments', () => {
	const kinds = (record: LocalCase) => caseDocuments(record, intakeDocumentInput(record, seedCatalog, agent, options)).map((d) => d.kind);

	it('prints the four slips and the commitment letter for a submitted commitment case', () => {
		expect(kinds(residencePermit('submitted'))).toEqual(['one_time_notification', 'review_points', 'receipt_notice', 'receipt_archive', 'commitment_letter']);
	});

	it('prints four slips when no commitment stands in for a material', () => {
		expect(kinds(localCase(['WJ-LNYD-001'], 'submitted'))).toEqual(['one_time_notification', 'review_points', 'receipt_notice', 'receipt_archive']);
	});

	it('previews only the one-time notification for a draft, even a half-typed one', () => {
		expect(kinds(residencePermit('draft'))).toEqual(['one_time_notification']);
		const blank = localCase(['GA-JZZ-001'], 'draft');
		blank.intake.applicant = { name: '', idNumber: '3601211956', phone: '', address: '' };
		expect(kinds(blank)).toEqual(['one_time_notification']);
	});

	it('never prints the full ID number', () => {
		const record = residencePermit('submitted');
		const text = JSON.stringify(caseDocuments(record, intakeDocumentInput(record, seedCatalog, agent, options)));
		expect(text).not.toContain(idNumber);
		expect(text).toContain(record.caseNumber);
	});
});

describe('loadCaseDocuments', () => {
	let db: DaibanDb | undefined;
	afterEach(async () => {
		await db?.delete();
		db = undefined;
	});

	it('reads the case and its catalog version from IndexedDB', async () => {
		db = new DaibanDb(`intake-documents-${crypto.randomUUID()}`);
		const record = residencePermit('submitted');
		await putCase(db, record);

		expect(await loadCaseDocuments(db, 'no-such-case', agent, options)).toEqual({ kind: 'not_found' });
		expect(await loadCaseDocuments(db, record.id, agent, options)).toMatchObject({ kind: 'catalog_missing' });

		await db.catalogs.add({ version: seedCatalog.version, catalog: seedCatalog, receivedAt: record.intake.createdAt });
		const loaded = await loadCaseDocuments(db, record.id, agent, options);
		expect(loaded.kind).toBe('ready');
		if (loaded.kind !== 'ready') return;
		expect(loaded.preview).toBe(false);
		expect(loaded.documents).toHaveLength(5);
		expect(loaded.record.caseNumber).toBe(record.caseNumber);
	});
});
