import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import type { ApiClient } from '../trpc';
import { DaibanDb } from '../db/db';
import { storePhoto } from './store-photo';
import { CHUNK_SIZE } from './tus-upload';
import { uploadPending, type UploadProgress } from './upload-pending';
import { unlockForTest } from '../lock/test-keys';

// Personal data is sealed with the device's key: these tests run on an unlocked device.
beforeEach(unlockForTest);

/**
 * A tus server in memory, behind tus-js-client's HttpStack interface: enough of the protocol
 * (creation, HEAD, PATCH with offsets) to test what the device keeps in Dexie between rounds.
 */
class FakeTusServer implements HttpStack {
	uploads = new Map<string, { hash: string; length: number; received: number }>();
	/** Body bytes of every PATCH that reached the server. */
	patchBytes = 0;
	/** The n-th PATCH (1-based) fails as if the link dropped before it arrived. */
	dropPatch = 0;
	private patches = 0;
	refuse = new Map<string, { status: number; body: string }>();

	getName() {
		return 'fake-tus';
	}
	createRequest(method: string, url: string): HttpRequest {
		const headers: Record<string, string> = {};
		return {
			getMethod: () => method,
			getURL: () => url,
			setHeader: (name, value) => void (headers[name.toLowerCase()] = value),
			getHeader: (name) => headers[name.toLowerCase()],
			setProgressHandler: () => {},
			send: async (body?: Uint8Array | null) => this.handle(method, url, headers, body ?? null),
			abort: async () => {},
			getUnderlyingObject: () => null
		};
	}

	private handle(method: string, url: string, headers: Record<string, string>, body: Uint8Array | null): HttpResponse {
		if (method === 'POST') {
			const hash = /sha256 ([^,]+)/.exec(headers['upload-metadata'] ?? '')?.[1];
			const location = `/uploads/${this.uploads.size + 1}`;
			this.uploads.set(location, { hash: atob(hash ?? ''), length: Number(headers['upload-length']), received: 0 });
			return response(201, { Location: location });
		}
		const upload = this.uploads.get(new URL(url).pathname);
		if (!upload) return response(404);
		if (method === 'HEAD') return response(200, { 'Upload-Offset': String(upload.received), 'Upload-Length': String(upload.length) });
		if (++this.patches === this.dropPatch) throw new Error('the link dropped');
		if (Number(headers['upload-offset']) !== upload.received) return response(409);
		this.patchBytes += body?.byteLength ?? 0;
		upload.received += body?.byteLength ?? 0;
		const refusal = upload.received === upload.length ? this.refuse.get(upload.hash) : undefined;
		if (refusal) return response(refusal.status, {}, refusal.body);
		return response(204, { 'Upload-Offset': String(upload.received) });
	}
}

function response(status: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return { getStatus: () => status, getHeader: (name) => lower[name.toLowerCase()], getBody: () => body, getUnderlyingObject: () => null };
}

function fakeApi(serverHas: Set<string>): ApiClient {
	const missing = { query: async ({ hashes }: { hashes: string[] }) => ({ missing: hashes.filter((h) => !serverHas.has(h)) }) };
	return { attachments: { missing } } as unknown as ApiClient;
}

const photo = (size: number, seed: number) => {
	const bytes = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
	bytes.set([0xff, 0xd8, 0xff], 0);
	return new Blob([bytes], { type: 'image/jpeg' });
};

describe('uploadPending', () => {
	let db: DaibanDb;
	let server: FakeTusServer;
	beforeEach(() => {
		db = new DaibanDb(`test-${uuidv7()}`);
		server = new FakeTusServer();
	});
	afterEach(async () => {
		await db.delete();
	});
	const options = (serverHas = new Set<string>(), onProgress?: (p: UploadProgress) => void) => ({
		db,
		api: fakeApi(serverHas),
		baseUrl: 'http://server.test',
		httpStack: server,
		retryDelays: null,
		onProgress
	});

	it('sends only what the server lacks, and quarantines what it refuses with the reason', async () => {
		const known = await storePhoto(db, uuidv7(), photo(1000, 1));
		const fresh = await storePhoto(db, uuidv7(), photo(300 * 1024, 2));
		const wrong = await storePhoto(db, uuidv7(), photo(2000, 3));
		server.refuse.set(wrong.hash, { status: 460, body: JSON.stringify({ error: 'HASH_MISMATCH', message: 'the bytes received have another SHA-256' }) });
		const progress: UploadProgress[] = [];

		const summary = await uploadPending(options(new Set([known.hash]), (p) => progress.push(p)));
		expect(summary).toEqual({ uploaded: 1, alreadyOnServer: 1, quarantined: 1, remaining: 0 });
		expect(server.patchBytes).toBe(fresh.size + wrong.size);
		expect((await db.attachments.get(known.hash))?.state).toBe('uploaded');
		expect(await db.attachments.get(fresh.hash)).toMatchObject({ state: 'uploaded', bytesUploaded: fresh.size });
		expect((await db.attachments.get(fresh.hash))?.uploadUrl).toBeUndefined();
		expect(await db.attachments.get(wrong.hash)).toMatchObject({
			state: 'quarantined',
			quarantined: { code: 'HASH_MISMATCH', reason: 'the bytes received have another SHA-256' }
		});
		expect(progress.filter((p) => p.hash === fresh.hash).at(-1)).toMatchObject({ bytesSent: fresh.size, bytesTotal: fresh.size });
		expect(progress.at(-1)?.total).toBe(fresh.size + wrong.size);

		// Nothing is left to do: a second round sends nothing and asks nothing.
		expect(await uploadPending(options())).toEqual({ uploaded: 0, alreadyOnServer: 0, quarantined: 0, remaining: 0 });
	});

	it('keeps the upload URL in Dexie, so a later round (a restarted tab) resumes from the server’s offset', async () => {
		const big = await storePhoto(db, uuidv7(), photo(3 * CHUNK_SIZE + 100, 4), () => new Date('2026-11-23T08:00:00Z'));
		const next = await storePhoto(db, uuidv7(), photo(500, 5), () => new Date('2026-11-23T08:01:00Z'));
		server.dropPatch = 3;

		const first = await uploadPending(options());
		expect(first).toEqual({ uploaded: 0, alreadyOnServer: 0, quarantined: 0, remaining: 2 });
		const interrupted = await db.attachments.get(big.hash);
		expect(interrupted).toMatchObject({ state: 'uploading', bytesUploaded: 2 * CHUNK_SIZE });
		expect(interrupted?.uploadUrl).toBe('http://server.test/uploads/1');
		expect((await db.attachments.get(next.hash))?.state).toBe('pending');

		const second = await uploadPending(options());
		expect(second).toEqual({ uploaded: 2, alreadyOnServer: 0, quarantined: 0, remaining: 0 });
		// The same upload resource was continued, and no byte crossed the link twice.
		expect(server.uploads.get('/uploads/1')).toMatchObject({ hash: big.hash, received: big.size });
		expect(server.patchBytes).toBe(big.size + next.size);
	});

	it('starts a new upload when the server has forgotten the stored URL', async () => {
		const a = await storePhoto(db, uuidv7(), photo(700, 6));
		await db.attachments.update(a.hash, { state: 'uploading', uploadUrl: 'http://server.test/uploads/gone' });
		expect(await uploadPending(options())).toMatchObject({ uploaded: 1 });
		expect(server.patchBytes).toBe(a.size);
	});
});
