import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ERRORS, MemoryLocker, type Lock, type Locker, type RequestRelease } from '@tus/server';

/**
 * The tus locker for several server instances on one PostgreSQL database (docs/SYNC.md,
 * "Attachments"): before a request touches an upload, it takes a session advisory lock keyed by
 * the upload id (pg_try_advisory_lock), on a connection it holds until the request is done. So
 * two instances can never append to one partial file at once (a device retrying on the other
 * instance while its first PATCH still runs). Inside one instance tus's MemoryLocker goes first: it
 * can ask the older request to let go (a dropped link's PATCH), which across instances cannot be done.
 * A session lock dies with its connection, so a killed instance never leaves an upload locked.
 */

/** First key of the two-key advisory lock space: "tusU". Migrations use another pair (open-database.ts). */
const LOCK_NAMESPACE = 0x74757355;

/** The second key: 32 bits of the upload id's SHA-256, signed as int4. A collision only serialises two uploads. */
export function advisoryKey(uploadId: string): number {
	return createHash('sha256').update(uploadId).digest().readInt32BE(0);
}

export interface PgUploadLockerOptions {
	/** How long a request waits for the lock before tus answers 500 and the device retries (default 10 s). */
	acquireTimeoutMs?: number;
	/** Pause between tries (default 100 ms). */
	pollMs?: number;
}

export class PgUploadLocker implements Locker {
	readonly #local: MemoryLocker;
	readonly #timeoutMs: number;
	readonly #pollMs: number;

	constructor(
		readonly pool: pg.Pool,
		options: PgUploadLockerOptions = {}
	) {
		this.#timeoutMs = options.acquireTimeoutMs ?? 10_000;
		this.#pollMs = options.pollMs ?? 100;
		this.#local = new MemoryLocker({ acquireLockTimeout: this.#timeoutMs });
	}

	newLock(id: string): Lock {
		return new PgUploadLock(id, this.#local.newLock(id), this.pool, this.#timeoutMs, this.#pollMs);
	}
}

/** A held connection that breaks (database restart) must not crash the server: noted, dropped at unlock. */
const ignoreBrokenConnection = () => {};

class PgUploadLock implements Lock {
	#client: pg.PoolClient | undefined;

	constructor(
		readonly id: string,
		readonly local: Lock,
		readonly pool: pg.Pool,
		readonly timeoutMs: number,
		readonly pollMs: number
	) {}

	async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
		await this.local.lock(signal, requestRelease);
		let client: pg.PoolClient | undefined;
		try {
			client = await this.pool.connect();
			client.on('error', ignoreBrokenConnection);
			const key = advisoryKey(this.id);
			const deadline = Date.now() + this.timeoutMs;
			// Bounded by the deadline (and the request's own abort).
			while (!signal.aborted && Date.now() < deadline) {
				const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_NAMESPACE, key]);
				if (res.rows[0]?.ok) {
					this.#client = client;
					return;
				}
				await new Promise((r) => setTimeout(r, this.pollMs));
			}
			throw ERRORS.ERR_LOCK_TIMEOUT;
		} catch (e) {
			client?.off('error', ignoreBrokenConnection);
			client?.release();
			await this.local.unlock();
			throw e;
		}
	}

	async unlock(): Promise<void> {
		const client = this.#client;
		this.#client = undefined;
		try {
			if (client) {
				client.off('error', ignoreBrokenConnection);
				try {
					await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, advisoryKey(this.id)]);
					client.release();
				} catch (e) {
					// Drop the connection: its session ends, and the lock with it.
					client.release(e instanceof Error ? e : true);
				}
			}
		} finally {
			await this.local.unlock();
		}
	}
}
