import { createServer, connect, type Server, type Socket } from 'node:net';
import { TokenBucket } from './link/token-bucket';
import { HttpRequestSniffer, type SniffedRequest } from './link/http-sniffer';
import type { LinkProfile } from './link/profiles';

/**
 * A TCP proxy on loopback that behaves like a rural mobile link between a device and the server.
 *
 * - Bandwidth: one token bucket per direction, shared by all connections (the device has one
 *   radio link, however many sockets the browser opens).
 * - Latency: every piece of data arrives RTT/2 after it left the link; a new connection carries
 *   no data before one RTT has passed (the TCP handshake).
 * - Loss: each segment is lost with `lossRate`; a lost segment costs its bytes again and one RTT
 *   of waiting (what a fast retransmit costs TCP). Those bytes are counted apart.
 * - Drops: `dropAll()` cuts every open connection at once, losing what was in flight.
 * - Back-pressure: a connection stops reading from its sender when more than `windowBytes` wait
 *   in the link, as TCP's window would, so a sender cannot finish "instantly" into our buffer.
 *
 * Bytes are counted as they are delivered: application bytes (TCP payload); IP/TCP headers are
 * not part of any figure, for us or the peer.
 */
export interface ThrottleProxyOptions {
	target: { host: string; port: number };
	profile: LinkProfile;
	/** Size of the pieces data is scheduled in (also the unit of loss). Default 1460 (one TCP segment). */
	segmentBytes?: number;
	/** Bytes a connection may have in flight per direction before its sender is paused. Default 64 KiB. */
	windowBytes?: number;
	/** Bucket size: bytes an idle link may send at once. Default 16 KiB. */
	burstBytes?: number;
	/** Random source for losses (tests pass a deterministic one). */
	random?: () => number;
	/** Parse client → server HTTP/1.1 requests (method, target, body delivered). Default true. */
	sniffHttp?: boolean;
}

export interface ProxyStats {
	/** Client → server bytes delivered. */
	upBytes: number;
	/** Server → client bytes delivered. */
	downBytes: number;
	/** Bytes sent a second time because their segment was "lost" (both directions). */
	retransmittedBytes: number;
	connections: number;
	droppedConnections: number;
}

