import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsAttachmentStore } from './fs-attachment-store';
import { HashMismatchError } from './attachment-store';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
	return Buffer.concat(parts);
}

describe('FsAttachmentStore', () => {
	let root: string;
	let store: FsAttachmentStore;
	beforeEach(async () => {
		root = await mkdtemp(join(tmpdir(), 'daiban-store-'));
		store = await FsAttachmentStore.open(root);
	});
	afterEach(async () => {
		await rm(root, { recursive: true, force: true });
	});

	it('puts bytes under their hash in aa/bb/<hash>, and gets and has them', async () => {
		const bytes = Buffer.from('a photo of a household register');
		const hash = sha256(bytes);
		expect(await store.has(hash)).toBe(false);
		expect(await store.get(hash)).toBeNull();

		expect(await store.put(hash, Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]))).toEqual({ size: bytes.length, created: true });
		expect(await store.has(hash)).toBe(true);
		expect(await readFile(join(root, hash.slice(0, 2), hash.slice(2, 4), hash))).toEqual(bytes);
		const got = await store.get(hash);
		expect(got?.size).toBe(bytes.length);
		expect(await readAll(got!.open())).toEqual(bytes);
	});

	it('stores the same bytes once, however often they are put', async () => {
		const bytes = new Uint8Array([1, 2, 3, 4]);
		const hash = sha256(bytes);
		const [a, b] = await Promise.all([store.put(hash, bytes), store.put(hash, bytes)]);
		expect(a.size).toBe(4);
		expect(b.size).toBe(4);
		expect((await store.put(hash, bytes)).created).toBe(false);
		expect(await readdir(join(root, hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
		expect(await readdir(join(root, '.tmp'))).toEqual([]);
	});

	it('verifies the hash while writing and stores nothing on a mismatch', async () => {
		const bytes = Buffer.from('the real bytes');
		const declared = sha256(Buffer.from('other bytes'));
		const err = await store.put(declared, bytes).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(HashMismatchError);
		expect((err as HashMismatchError).actual).toBe(sha256(bytes));
		expect(await store.has(declared)).toBe(false);
		expect(await readdir(join(root, '.tmp'))).toEqual([]);
		expect((await readdir(root)).filter((d) => !d.startsWith('.'))).toEqual([]);
	});

	it('refuses anything but a SHA-256 hex name, so no input reaches outside the root', async () => {
		await expect(store.has('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
		await expect(store.put('A'.repeat(64), new Uint8Array([1]))).rejects.toThrow(/not a SHA-256/);
		await expect(store.get(`${'a'.repeat(63)}/`)).rejects.toThrow(/not a SHA-256/);
	});

	it('deletes', async () => {
		const bytes = new Uint8Array([9, 9, 9]);
		const hash = sha256(bytes);
		await store.put(hash, bytes);
		await store.delete(hash);
		expect(await store.has(hash)).toBe(false);
		await store.delete(hash);
	});
});
