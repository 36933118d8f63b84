import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type HttpServer } from '../fixtures/http-server';
import { createSimDevice, type SimDevice } from '../fixtures/sync-sim';
import { testDbKind } from '../fixtures/test-db';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';

/** A raw HTTP GET (node:http does not decompress), so the test sees the bytes on the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'GET', headers, timeout: 30_000 }, (res) => {
			const parts: Buffer[] = [];
			res.on('data', (c: Buffer) => parts.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('timed out')));
		req.on('error', reject);
		req.end();
	});
}

describe(`response compression on the real server (${testDbKind})`, () => {
	let server: HttpServer;
	let device: SimDevice;
	let cookie: string;

	beforeAll(async () => {
		server = await startTestServer();
		// A device with 30 cases on the server, so the pull has something to compress.
		device = await createSimDevice({ origins: server.url, username: 'agent.chenghu', password: 'daiban-agent-1', name: 'compress' });
		for (let i = 0; i < 30; i++) await device.takeCase();
		const res = await device.syncOnce();
		if (!res.ok) throw res.error;
		const login = await fetch(`${server.url}/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'agent.chenghu', password: 'daiban-agent-1', deviceName: 'compress-raw' }),
			signal: AbortSignal.timeout(30_000)
		});
		cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
	});
	afterAll(async () => {
		await device?.close();
		await server?.close();
	});

	const pullUrl = () => {
		const input = { protocolVersion: PROTOCOL_VERSION, clientId: device.clientId, cursor: 0, limit: 200, catalogVersion: 0 };
		return `${server.url}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify(input))}`;
	};

	it('sends a pull brotli-compressed to a client that accepts br, gzip to one that accepts only gzip, plain otherwise', async () => {
		const plain = await rawGet(pullUrl(), { cookie });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		const expected = JSON.parse(plain.body.toString('utf8')) as { result: { data: { cases: unknown[] } } };
		expect(expected.result.data.cases).toHaveLength(30);

		const br = await rawGet(pullUrl(), { cookie, 'accept-encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toMatch(/accept-encoding/i);
		expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(expected);
		// The catalog and 30 cases are repetitive JSON: it should shrink to well under half.
		expect(br.body.length).toBeLessThan(plain.body.length / 2);

		const gz = await rawGet(pullUrl(), { cookie, 'accept-encoding': 'gzip' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(expected);
	});

	it('leaves small answers alone (under 1 KB the headers cost more than they save)', async () => {
		const health = await rawGet(`${server.url}/healthz`, { 'accept-encoding': 'br, gzip' });
		expect(health.status).toBe(200);
		expect(health.headers['content-encoding']).toBeUndefined();
		expect(JSON.parse(health.body.toString('utf8'))).toEqual({ ok: true, database: 'up' });
	});
});
