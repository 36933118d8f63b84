import { getDb } from '../db/db';
import { assessStorage, type StorageAssessment } from './storage-estimate';
import { requestPersistenceOnce } from './persist';

const REFRESH_MS = 60_000;

/**
 * The device's storage as the agent sees it: how much is used and left (refreshed every minute and
 * after writes that add photos), and whether the browser agreed to keep the data. Started by the
 * layout once someone who works offline is logged in.
 */
class StorageState {
	assessment = $state<StorageAssessment | null>(null);
	/** The browser's answer to persist(), or null when it was not asked (no Storage API). */
	persisted = $state<boolean | null>(null);
	#timer: ReturnType<typeof setInterval> | undefined;
	#loginAt: string | null = null;

	start(loginAt: string): void {
		if (typeof navigator === 'undefined') return;
		if (this.#loginAt !== loginAt) {
			this.#loginAt = loginAt;
			void this.#askPersistence(loginAt);
		}
		clearInterval(this.#timer);
		this.#timer = setInterval(() => void this.refresh(), REFRESH_MS);
		void this.refresh();
	}

	stop(): void {
		clearInterval(this.#timer);
		this.#timer = undefined;
	}

	async refresh(): Promise<void> {
		if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return;
		try {
			this.assessment = assessStorage(await navigator.storage.estimate());
		} catch {
			// Some browsers refuse an estimate in private mode: the panel then says it does not know.
			this.assessment = null;
		}
	}

	async #askPersistence(loginAt: string): Promise<void> {
		try {
			const answer = await requestPersistenceOnce(getDb(), navigator.storage, loginAt);
			this.persisted = answer?.granted ?? null;
		} catch {
			// Recording the answer failed (a full disk, which the usage panel then shows): ask the
			// browser only whether the data is persistent.
			this.persisted = (await navigator.storage?.persisted?.().catch(() => null)) ?? null;
		}
	}
}

export const storageState = new StorageState();
