import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { uuidv7 } from 'uuidv7';
import { DaibanDb, type LocalCase } from '../db/db';
import { dropDataKey } from '../lock/data-key';
import { unlockForTest } from '../lock/test-keys';
import { caseSearchTokens } from '../cases/search-tokens';
import { queryCases } from '../cases/case-query';
import { findReturningApplicant } from '../applicants';
import { listProblems } from '../problems';
import { enqueue, pendingEntries } from '../sync/outbox';
import { storePhoto } from '../attachments/store-photo';
import { photoBlobs } from '../photos/material-photos';
import { getCase, openCase, putCase, sealCase } from './case-vault';
import { openPhoto } from './attachment-vault';
import { sealLegacyRecords } from './seal-legacy';
import { makeIntake } from '../../../../tests/fixtures/cases';
import { computeResidentIdCheckChar } from '$lib/domain/ids';

const NAME = '王桂兰';
const ID = '36012119560315002' + computeResidentIdCheckChar('36012119560315002');
const PHONE = '13907911234';
const ADDRESS = '澄湖村三组12号';

function wangCase(): LocalCase {
	const base = makeIntake();
	const intake = { ...base, applicant: { name: NAME, idNumber: ID, phone: PHONE, address: ADDRESS }, form: { householdAddress: '南昌县莲塘镇澄湖村三组12号' } };
	return { id: intake.id, caseNumber: intake.caseNumber, status: 'submitted', intake, syncState: 'sent', updatedAt: intake.createdAt };
}

/** Everything a record holds, sealed bytes decoded as text too, for "is this in clear?" checks. */
/**
 * A stored record as text to search for secrets: its clear fields as JSON, and every byte field
 * decoded as it is (not through JSON, whose \u00XX escapes of control bytes would put digits like
 * "0027" into the text by chance and fail the search for an ID ending).
 */
const asText = (value: unknown): string => {
	const bytes: string[] = [];
	const json = JSON.stringify(value, (_k, v: unknown) => {
		if (!(v instanceof Uint8Array)) return v;
		bytes.push(new TextDecoder().decode(v));
		return '<bytes>';
	});
	return [json, ...bytes].join('\n');
};
const PERSONAL = [NAME, ID, ID.slice(-4), PHONE, ADDRESS, '南昌县莲塘镇'];

