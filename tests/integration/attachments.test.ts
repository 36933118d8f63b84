import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Upload } from '@tus/server';
import { DefaultHttpStack, type HttpStack } from 'tus-js-client';
import { uuidv7 } from 'uuidv7';
import { buildApp, SESSION_COOKIE } from '../../server/src/http';
import { authService } from '../../server/src/services/auth.service';
import { attachmentRepository } from '../../server/src/repositories/attachment.repository';
import { demoUsers } from '../../server/src/seed/demo-county';
import { CHUNK_SIZE, uploadOne, type TusTransport, type UploadOutcome } from '../../src/lib/client/attachments/tus-upload';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const JPEG_MAGIC = [0xff, 0xd8, 0xff, 0xe0];

/** A Blob of a copy of the bytes (a Blob takes only ArrayBuffer-backed views). */
const blobOf = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

/** Random bytes that start like a JPEG: the server sniffs the type, it does not decode images. */
function jpegBytes(size: number): Buffer {
	const bytes = randomBytes(size);
	bytes.set(JPEG_MAGIC, 0);
	return bytes;
}

interface Wire {
	/** Every PATCH sent: the offset it claimed and the bytes in its body. */
	patches: { offset: number; bytes: number; status?: number }[];
	readonly bytes: number;
}

/** tus-js-client's own Node HTTP stack, counting the body bytes of every PATCH it sends. */
function countingStack(): { stack: HttpStack; wire: Wire } {
	const inner = new DefaultHttpStack({});
	const wire: Wire = {
		patches: [],
		get bytes() {
			return this.patches.reduce((n, p) => n + p.bytes, 0);
		}
	};
	const stack: HttpStack = {
		getName: () => 'counting',
		createRequest(method, url) {
			const req = inner.createRequest(method, url);
			const send = req.send.bind(req);
			req.send = async (body?: Uint8Array | null) => {
				if (method !== 'PATCH') return send(body);
				const entry: Wire['patches'][number] = { offset: Number(req.getHeader('Upload-Offset')), bytes: body?.byteLength ?? 0 };
				wire.patches.push(entry);
				const res = await send(body);
				entry.status = res.getStatus();
				return res;
			};
			return req;
		}
	};
	return { stack, wire };
}

async function readAll(stream: Readable): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
	return Buffer.concat(parts);
}

