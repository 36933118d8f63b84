import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DefaultHttpStack, type HttpStack } from 'tus-js-client';
import { CHUNK_SIZE, uploadOne } from '../../src/lib/client/attachments/tus-upload';
import { createEmptyPgDatabase, freePort, spawnServerProcess, tempDir, type ServerProcessTarget } from '../fixtures/http-server';
import { killAllServers, type ExitInfo, type ServerProcess } from '../fixtures/spawn-server';
import { SESSION_COOKIE } from '../fixtures/sync-sim';

/**
 * The real server process is SIGKILLed while a photo is being uploaded over tus (no shutdown, a
 * chunk cut off in the middle), then started again on the same data. The device resumes from the
 * offset the server really stored (HEAD), sends no finished chunk again, and the stored file's
 * SHA-256 is the photo's.
 */

const SIZE = 6 * CHUNK_SIZE + 12_345;
/** The PATCH (counted from 1) during which the server dies. */
const KILL_ON_PATCH = 4;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
	await killAllServers();
	for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Patch {
	offset: number;
	bytes: number;
	status?: number;
	/** The server's offset after this chunk (Upload-Offset of a 204). */
	after?: number;
}

/** tus-js-client's own Node HTTP stack, recording each PATCH and calling `onPatch` as it leaves. */
function recordingStack(onPatch: (n: number) => void): { stack: HttpStack; patches: Patch[]; heads: number[] } {
	const inner = new DefaultHttpStack({});
	const patches: Patch[] = [];
	const heads: number[] = [];
	const stack: HttpStack = {
		getName: () => 'recording',
		createRequest(method, url) {
			const req = inner.createRequest(method, url);
			const send = req.send.bind(req);
			req.send = async (body?: Uint8Array | null) => {
				if (method === 'HEAD') {
					const res = await send(body);
					heads.push(Number(res.getHeader('Upload-Offset')));
					return res;
				}
				if (method !== 'PATCH') return send(body);
				const entry: Patch = { offset: Number(req.getHeader('Upload-Offset')), bytes: body?.byteLength ?? 0 };
				patches.push(entry);
				onPatch(patches.length);
				const res = await send(body);
				entry.status = res.getStatus();
				if (entry.status === 204) entry.after = Number(res.getHeader('Upload-Offset'));
				return res;
			};
			return req;
		}
	};
	return { stack, patches, heads };
}

async function login(origin: string): Promise<string> {
	const res = await fetch(`${origin}/trpc/auth.login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'agent.chenghu', password: 'daiban-agent-1', deviceName: 'upload kill test' }),
		signal: AbortSignal.timeout(30_000)
	});
	expect(res.status).toBe(200);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (!cookie) throw new Error('no session cookie');
	return cookie;
}

async function killMidUpload(target: Omit<ServerProcessTarget, 'port'>, attachmentsDir: string) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	let server: ServerProcess = await spawnServerProcess({ ...target, port });
	const cookie = await login(origin);

	// Random bytes that start like a JPEG (the server sniffs the type; it does not decode).
	const photo = randomBytes(SIZE);
	photo.set([0xff, 0xd8, 0xff, 0xe0], 0);
	const hash = createHash('sha256').update(photo).digest('hex');
	const source = new Blob([new Uint8Array(photo)]);

	let killed: Promise<ExitInfo> | undefined;
	const first = recordingStack((n) => {
		if (n !== KILL_ON_PATCH) return;
		const victim = server;
		// A moment after the chunk left: the server dies with part of it on the wire.
		killed = new Promise((r) => setTimeout(r, 5)).then(() => victim.kill('SIGKILL'));
	});
	let uploadUrl: string | undefined;
	const outcome = await uploadOne(
		{ hash, caseId: '019a0000-0000-7000-8000-000000000001', source, onUploadUrl: (u) => (uploadUrl = u) },
		{ baseUrl: origin, headers: { cookie }, httpStack: first.stack, retryDelays: null }
	);
	expect((await killed)?.signal).toBe('SIGKILL');
	expect(outcome.kind).toBe('failed');
	expect(uploadUrl).toBeDefined();
	const finished = first.patches.filter((p) => p.status === 204);
	expect(finished).toHaveLength(KILL_ON_PATCH - 1);
	const confirmed = Math.max(...finished.map((p) => p.after ?? 0));
	expect(confirmed).toBe((KILL_ON_PATCH - 1) * CHUNK_SIZE);

	// Restarted on the same data (a stale lock to take over); the device resumes its stored URL.
	server = await spawnServerProcess({ ...target, port });
	const resumed = recordingStack(() => {});
	const again = await uploadOne(
		{ hash, caseId: '019a0000-0000-7000-8000-000000000001', source, uploadUrl },
		{ baseUrl: origin, headers: { cookie: await login(origin) }, httpStack: resumed.stack, retryDelays: null }
	);
	expect(again).toEqual({ kind: 'uploaded' });
	// It asked the server where it stood, and went on from exactly there.
	const stored = resumed.heads[0] ?? -1;
	expect(stored).toBeGreaterThanOrEqual(confirmed);
	expect(resumed.patches[0]?.offset).toBe(stored);
	// No finished chunk sent again: every resumed byte lies beyond what the server had confirmed.
	expect(resumed.patches.every((p) => p.offset >= confirmed)).toBe(true);
	const resent = resumed.patches.reduce((n, p) => n + p.bytes, 0);
	expect(resent).toBe(SIZE - stored);

	const file = await readFile(join(attachmentsDir, hash.slice(0, 2), hash.slice(2, 4), hash));
	expect(file.length).toBe(SIZE);
	expect(createHash('sha256').update(file).digest('hex')).toBe(hash);
	expect((await server.kill('SIGTERM')).code).toBe(0);
}

describe('a tus upload across a server killed mid-chunk', () => {
	it('PGlite: resumes from the stored offset after the restart, file byte-identical', async () => {
		const dir = tempDir('upload-kill');
		cleanups.push(() => dir.remove());
		await killMidUpload({ dataDir: dir.path }, join(dir.path, 'attachments'));
	}, 90_000);

	it.skipIf(!process.env.DAIBAN_TEST_PG_URL)(
		'PostgreSQL: resumes from the stored offset after the restart, file byte-identical',
		async () => {
			const database = await createEmptyPgDatabase(process.env.DAIBAN_TEST_PG_URL ?? '');
			cleanups.push(() => database.drop());
			const files = tempDir('upload-kill-files');
			cleanups.push(() => files.remove());
			await killMidUpload({ databaseUrl: database.url, attachmentsDir: files.path }, files.path);
		},
		90_000
	);
});