let db: DaibanDb;
beforeEach(async () => {
	await unlockForTest();
	db = new DaibanDb(`vault-${uuidv7()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
	dropDataKey();
});

describe('cases at rest', () => {
	it('stores no personal field in clear and opens to the same case', async () => {
		const c = wangCase();
		await putCase(db, c);
		const stored = await db.cases.get(c.id);
		const text = asText(stored);
		for (const secret of PERSONAL) expect(text).not.toContain(secret);
		// What indexes need stays in clear.
		expect(stored).toMatchObject({ id: c.id, caseNumber: c.caseNumber, status: 'submitted', syncState: 'sent', itemCodes: c.intake.itemCodes });
		expect(await getCase(db, c.id)).toEqual(c);
	});

	it('seals with a fresh IV every time and binds the sealed part to its case', async () => {
		const c = wangCase();
		const [a, b] = [await sealCase(c), await sealCase(c)];
		expect(a.sealed).not.toEqual(b.sealed);
		// The sealed part of one case copied into another record does not open there.
		const other = await sealCase({ ...wangCase() });
		await expect(openCase({ ...other, sealed: a.sealed })).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
	});

	it('opens nothing while locked, and nothing under another key', async () => {
		const c = wangCase();
		await putCase(db, c);
		dropDataKey();
		await expect(getCase(db, c.id)).rejects.toMatchObject({ code: 'LOCKED' });
		await expect(queryCases(db, { group: 'all', search: NAME, limit: 10 })).rejects.toMatchObject({ code: 'LOCKED' });
		await unlockForTest();
		await expect(getCase(db, c.id)).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
	});

	it('finds a case by name, a prefix of it, given name, pinyin initials and ID ending; the returning applicant by ID', async () => {
		const c = wangCase();
		await putCase(db, c);
		for (const q of [NAME, '王', '王桂', '桂兰', 'wgl', 'WG', ID.slice(-4), c.caseNumber.toLowerCase()]) {
			expect((await queryCases(db, { group: 'all', search: q, limit: 10 })).cases.map((x) => x.id), q).toEqual([c.id]);
		}
		expect((await queryCases(db, { group: 'all', search: '兰', limit: 10 })).total).toBe(0);
		expect(await findReturningApplicant(db, ID)).toMatchObject({ name: NAME, phone: PHONE, caseNumber: c.caseNumber });
	});
});

describe('outbox and photos at rest', () => {
	it('seals the queued arguments and opens them for pushing', async () => {
		const c = wangCase();
		await db.transaction('rw', db.outbox, db.meta, () => enqueue(db, 'case.submit', c.intake, new Date()));
		const [stored] = await db.outbox.toArray();
		for (const secret of PERSONAL) expect(asText(stored)).not.toContain(secret);
		expect(stored).toMatchObject({ name: 'case.submit', ref: c.id });
		expect((await pendingEntries(db, 10))[0]?.args).toEqual(c.intake);
	});

	it('seals photo bytes under the hash of the plain bytes and opens them for display', async () => {
		const plain = new Uint8Array(2048).map((_, i) => (i * 7) % 256);
		const { hash } = await storePhoto(db, uuidv7(), new Blob([plain], { type: 'image/jpeg' }));
		const stored = (await db.attachments.get(hash))!;
		expect(new Uint8Array(await stored.blob.arrayBuffer())).not.toEqual(plain);
		const shown = (await photoBlobs(db, [hash])).get(hash)!;
		expect(shown.type).toBe('image/jpeg');
		expect(new Uint8Array(await shown.arrayBuffer())).toEqual(plain);
	});
});

describe('upgrade from version ≤5 (clear records)', () => {
	/** The database as version 4 defined it, written in clear as that release did. */
	async function writeVersion4(name: string, c: LocalCase, photo: Uint8Array<ArrayBuffer>, photoHash: string): Promise<void> {
		const old = new Dexie(name);
		old.version(1).stores({ cases: 'id, &caseNumber, status, syncState, updatedAt', outbox: 'id', catalogs: 'version', session: 'key', meta: 'key' });
		old.version(2).stores({ attachments: 'hash, caseId, state' });
		old.version(3).stores({ cases: 'id, &caseNumber, status, syncState, updatedAt, [status+updatedAt], [syncState+updatedAt], *search', problems: 'id, createdAt' });
		old.version(4).stores({ deviceKeys: 'id' });
		await old.table('cases').add({ ...c, search: caseSearchTokens(c) });
		await old.table('outbox').add({ id: 1, name: 'case.submit', args: c.intake, createdAt: c.intake.createdAt });
		await old.table('problems').add({ id: uuidv7(), villageCode: c.intake.villageCode, category: 'other', note: `${NAME}的低保材料无人开具`, caseNumber: null, createdAt: c.intake.createdAt, status: 'open', response: null, respondedAt: null, closedAt: null, synced: false });
		await old.table('attachments').add({ hash: photoHash, caseId: c.id, blob: new Blob([photo], { type: 'image/jpeg' }), size: photo.length, type: 'image/jpeg', state: 'pending', createdAt: c.intake.createdAt });
		old.close();
	}

	it('takes clear tokens out of the index at once; the first unlock seals everything, resumably and only once', async () => {
		const name = `vault-upgrade-${uuidv7()}`;
		const c = wangCase();
		const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
		const photoHash = 'a'.repeat(64);
		await writeVersion4(name, c, photo, photoHash);

		const upgraded = new DaibanDb(name);
		try {
			const before = (await upgraded.cases.get(c.id))!;
			// No key at upgrade time: the name and ID ending leave the index; the intake waits for the unlock.
			expect(before.search).not.toContain(NAME);
			expect(before.search).not.toContain(ID.slice(-4));
			expect(before.search).toContain(c.caseNumber);
			expect(before.refs).toEqual([]);
			// Still readable, so nothing is lost before the pass has run.
			expect(await getCase(upgraded, c.id)).toEqual(c);

			expect(await sealLegacyRecords(upgraded)).toEqual({ cases: 1, outbox: 1, attachments: 1, problems: 1 });
			const [storedCase, storedEntry, storedPhoto] = [await upgraded.cases.get(c.id), await upgraded.outbox.get(1), await upgraded.attachments.get(photoHash)];
			const storedProblems = await upgraded.problems.toArray();
			for (const secret of PERSONAL) expect(asText([storedCase, storedEntry, storedProblems])).not.toContain(secret);
			expect((await listProblems(upgraded)).problems[0]?.note).toBe(`${NAME}的低保材料无人开具`);
			expect(storedPhoto?.sealed).toBe(true);
			expect(new Uint8Array(await (await openPhoto(storedPhoto!)).arrayBuffer())).toEqual(photo);
			expect(await getCase(upgraded, c.id)).toEqual(c);
			expect((await pendingEntries(upgraded, 10))[0]).toMatchObject({ args: c.intake, ref: c.id });
			// Search works again, now through blind tokens.
			expect((await queryCases(upgraded, { group: 'all', search: '桂兰', limit: 10 })).cases.map((x) => x.id)).toEqual([c.id]);

			// Run again (the next unlock): nothing left to do, nothing sealed twice.
			expect(await sealLegacyRecords(upgraded)).toEqual({ cases: 0, outbox: 0, attachments: 0, problems: 0 });
			expect(await getCase(upgraded, c.id)).toEqual(c);
		} finally {
			upgraded.close();
			await upgraded.delete();
		}
	});

	it('resumes an interrupted pass: what was sealed stays, the rest is sealed', async () => {
		const name = `vault-resume-${uuidv7()}`;
		const c = wangCase();
		await writeVersion4(name, c, new Uint8Array([1, 2, 3]), 'b'.repeat(64));
		const upgraded = new DaibanDb(name);
		try {
			// An earlier pass got as far as the case (then the tab closed).
			await putCase(upgraded, c);
			const sealedBefore = (await upgraded.cases.get(c.id)) as { sealed: Uint8Array };
			expect(await sealLegacyRecords(upgraded)).toEqual({ cases: 0, outbox: 1, attachments: 1, problems: 1 });
			expect(((await upgraded.cases.get(c.id)) as { sealed: Uint8Array }).sealed).toEqual(sealedBefore.sealed);
		} finally {
			upgraded.close();
			await upgraded.delete();
		}
	});
});
