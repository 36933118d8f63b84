import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DaibanDb } from '../db/db';
import { AttachmentError, caseAttachmentState, MAX_ATTACHMENT_BYTES, storePhoto } from './store-photo';
import { openPhoto } from '../vault/attachment-vault';
import { unlockForTest } from '../lock/test-keys';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

const jpeg = (...rest: number[]) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...rest])], { type: 'image/jpeg' });

describe('storePhoto', () => {
	let db: DaibanDb;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
	});
	afterEach(async () => {
		await db.delete();
	});

	it('keeps the Blob sealed under the SHA-256 of its plain bytes, pending upload', async () => {
		const caseId = uuidv7();
		const photo = jpeg(1, 2, 3);
		const stored = await storePhoto(db, caseId, photo, () => new Date('2026-11-23T08:00:00Z'));
		const expected = createHash('sha256').update(new Uint8Array(await photo.arrayBuffer())).digest('hex');
		expect(stored).toEqual({ hash: expected, size: 7, created: true });

		const record = await db.attachments.get(expected);
		expect(record).toMatchObject({ caseId, size: 7, type: 'image/jpeg', state: 'pending', createdAt: '2026-11-23T08:00:00.000Z' });
		expect(record?.blob).toBeInstanceOf(Blob);
		// At rest only the sealed bytes (version ‖ IV ‖ ciphertext ‖ tag); opened, the photo itself.
		expect(record?.sealed).toBe(true);
		expect(record!.blob.size).toBe(1 + 12 + 7 + 16);
		expect(new Uint8Array(await record!.blob.arrayBuffer())).not.toEqual(new Uint8Array(await photo.arrayBuffer()));
		expect(new Uint8Array(await (await openPhoto(record!)).arrayBuffer())).toEqual(new Uint8Array(await photo.arrayBuffer()));
		expect(await db.attachments.where('state').equals('pending').count()).toBe(1);
	});

	it('stores identical bytes once, whatever Blob or case they come with', async () => {
		const first = await storePhoto(db, uuidv7(), jpeg(9, 9));
		const again = await storePhoto(db, uuidv7(), new File([await jpeg(9, 9).arrayBuffer()], 'same.jpg'));
		const other = await storePhoto(db, uuidv7(), jpeg(9, 8));
		expect(again).toEqual({ ...first, created: false });
		expect(other.hash).not.toBe(first.hash);
		expect(await db.attachments.count()).toBe(2);
		// Concurrent calls with the same bytes (a double tap) also end with one record.
		const raced = await Promise.all([storePhoto(db, uuidv7(), jpeg(7)), storePhoto(db, uuidv7(), jpeg(7))]);
		expect(raced.filter((r) => r.created)).toHaveLength(1);
		expect(await db.attachments.count()).toBe(3);
	});

	it('refuses empty files and files over the server limit', async () => {
		await expect(storePhoto(db, uuidv7(), new Blob([]))).rejects.toMatchObject({ code: 'EMPTY' });
		const huge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)]);
		await expect(storePhoto(db, uuidv7(), huge)).rejects.toBeInstanceOf(AttachmentError);
		expect(await db.attachments.count()).toBe(0);
	});

	it('tells how a case’s attachments stand on the device', async () => {
		const a = await storePhoto(db, uuidv7(), jpeg(1));
		const b = await storePhoto(db, uuidv7(), jpeg(2));
		const c = await storePhoto(db, uuidv7(), jpeg(3));
		await db.attachments.update(a.hash, { state: 'uploaded' });
		await db.attachments.update(c.hash, { state: 'quarantined', quarantined: { code: 'HASH_MISMATCH', reason: 'x', at: 'now' } });
		const state = await caseAttachmentState(db, { materials: [{ attachmentHashes: [a.hash, b.hash] }, { attachmentHashes: [c.hash, a.hash, 'f'.repeat(64)] }] });
		expect(state.total).toBe(4);
		expect(state.uploaded).toBe(1);
		expect(state.pending).toBe(1);
		expect(state.quarantined.map((q) => q.hash)).toEqual([c.hash]);
		expect(state.elsewhere).toBe(1);
	});
});
