import { createServer, connect, type Server, type Socket } from 'node:net';
import { Agent, createServer as createHttpServer, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startThrottleProxy, type ThrottleProxy } from './throttle-proxy';
import type { LinkProfile } from './link/profiles';

/**
 * One PATCH through a fresh keep-alive agent. fetch()'s global pool could hand this request a
 * socket left from an earlier test's proxy, closed under it, and fail it at random.
 */
function patch(url: string, body: Buffer, offset: string): Promise<string> {
	const agent = new Agent({ keepAlive: true });
	return new Promise<string>((resolve, reject) => {
		const req = httpRequest(url, { method: 'PATCH', agent, headers: { 'upload-offset': offset, 'content-length': body.length } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (text += d));
			res.on('end', () => resolve(text));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	}).finally(() => agent.destroy());
}

/** A fast link so the tests take well under a second (the shape, not the speed, is tested). */
const FAST: LinkProfile = { name: 'test', downBitsPerSecond: 8_000_000, upBitsPerSecond: 4_000_000, rttMs: 20, lossRate: 0 };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return address.port;
}

/** An echo server that answers every byte with itself twice (so down = 2 × up). */
async function doublingEcho(): Promise<number> {
	return listen(createServer((s) => s.on('data', (d: Buffer) => s.write(Buffer.concat([d, d]))).on('error', () => {})));
}

async function proxyTo(port: number, profile: LinkProfile = FAST, extra: { random?: () => number } = {}): Promise<ThrottleProxy> {
	const proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port }, profile, ...extra });
	closers.push(() => proxy.close());
	return proxy;
}

/** Sends `payload` and reads until `expected` bytes came back (bounded). */
function exchange(port: number, payload: Buffer, expected: number): Promise<{ received: Buffer; ms: number }> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const socket: Socket = connect(port, '127.0.0.1');
		const parts: Buffer[] = [];
		let total = 0;
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`only ${total} of ${expected} bytes came back`));
		}, 10_000);
		socket.on('data', (d: Buffer) => {
			parts.push(d);
			total += d.length;
			if (total >= expected) {
				clearTimeout(timer);
				socket.end();
				resolve({ received: Buffer.concat(parts), ms: performance.now() - started });
			}
		});
		socket.on('error', reject);
		socket.write(payload);
	});
}

const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256));

describe('throttle proxy on a real loopback socket', () => {
	it('counts every byte in each direction and delivers them intact and in order', async () => {
		const proxy = await proxyTo(await doublingEcho());
		const payload = pattern(100_000);
		const { received } = await exchange(proxy.port, payload, 200_000);
		await proxy.idle();
		expect(proxy.stats().upBytes).toBe(100_000);
		expect(proxy.stats().downBytes).toBe(200_000);
		expect(proxy.stats().connections).toBe(1);
		expect(proxy.stats().retransmittedBytes).toBe(0);
		// The echo doubles each chunk it got; undoubling gives back the payload, byte for byte.
		expect(received.length).toBe(200_000);
		const sum = (b: Buffer) => b.reduce((a, x) => a + x, 0);
		expect(sum(received)).toBe(2 * sum(payload));
	});

	it('never delivers faster than the bucket allows (a lower bound, not a speed target)', async () => {
		const slow: LinkProfile = { ...FAST, upBitsPerSecond: 800_000 }; // 100,000 B/s up
		const proxy = await proxyTo(await doublingEcho(), slow);
		const { ms } = await exchange(proxy.port, pattern(50_000), 100_000);
		// 16 KiB may go at once (the burst); the other 33,616 bytes need ≥ 336 ms, plus RTT for the handshake.
		expect(ms).toBeGreaterThanOrEqual(((50_000 - 16 * 1024) / 100_000) * 1000 + slow.rttMs);
	});

	it('counts lost segments as retransmitted bytes, on top of the delivered ones', async () => {
		let n = 0;
		// Every 4th segment is lost: deterministic, so the count is exact.
		const proxy = await proxyTo(await doublingEcho(), { ...FAST, lossRate: 0.5 }, { random: () => (n++ % 4 === 0 ? 0 : 0.9) });
		await exchange(proxy.port, pattern(1460 * 8), 1460 * 16);
		await proxy.idle();
		const s = proxy.stats();
		expect(s.upBytes).toBe(1460 * 8);
		expect(s.downBytes).toBe(1460 * 16);
		expect(s.retransmittedBytes % 1460).toBe(0);
		expect(s.retransmittedBytes).toBeGreaterThan(0);
		expect(s.retransmittedBytes).toBeLessThan(s.upBytes + s.downBytes);
	});

	it('sniffs HTTP requests and how much of each body reached the server; dropAll cuts them', async () => {
		let got = 0;
		const http = createHttpServer((req, res) => {
			req.on('data', (d: Buffer) => (got += d.length));
			req.on('end', () => res.end('ok'));
		});
		const proxy = await proxyTo(await listen(http), { ...FAST, upBitsPerSecond: 400_000 }); // 50 kB/s
		expect(await patch(`${proxy.url}/files/a`, pattern(2000), '0')).toBe('ok');
		// A 200 kB body at 50 kB/s takes 4 s: cut it after the first part went through.
		const cut = patch(`${proxy.url}/files/a`, pattern(200_000), '2000').then(
			() => 'answered',
			() => 'cut'
		);
		const deadline = Date.now() + 5_000;
		while ((proxy.requests()[1]?.deliveredBodyBytes ?? 0) < 20_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		// fetch may have opened a second connection for the second request: every open one is cut.
		const dropped = proxy.dropAll();
		expect(dropped).toBeGreaterThanOrEqual(1);
		expect(await cut).toBe('cut');
		const [first, second] = proxy.requests();
		expect(first).toMatchObject({ method: 'PATCH', target: '/files/a', bodyBytes: 2000, deliveredBodyBytes: 2000 });
		expect(first?.headers['upload-offset']).toBe('0');
		expect(second?.bodyBytes).toBe(200_000);
		expect(second?.deliveredBodyBytes).toBeGreaterThanOrEqual(20_000);
		expect(second?.deliveredBodyBytes).toBeLessThan(200_000);
		expect(proxy.stats().droppedConnections).toBe(dropped);
		// What the server read is exactly what the proxy says it delivered.
		const deadline2 = Date.now() + 2_000;
		while (got < 2000 + (second?.deliveredBodyBytes ?? 0) && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 10));
		expect(got).toBe(2000 + (second?.deliveredBodyBytes ?? 0));
	});
});