export interface ThrottleProxy {
	readonly port: number;
	readonly url: string;
	stats(): ProxyStats;
	/** Requests seen so far, in order (with how much of each body reached the server). */
	requests(): readonly SniffedRequest[];
	/** Zeroes the counters and forgets the requests (open connections keep running). */
	reset(): void;
	/** Changes the link from now on (the setup runs on a fast link, the measurement on a slow one). */
	setProfile(profile: LinkProfile): void;
	/** Cuts every open connection now; returns how many were cut. */
	dropAll(): number;
	/** Waits until nothing is scheduled on the link (bounded). */
	idle(timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

interface Direction {
	bucket: TokenBucket;
	oneWayDelayMs: number;
}

export async function startThrottleProxy(options: ThrottleProxyOptions): Promise<ThrottleProxy> {
	const { target } = options;
	let profile = options.profile;
	const segmentBytes = options.segmentBytes ?? 1460;
	const windowBytes = options.windowBytes ?? 64 * 1024;
	const burstBytes = options.burstBytes ?? 16 * 1024;
	const random = options.random ?? Math.random;
	const sniffHttp = options.sniffHttp ?? true;
	const now = () => performance.now();
	const up: Direction = { bucket: new TokenBucket(1, 0, 0), oneWayDelayMs: 0 };
	const down: Direction = { bucket: new TokenBucket(1, 0, 0), oneWayDelayMs: 0 };
	const applyProfile = (p: LinkProfile) => {
		profile = p;
		up.bucket = new TokenBucket(p.upBitsPerSecond / 8, burstBytes, now());
		up.oneWayDelayMs = p.rttMs / 2;
		down.bucket = new TokenBucket(p.downBitsPerSecond / 8, burstBytes, now());
		down.oneWayDelayMs = p.rttMs / 2;
	};
	applyProfile(profile);

	let stats: ProxyStats = { upBytes: 0, downBytes: 0, retransmittedBytes: 0, connections: 0, droppedConnections: 0 };
	let requests: SniffedRequest[] = [];
	const open = new Set<{ client: Socket; server: Socket; dead: boolean }>();
	let scheduled = 0;
	let nextConnectionId = 1;

	/** Moves bytes from `from` to `to` through the link direction `dir`; `count` tallies delivery. */
	function pipeThrough(
		conn: { dead: boolean },
		from: Socket,
		to: Socket,
		dir: Direction,
		notBefore: number,
		count: (chunk: Buffer) => void
	) {
		let inFlight = 0;
		let lastDelivery = notBefore;
		let ended = false;
		const maybeEnd = () => {
			if (ended && inFlight === 0 && !conn.dead) to.end();
		};
		from.on('data', (chunk: Buffer) => {
			for (let offset = 0; offset < chunk.length; offset += segmentBytes) {
				const piece = chunk.subarray(offset, Math.min(chunk.length, offset + segmentBytes));
				let sentAt = dir.bucket.reserve(piece.length, Math.max(now(), notBefore));
				if (random() < profile.lossRate) {
					// Lost: noticed about one RTT later, then the segment crosses the link again.
					stats.retransmittedBytes += piece.length;
					sentAt = dir.bucket.reserve(piece.length, sentAt + profile.rttMs);
				}
				// TCP delivers in order: a segment never overtakes an earlier one of its connection.
				lastDelivery = Math.max(lastDelivery, sentAt + dir.oneWayDelayMs);
				inFlight += piece.length;
				scheduled++;
				const copy = Buffer.from(piece);
				setTimeout(() => {
					scheduled--;
					inFlight -= copy.length;
					if (conn.dead) return;
					count(copy);
					to.write(copy);
					if (inFlight < windowBytes && from.isPaused()) from.resume();
					maybeEnd();
				}, Math.max(0, lastDelivery - now()));
			}
			if (inFlight >= windowBytes) from.pause();
		});
		from.on('end', () => {
			ended = true;
			maybeEnd();
		});
	}

	const server: Server = createServer((client) => {
		stats.connections++;
		const connectionId = nextConnectionId++;
		const upstream = connect(target.port, target.host);
		const conn = { client, server: upstream, dead: false };
		open.add(conn);
		const kill = () => {
			if (conn.dead) return;
			conn.dead = true;
			open.delete(conn);
			client.destroy();
			upstream.destroy();
		};
		client.on('error', kill).on('close', kill);
		upstream.on('error', kill).on('close', kill);
		// The handshake: the first byte may leave one RTT after the connection was opened.
		const handshakeDone = now() + profile.rttMs;
		const sniffer = sniffHttp ? new HttpRequestSniffer(connectionId, (r) => requests.push(r)) : undefined;
		pipeThrough(conn, client, upstream, up, handshakeDone, (chunk) => {
			stats.upBytes += chunk.length;
			if (sniffer && !sniffer.gaveUp) sniffer.feed(chunk);
		});
		pipeThrough(conn, upstream, client, down, handshakeDone, (chunk) => {
			stats.downBytes += chunk.length;
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the proxy has no TCP address');

	return {
		port: address.port,
		url: `http://127.0.0.1:${address.port}`,
		stats: () => ({ ...stats }),
		requests: () => requests,
		setProfile: applyProfile,
		reset() {
			stats = { upBytes: 0, downBytes: 0, retransmittedBytes: 0, connections: 0, droppedConnections: 0 };
			requests = [];
		},
		dropAll() {
			const conns = [...open];
			for (const c of conns) {
				c.dead = true;
				open.delete(c);
				c.client.destroy();
				c.server.destroy();
			}
			stats.droppedConnections += conns.length;
			return conns.length;
		},
		async idle(timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			while (scheduled > 0) {
				if (Date.now() > deadline) throw new Error(`the link still had ${scheduled} pieces scheduled after ${timeoutMs} ms`);
				await new Promise((r) => setTimeout(r, 20));
			}
		},
		close() {
			for (const c of open) {
				c.dead = true;
				c.client.destroy();
				c.server.destroy();
			}
			open.clear();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
