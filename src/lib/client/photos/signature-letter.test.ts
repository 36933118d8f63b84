import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { createDraft, saveDraft } from '../cases/intake';
import { loadCaseDocuments } from '../cases/intake-documents';
import { storePhoto } from '../attachments/store-photo';
import { seedCatalog } from '$lib/domain/catalog/seed';
import { caseIntakeSchema } from '$lib/domain/case/case.schema';
import { computeResidentIdCheckChar } from '$lib/domain/ids';
import type { PrintableDocument } from '$lib/domain/documents';
import { unlockForTest } from '../lock/test-keys';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const first17 = '36012119820412004';
const options = { statusQueryUrl: 'https://daiban.example.gov.cn/status' };
const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], { type: 'image/png' });

const letterOf = (docs: PrintableDocument[]) => docs.find((d) => d.kind === 'commitment_letter');

/** The signature captured on the pad reaches the printed commitment letter (告知承诺书). */
describe('the applicant’s signature on the commitment letter', () => {
	let db: DaibanDb;
	beforeEach(async () => {
		db = new DaibanDb(`test-${uuidv7()}`);
		await db.catalogs.put({ version: seedCatalog.version, catalog: seedCatalog, receivedAt: new Date().toISOString() });
	});
	afterEach(async () => {
		await db.delete();
	});

	async function residencePermitCase(signed: boolean) {
		const item = seedCatalog.items.find((i) => i.code === 'GA-JZZ-001')!;
		const draft = await createDraft(
			db,
			{
				itemCodes: [item.code],
				catalogVersion: seedCatalog.version,
				villageCode: '360121100201',
				deviceTag: 'A1B',
				materials: item.materials.map((m) => ({ itemCode: item.code, materialId: m.id }))
			},
			new Date('2026-03-02T01:00:00Z')
		);
		const intake = structuredClone(draft.intake);
		intake.applicant = { name: '周玉华', idNumber: first17 + computeResidentIdCheckChar(first17), phone: '13907917788', address: '澄湖村二组8号' };
		for (const m of intake.materials) if (m.materialId === 'residence_proof') m.replacedByCommitment = true;
		if (signed) intake.signatureHash = (await storePhoto(db, draft.id, png)).hash;
		await saveDraft(db, intake, new Date('2026-03-02T01:05:00Z'));
		// As submitted: the schema keeps the hash.
		expect(caseIntakeSchema.parse(intake).signatureHash).toBe(intake.signatureHash);
		await db.cases.update(draft.id, { status: 'submitted' });
		return draft.id;
	}

	it('prints the stored PNG as the applicant’s signature', async () => {
		const id = await residencePermitCase(true);
		const loaded = await loadCaseDocuments(db, id, { displayName: '陈代办' }, options);
		expect(loaded.kind).toBe('ready');
		const letter = loaded.kind === 'ready' ? letterOf(loaded.documents) : undefined;
		expect(letter?.signatures[0]?.imageDataUrl).toBe(`data:image/png;base64,${Buffer.from(await png.arrayBuffer()).toString('base64')}`);
	});

	it('leaves a blank line for a pen when there is no signature, or its image is not on the device', async () => {
		const unsigned = await residencePermitCase(false);
		const a = await loadCaseDocuments(db, unsigned, { displayName: '陈代办' }, options);
		expect(a.kind === 'ready' && letterOf(a.documents)?.signatures[0]?.imageDataUrl).toBeUndefined();

		const signed = await residencePermitCase(true);
		await db.attachments.clear();
		const b = await loadCaseDocuments(db, signed, { displayName: '陈代办' }, options);
		expect(b.kind === 'ready' && letterOf(b.documents)?.signatures[0]?.imageDataUrl).toBeUndefined();
	});

	it('refuses a signature hash that is not a SHA-256', () => {
		const base = { signatureHash: 'not-a-hash' };
		expect(caseIntakeSchema.shape.signatureHash.safeParse(base.signatureHash).success).toBe(false);
		expect(caseIntakeSchema.shape.signatureHash.safeParse(undefined).success).toBe(true);
	});
});
