import { getDb } from '../db/db';
import { getMeta, META } from '../db/meta';
import { api, errorMessage, isNetworkError, TRPCClientError } from '../trpc';
import { createSyncEngine, type SyncProgress } from './engine';
import { AdaptiveBatchSize } from './batch-size';
import { pendingCount } from './outbox';
import { CLIENT_TOO_OLD } from '$lib/domain/sync/protocol';

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;
const PERIODIC_MS = 60_000;

/**
 * Sync state for the header and the scheduler: runs a sync on start, on `online`, on a
 * timer with exponential backoff and jitter after failures, and on "sync now". Only one
 * tab syncs at a time (Web Locks).
 */
class SyncState {
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	running = $state(false);
	pending = $state(0);
	lastSyncAt = $state<string | null>(null);
	error = $state<string | null>(null);
	tooOld = $state(false);
	progress = $state<SyncProgress | null>(null);

	#failures = 0;
	/** Adapted to this station's link across rounds (halved on 413/timeouts, grown on success). */
	#pushBatch = new AdaptiveBatchSize(50);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#started = false;

	async refresh(): Promise<void> {
		const db = getDb();
		this.pending = await pendingCount(db);
		this.lastSyncAt = await getMeta<string | null>(db, META.lastSyncAt, null);
	}

	start(): void {
		if (this.#started || typeof window === 'undefined') return;
		this.#started = true;
		window.addEventListener('online', () => {
			this.online = true;
			void this.syncNow();
		});
		window.addEventListener('offline', () => (this.online = false));
		void this.refresh().then(() => this.syncNow());
	}

	#schedule(delayMs: number): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.syncNow(), delayMs);
	}

	async syncNow(): Promise<void> {
		if (this.running) return;
		const run = async () => {
			this.running = true;
			this.error = null;
			try {
				const engine = createSyncEngine({ db: getDb(), api, pushBatch: this.#pushBatch, onProgress: (p) => (this.progress = p) });
				await engine.syncOnce();
				this.#failures = 0;
				this.tooOld = false;
				this.#schedule(PERIODIC_MS);
			} catch (e) {
				this.#failures++;
				if (e instanceof TRPCClientError && e.data?.reason === CLIENT_TOO_OLD) this.tooOld = true;
				if (e instanceof TRPCClientError && e.data?.code === 'UNAUTHORIZED') this.error = 'UNAUTHORIZED';
				else this.error = isNetworkError(e) ? null : errorMessage(e);
				const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(this.#failures, 10));
				this.#schedule(backoff / 2 + Math.random() * (backoff / 2));
			} finally {
				this.running = false;
				this.progress = null;
				await this.refresh();
			}
		};
		if (typeof navigator !== 'undefined' && navigator.locks) {
			await navigator.locks.request('daiban-sync', { ifAvailable: true }, async (lock) => {
				if (lock) await run();
			});
		} else {
			await run();
		}
	}
}

export const syncState = new SyncState();
export { CLIENT_TOO_OLD };
