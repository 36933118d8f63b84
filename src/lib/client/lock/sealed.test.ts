import { afterEach, describe, expect, it } from 'vitest';
import { blindToken, decryptBytes, decryptJson, dropDataKey, encryptBytes, encryptJson, holdDataKey } from './data-key';
import { IV_BYTES } from './params';
import { SEALED_VERSION, seal, unseal } from './sealed';
import { testKeys } from './test-keys';

const hmacKey = async () => (await testKeys()).indexKey;

const aesKey = (extractable = false) => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sealed messages (AES-GCM, version ‖ IV ‖ ciphertext)', () => {
	it('round-trips bytes, with the documented layout', async () => {
		const key = await aesKey();
		const plain = new TextEncoder().encode('王桂兰 360121195603150021');
		const sealed = await seal(key, plain);
		expect(sealed[0]).toBe(SEALED_VERSION);
		expect(sealed.length).toBe(1 + IV_BYTES + plain.length + 16);
		expect(await unseal(key, sealed)).toEqual(plain);
	});

	it('uses a fresh IV per message: the same text never gives the same bytes', async () => {
		const key = await aesKey();
		const a = await seal(key, bytes(1, 2, 3));
		const b = await seal(key, bytes(1, 2, 3));
		expect(a.subarray(1, 1 + IV_BYTES)).not.toEqual(b.subarray(1, 1 + IV_BYTES));
		expect(a).not.toEqual(b);
	});

	it('refuses a message with any one byte changed: version, IV, ciphertext or tag', async () => {
		const key = await aesKey();
		const sealed = await seal(key, bytes(10, 20, 30, 40), 'case:1');
		for (const index of [0, 1, IV_BYTES, 1 + IV_BYTES, sealed.length - 1]) {
			const tampered = sealed.slice();
			tampered[index]! ^= 0x01;
			await expect(unseal(key, tampered, 'case:1'), `byte ${index}`).rejects.toMatchObject({ name: 'LockError' });
		}
		await expect(unseal(key, sealed.subarray(0, 20), 'case:1')).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
	});

	it('refuses the wrong key and the wrong additional data', async () => {
		const sealed = await seal(await aesKey(), bytes(1), 'case:1:applicant');
		await expect(unseal(await aesKey(), sealed, 'case:1:applicant')).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
		const key = await aesKey();
		const other = await seal(key, bytes(1), 'case:1:applicant');
		await expect(unseal(key, other, 'case:2:applicant')).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
		await expect(unseal(key, other)).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
	});
});

describe('the data-key API (the key held in memory while unlocked)', () => {
	afterEach(() => dropDataKey());

	it('encrypts and decrypts bytes and JSON with the held key', async () => {
		holdDataKey(await aesKey(), await hmacKey());
		const photo = crypto.getRandomValues(new Uint8Array(4096));
		expect(await decryptBytes(await encryptBytes(photo, 'photo:abc'), 'photo:abc')).toEqual(photo);
		const applicant = { name: '刘春梅', idNumber: '36012119700815003X', phone: '13907915678' };
		const sealed = await encryptJson(applicant, 'case:7:applicant');
		expect(new TextDecoder().decode(sealed)).not.toContain('刘春梅');
		expect(await decryptJson(sealed, 'case:7:applicant')).toEqual(applicant);
	});

	it('refuses to work while locked, and refuses an extractable key', async () => {
		await expect(encryptBytes(bytes(1))).rejects.toMatchObject({ code: 'LOCKED' });
		holdDataKey(await aesKey(), await hmacKey());
		const sealed = await encryptBytes(bytes(1));
		dropDataKey();
		await expect(decryptBytes(sealed)).rejects.toMatchObject({ code: 'LOCKED' });
		const extractable = await aesKey(true);
		const hmac = await hmacKey();
		expect(() => holdDataKey(extractable, hmac)).toThrow(/non-extractable/);
	});

	it('gives blind-index tokens: equal for equal text under one key, unrelated under another, none while locked', async () => {
		await expect(blindToken('王桂兰')).rejects.toMatchObject({ code: 'LOCKED' });
		const key = await aesKey();
		const first = await hmacKey();
		holdDataKey(key, first);
		const token = await blindToken('王桂兰');
		expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(await blindToken('王桂兰')).toBe(token);
		expect(await blindToken('王桂')).not.toBe(token);
		holdDataKey(key, await hmacKey());
		expect(await blindToken('王桂兰')).not.toBe(token);
	});

	it('does not open data sealed under another key', async () => {
		holdDataKey(await aesKey(), await hmacKey());
		const sealed = await encryptJson({ a: 1 });
		holdDataKey(await aesKey(), await hmacKey());
		await expect(decryptJson(sealed)).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
	});
});