describe(`attachments over tus (${testDbKind})`, () => {
	let app: TestApp;
	let http: FastifyInstance;
	let baseUrl: string;
	const cookies = new Map<string, string>();

	async function login(username: string): Promise<string> {
		const user = demoUsers.find((u) => u.username === username);
		if (!user) throw new Error(`no demo user ${username}`);
		const res = await authService.login(app.db, { username, password: user.password, deviceName: 'test' }, new Date(), 1);
		return `${SESSION_COOKIE}=${res.token}`;
	}
	const cookieOf = (username: string) => cookies.get(username) ?? '';
	const transport = (username: string, stack?: HttpStack): TusTransport => ({
		baseUrl,
		headers: { cookie: cookieOf(username) },
		httpStack: stack,
		retryDelays: [0, 100, 300]
	});
	const upload = (username: string, bytes: Uint8Array, opts: { hash?: string; stack?: HttpStack; caseId?: string } = {}) =>
		uploadOne({ hash: opts.hash ?? sha256(bytes), caseId: opts.caseId ?? uuidv7(), source: blobOf(bytes) }, transport(username, opts.stack));

	async function storedObjects(): Promise<string[]> {
		const found: string[] = [];
		for (const a of await readdir(app.attachmentsDir)) {
			if (a.startsWith('.')) continue;
			for (const b of await readdir(join(app.attachmentsDir, a))) found.push(...(await readdir(join(app.attachmentsDir, a, b))));
		}
		return found;
	}
	/** Files of unfinished uploads of this content (the upload and its .json info). */
	const partialFiles = async (hash: string) => (await readdir(join(app.attachmentsDir, '.partial'))).filter((f) => f.startsWith(hash));

	async function pushCase(username: string, hashes: string[], villageCode = '360121100201') {
		const intake = makeIntake({}, villageCode);
		const [first, ...rest] = intake.materials;
		if (!first) throw new Error('the seed item has no materials');
		intake.materials = [{ ...first, attachmentHashes: hashes }, ...rest];
		const caller = await app.callerFor(username);
		const res = await caller.sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: uuidv7(),
			mutations: [{ id: 1, name: 'case.submit', args: intake, createdAt: intake.createdAt }]
		});
		expect(res.results[0]?.status).toBe('applied');
		return intake;
	}

	beforeAll(async () => {
		app = await createTestApp();
		http = await buildApp({ services: app.services, logLevel: 'error' });
		await http.listen({ host: '127.0.0.1', port: 0 });
		baseUrl = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
		for (const u of ['agent.chenghu', 'agent.lianxi', 'grid.chenghu', 'intake']) cookies.set(u, await login(u));
	});
	afterAll(async () => {
		await http?.close();
		await app?.close();
	});

	it('uploads 1.5 MB in 256 KB chunks, resumes after a drop from the server’s offset, and sends about one copy', async () => {
		const bytes = jpegBytes(1.5 * 1024 * 1024);
		const hash = sha256(bytes);
		const caseId = uuidv7();
		const { stack, wire } = countingStack();

		// First attempt: the link drops after two chunks were stored.
		let url: string | undefined;
		let chunks = 0;
		const drop = new AbortController();
		const first = await uploadOne(
			{
				hash,
				caseId,
				source: blobOf(bytes),
				signal: drop.signal,
				onUploadUrl: (u) => (url = u),
				onChunkComplete: () => {
					if (++chunks === 2) drop.abort();
				}
			},
			transport('agent.chenghu', stack)
		);
		expect(first).toEqual({ kind: 'aborted' });
		expect(url).toMatch(new RegExp(`/uploads/${hash}-[0-9a-f-]{36}$`));
		const head = await fetch(url!, { method: 'HEAD', headers: { cookie: cookieOf('agent.chenghu'), 'Tus-Resumable': '1.0.0' } });
		expect(head.status).toBe(200);
		expect(head.headers.get('upload-offset')).toBe(String(2 * CHUNK_SIZE));
		expect(head.headers.get('upload-length')).toBe(String(bytes.length));
		expect(await app.attachments.has(hash)).toBe(false);

		// A new Upload (a restarted tab) with the stored URL continues from the server's offset.
		const progress: number[] = [];
		const second = await uploadOne(
			{ hash, caseId, source: blobOf(bytes), uploadUrl: url, onProgress: (sent) => progress.push(sent) },
			transport('agent.chenghu', stack)
		);
		expect(second).toEqual({ kind: 'uploaded' });
		// Two PATCHes before the drop, four after it starting at the server's offset: no byte sent twice.
		expect(wire.patches.every((p) => p.bytes <= CHUNK_SIZE)).toBe(true);
		expect(wire.patches.map((p) => p.offset)).toEqual([0, 1, 2, 3, 4, 5].map((i) => i * CHUNK_SIZE));
		expect(wire.bytes).toBe(bytes.length);
		expect(progress.at(-1)).toBe(bytes.length);

		const stored = await app.attachments.get(hash);
		expect(stored?.size).toBe(bytes.length);
		expect(sha256(await readAll(stored!.open()))).toBe(hash);
		const row = await attachmentRepository.find(app.db, hash);
		expect(row).toMatchObject({ hash, size: bytes.length, mime: 'image/jpeg' });
		expect(await partialFiles(hash)).toEqual([]);
	});

	it('resumes from the last stored byte when the link drops in the middle of a chunk', async () => {
		const bytes = jpegBytes(600 * 1024);
		const hash = sha256(bytes);
		const HALF_CHUNK = CHUNK_SIZE / 2;
		const { stack: counting, wire } = countingStack();
		let patches = 0;
		// The second PATCH breaks off after part of its body (the socket is destroyed mid-send).
		const dropping: HttpStack = {
			getName: () => 'dropping',
			createRequest(method, url) {
				const req = counting.createRequest(method, url);
				if (method !== 'PATCH' || ++patches !== 2) return req;
				const send = req.send.bind(req);
				req.send = (body?: Uint8Array | null) => {
					if (!body) return send(body);
					// Announce the whole chunk, deliver half of it, then lose the connection.
					const sent = send(Object.assign(body.subarray(0, HALF_CHUNK), { size: body.byteLength }));
					setTimeout(() => (req.getUnderlyingObject() as { destroy(): void }).destroy(), 300);
					return sent;
				};
				return req;
			}
		};
		let url: string | undefined;
		const first = await uploadOne(
			{ hash, caseId: uuidv7(), source: blobOf(bytes), onUploadUrl: (u) => (url = u) },
			{ ...transport('agent.chenghu', dropping), retryDelays: null }
		);
		expect(first.kind).toBe('failed');
		const head = await fetch(url!, { method: 'HEAD', headers: { cookie: cookieOf('agent.chenghu'), 'Tus-Resumable': '1.0.0' } });
		const offset = Number(head.headers.get('upload-offset'));
		// The server kept every byte that arrived: one chunk and the half of the broken one.
		expect(offset).toBe(CHUNK_SIZE + HALF_CHUNK);

		const before = wire.patches.length;
		const second = await uploadOne({ hash, caseId: uuidv7(), source: blobOf(bytes), uploadUrl: url }, transport('agent.chenghu', counting));
		expect(second).toEqual({ kind: 'uploaded' });
		// The new Upload starts at the server's offset, not at the start of the broken chunk.
		expect(wire.patches[before]?.offset).toBe(offset);
		// Bytes on the wire over both attempts: exactly one copy (the broken PATCH carried half a chunk).
		expect(wire.bytes).toBe(bytes.length);
		const stored = await app.attachments.get(hash);
		expect(sha256(await readAll(stored!.open()))).toBe(hash);
	});

	it('finishes an upload whose bytes all arrived before the server stopped, rather than call it complete unstored', async () => {
		const bytes = jpegBytes(100 * 1024);
		const hash = sha256(bytes);
		const agent = await app.actorFor('agent.chenghu');
		const id = `${hash}-${agent.id}`;
		// The last PATCH was written, then the process died before its finish ran.
		await app.attachments.partialUploads.create(new Upload({ id, size: bytes.length, offset: 0, metadata: { sha256: hash } }));
		await app.attachments.partialUploads.write(Readable.from([bytes]), id, 0);
		expect(await app.attachments.has(hash)).toBe(false);

		const { stack, wire } = countingStack();
		const outcome = await uploadOne({ hash, caseId: uuidv7(), source: blobOf(bytes), uploadUrl: `${baseUrl}/uploads/${id}` }, transport('agent.chenghu', stack));
		expect(outcome).toEqual({ kind: 'uploaded' });
		expect(wire.patches).toEqual([]);
		expect(await app.attachments.has(hash)).toBe(true);
		expect(await attachmentRepository.find(app.db, hash)).toMatchObject({ size: bytes.length, uploadedBy: agent.id });
		expect(await partialFiles(hash)).toEqual([]);
	});

	it('refuses bytes whose SHA-256 is not the declared one, and stores nothing', async () => {
		const bytes = jpegBytes(300 * 1024);
		const declared = sha256(jpegBytes(10));
		const outcome = await upload('agent.chenghu', bytes, { hash: declared });
		expect(outcome).toMatchObject({ kind: 'refused', status: 460, code: 'HASH_MISMATCH' });
		expect((outcome as Extract<UploadOutcome, { kind: 'refused' }>).reason).toContain(sha256(bytes));
		expect(await app.attachments.has(declared)).toBe(false);
		expect(await app.attachments.has(sha256(bytes))).toBe(false);
		expect(await attachmentRepository.find(app.db, declared)).toBeUndefined();
		expect(await partialFiles(declared)).toEqual([]);
	});

	it('refuses an HTML page named .jpg by its first bytes, after the first chunk', async () => {
		const html = Buffer.from(`<!doctype html><script>alert(1)</script>${'<p>x</p>'.repeat(60_000)}`);
		const hash = sha256(html);
		const { stack, wire } = countingStack();
		const outcome = await uploadOne(
			{ hash, caseId: uuidv7(), source: new File([new Uint8Array(html)], 'id-card.jpg', { type: 'image/jpeg' }) },
			transport('agent.chenghu', stack)
		);
		expect(outcome).toMatchObject({ kind: 'refused', status: 415, code: 'UNSUPPORTED_TYPE' });
		expect((outcome as Extract<UploadOutcome, { kind: 'refused' }>).reason).toMatch(/JPEG, PNG or WebP photos and PDF/);
		expect(wire.patches).toHaveLength(1);
		expect(await app.attachments.has(hash)).toBe(false);
		expect(await attachmentRepository.find(app.db, hash)).toBeUndefined();
		expect(await partialFiles(hash)).toEqual([]);
	});

	it('limits sizes: 413 for a chunk over 1 MB or a file over 10 MB, 411 for a chunk without a length', async () => {
		const cookie = cookieOf('agent.chenghu');
		const hash = sha256(jpegBytes(8));
		const metadata = `sha256 ${Buffer.from(hash).toString('base64')}`;
		const tooBig = await fetch(`${baseUrl}/uploads/`, {
			method: 'POST',
			headers: { cookie, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(11 * 1024 * 1024), 'Upload-Metadata': metadata }
		});
		expect(tooBig.status).toBe(413);

		const created = await fetch(`${baseUrl}/uploads/`, {
			method: 'POST',
			headers: { cookie, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(3 * 1024 * 1024), 'Upload-Metadata': metadata }
		});
		expect(created.status).toBe(201);
		const location = new URL(created.headers.get('location')!, baseUrl).toString();
		const patch = await fetch(location, {
			method: 'PATCH',
			headers: { cookie, 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
			body: blobOf(jpegBytes(2 * 1024 * 1024))
		});
		expect(patch.status).toBe(413);
		const chunked = await fetch(location, {
			method: 'PATCH',
			headers: { cookie, 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
			body: blobOf(jpegBytes(1024)).stream(),
			duplex: 'half'
		} as RequestInit);
		expect(chunked.status).toBe(411);
		const head = await fetch(location, { method: 'HEAD', headers: { cookie, 'Tus-Resumable': '1.0.0' } });
		expect(head.headers.get('upload-offset')).toBe('0');
		expect((await fetch(location, { method: 'DELETE', headers: { cookie, 'Tus-Resumable': '1.0.0' } })).status).toBe(204);
	});

	it('answers 401 without a session, 403 to township roles, 404 for another user’s upload', async () => {
		const hash = sha256(jpegBytes(8));
		const metadata = `sha256 ${Buffer.from(hash).toString('base64')}`;
		const post = (cookie?: string) =>
			fetch(`${baseUrl}/uploads/`, {
				method: 'POST',
				headers: { ...(cookie ? { cookie } : {}), 'Tus-Resumable': '1.0.0', 'Upload-Length': '100', 'Upload-Metadata': metadata }
			});
		expect((await post()).status).toBe(401);
		expect((await post(`${SESSION_COOKIE}=not-a-session`)).status).toBe(401);
		expect((await fetch(`${baseUrl}/uploads/${hash}-${uuidv7()}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(401);
		expect((await fetch(`${baseUrl}/attachments/${hash}`)).status).toBe(401);
		expect((await post(cookieOf('intake'))).status).toBe(403);

		const mine = await post(cookieOf('agent.chenghu'));
		expect(mine.status).toBe(201);
		const location = new URL(mine.headers.get('location')!, baseUrl).toString();
		const theirs = await fetch(location, { method: 'HEAD', headers: { cookie: cookieOf('agent.lianxi'), 'Tus-Resumable': '1.0.0' } });
		expect(theirs.status).toBe(404);
		const noHash = await fetch(`${baseUrl}/uploads/`, {
			method: 'POST',
			headers: { cookie: cookieOf('agent.chenghu'), 'Tus-Resumable': '1.0.0', 'Upload-Length': '100' }
		});
		expect(noHash.status).toBe(400);
		expect((await fetch(location, { method: 'DELETE', headers: { cookie: cookieOf('agent.chenghu'), 'Tus-Resumable': '1.0.0' } })).status).toBe(204);
		expect(await partialFiles(hash)).toEqual([]);
	});

	it('stores the same bytes once when two users upload them at the same time, and answers complete afterwards', async () => {
		const bytes = jpegBytes(700 * 1024);
		const hash = sha256(bytes);
		const [a, b] = await Promise.all([upload('agent.chenghu', bytes), upload('grid.chenghu', bytes)]);
		expect(a).toEqual({ kind: 'uploaded' });
		expect(b).toEqual({ kind: 'uploaded' });
		expect((await storedObjects()).filter((h) => h === hash)).toHaveLength(1);
		expect(await attachmentRepository.existing(app.db, [hash])).toEqual(new Set([hash]));
		expect(await partialFiles(hash)).toEqual([]);

		// A device that did not ask `attachments.missing` first: tus reports the upload complete
		// (one refused PATCH, then HEAD says offset = length) instead of receiving it again.
		const { stack, wire } = countingStack();
		expect(await upload('agent.chenghu', bytes, { stack })).toEqual({ kind: 'uploaded' });
		expect(wire.patches.map((p) => p.status)).toEqual([409]);
		expect((await storedObjects()).filter((h) => h === hash)).toHaveLength(1);

		const agent = await app.callerFor('agent.chenghu');
		expect(await agent.attachments.missing({ hashes: [hash, sha256(jpegBytes(9))] })).toEqual({ missing: [expect.any(String)] });
	});

	it('serves an attachment only to those who may see a case referencing it, with safe headers', async () => {
		const bytes = jpegBytes(20 * 1024);
		const hash = sha256(bytes);
		expect(await upload('agent.chenghu', bytes)).toEqual({ kind: 'uploaded' });
		const intake = await pushCase('agent.chenghu', [hash]);
		const get = (username: string, query = '', headers: Record<string, string> = {}) =>
			fetch(`${baseUrl}/attachments/${hash}${query}`, { headers: { cookie: cookieOf(username), ...headers } });

		const own = await get('agent.chenghu', `?case=${intake.id}`);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-type')).toBe('image/jpeg');
		expect(own.headers.get('x-content-type-options')).toBe('nosniff');
		expect(own.headers.get('content-disposition')).toBe('inline');
		expect(own.headers.get('etag')).toBe(`"${hash}"`);
		expect(own.headers.get('cache-control')).toBe('private, no-store');
		expect(sha256(new Uint8Array(await own.arrayBuffer()))).toBe(hash);

		expect((await get('agent.chenghu')).status).toBe(200);
		expect((await get('intake')).status).toBe(200);
		expect((await get('intake', '', { 'if-none-match': `"${hash}"` })).status).toBe(304);
		expect((await get('agent.lianxi')).status).toBe(403);
		expect((await get('agent.lianxi', `?case=${intake.id}`)).status).toBe(403);
		expect((await get('agent.chenghu', `?case=${uuidv7()}`)).status).toBe(403);
		expect((await fetch(`${baseUrl}/attachments/not-a-hash`, { headers: { cookie: cookieOf('intake') } })).status).toBe(400);
	});

	it('accepts a case whose attachments arrive later, and reports them missing until they do', async () => {
		const photo = jpegBytes(40 * 1024);
		const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(30 * 1024)]);
		const intake = await pushCase('agent.chenghu', [sha256(photo), sha256(scan)]);
		const township = await app.callerFor('intake');

		const before = await township.attachments.status({ caseId: intake.id });
		expect(before).toEqual({
			caseId: intake.id,
			referenced: [sha256(photo), sha256(scan)],
			present: [],
			missing: [sha256(photo), sha256(scan)],
			complete: false
		});
		expect((await fetch(`${baseUrl}/attachments/${sha256(photo)}?case=${intake.id}`, { headers: { cookie: cookieOf('intake') } })).status).toBe(404);

		expect(await upload('agent.chenghu', photo, { caseId: intake.id })).toEqual({ kind: 'uploaded' });
		expect((await township.attachments.status({ caseId: intake.id })).missing).toEqual([sha256(scan)]);
		expect(await upload('agent.chenghu', scan, { caseId: intake.id })).toEqual({ kind: 'uploaded' });
		const after = await township.attachments.status({ caseId: intake.id });
		expect(after.complete).toBe(true);
		expect(after.present).toEqual([sha256(photo), sha256(scan)]);
		expect((await attachmentRepository.find(app.db, sha256(scan)))?.mime).toBe('application/pdf');

		const agent = await app.callerFor('agent.chenghu');
		await expect(agent.attachments.status({ caseId: intake.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(township.attachments.missing({ hashes: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(township.attachments.status({ caseId: uuidv7() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});
});
