import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { createDraft, saveDraft } from '../cases/intake';
import { MAX_ATTACHMENT_BYTES, storePhoto } from '../attachments/store-photo';
import { addMaterialPhoto, attachmentDataUrl, blobToDataUrl, photoBlobs, releasePhoto } from './material-photos';
import type { CompressedPhoto } from './compress-photo';
import { unlockForTest } from '../lock/test-keys';
import { getCase } from '../vault/case-vault';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const jpeg = (...bytes: number[]) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...bytes])], { type: 'image/jpeg' });
/** Stands in for the canvas work, which Node cannot do (the real thing is tested in Playwright). */
const shrinkTo = (out: Blob, recompressed = true) => async (): Promise<CompressedPhoto> => ({ blob: out, width: 1600, height: 1066, recompressed });

describe('material photos', () => {
	let db: DaibanDb;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
	});
	afterEach(async () => {
		await db.delete();
	});

	async function draftWith(hashes: string[]) {
		const d = await createDraft(
			db,
			{ itemCodes: ['GA-JZZ-001'], catalogVersion: 1, villageCode: '360121100201', deviceTag: 'A1B', materials: [{ itemCode: 'GA-JZZ-001', materialId: 'id_card' }] },
			new Date('2026-03-02T01:00:00Z')
		);
		const intake = structuredClone(d.intake);
		intake.materials[0]!.attachmentHashes = hashes;
		await saveDraft(db, intake, new Date('2026-03-02T01:01:00Z'));
		return d.id;
	}

	it('stores only the compressed photo unless the original is to be kept', async () => {
		const original = jpeg(...new Array(500).fill(7));
		const small = jpeg(1, 2, 3);
		const added = await addMaterialPhoto(db, uuidv7(), original, { keepOriginal: false, compress: shrinkTo(small) });
		expect(added.hashes).toHaveLength(1);
		expect(added.originalTooLarge).toBe(false);
		expect((await db.attachments.get(added.hashes[0]!))?.size).toBe(small.size);
		expect(await db.attachments.count()).toBe(1);

		const kept = await addMaterialPhoto(db, uuidv7(), original, { keepOriginal: true, compress: shrinkTo(small) });
		expect(kept.hashes[0]).toBe(added.hashes[0]);
		expect((await db.attachments.get(kept.hashes[1]!))?.size).toBe(original.size);
		expect(await db.attachments.count()).toBe(2);
	});

	it('keeps no second copy when the photo was small enough to store as it is', async () => {
		const photo = jpeg(4, 5, 6);
		const added = await addMaterialPhoto(db, uuidv7(), photo, { keepOriginal: true, compress: shrinkTo(photo, false) });
		expect(added.hashes).toHaveLength(1);
	});

	it('says so when the original is over the server’s limit, and keeps the compressed copy', async () => {
		const huge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], { type: 'image/png' });
		const added = await addMaterialPhoto(db, uuidv7(), huge, { keepOriginal: true, compress: shrinkTo(jpeg(9)) });
		expect(added).toMatchObject({ originalTooLarge: true });
		expect(added.hashes).toHaveLength(1);
	});

	it('frees a removed photo only when no other case lists it', async () => {
		const shared = await storePhoto(db, uuidv7(), jpeg(1));
		const own = await storePhoto(db, uuidv7(), jpeg(2));
		const current = await draftWith([shared.hash, own.hash]);
		await draftWith([shared.hash]);
		expect(await releasePhoto(db, shared.hash, current)).toBe(false);
		// The current draft still lists it in IndexedDB (autosave pending), which does not hold it back.
		expect(await releasePhoto(db, own.hash, current)).toBe(true);
		expect(await db.attachments.get(own.hash)).toBeUndefined();
		expect(await db.attachments.get(shared.hash)).toBeDefined();
		expect([...(await photoBlobs(db, [shared.hash, own.hash])).keys()]).toEqual([shared.hash]);
	});

	it('keeps a signature that another case uses', async () => {
		const signature = await storePhoto(db, uuidv7(), new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }));
		const other = await draftWith([]);
		const record = (await getCase(db, other))!;
		await saveDraft(db, { ...record.intake, signatureHash: signature.hash }, new Date());
		expect(await releasePhoto(db, signature.hash, uuidv7())).toBe(false);
	});

	it('turns a stored image into a data: URL for the printed letter', async () => {
		const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])], { type: 'image/png' });
		const stored = await storePhoto(db, uuidv7(), png);
		expect(await attachmentDataUrl(db, stored.hash)).toBe('data:image/png;base64,iVBORw0K');
		expect(await attachmentDataUrl(db, undefined)).toBeUndefined();
		expect(await attachmentDataUrl(db, 'f'.repeat(64))).toBeUndefined();
		// Large enough to need several slices, and still exact.
		const big = new Uint8Array(200_000).map((_, i) => i % 251);
		const url = await blobToDataUrl(new Blob([big], { type: 'image/jpeg' }));
		expect(Buffer.from(url.slice('data:image/jpeg;base64,'.length), 'base64').equals(Buffer.from(big))).toBe(true);
	});
});
