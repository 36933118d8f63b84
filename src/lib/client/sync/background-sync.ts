/**
 * Background Sync (docs/SYNC.md, "Scheduling"): while the outbox holds work, the app registers the
 * `daiban-sync` tag; when the browser sees the link come back it wakes the service worker, which
 * asks the open app windows to run a sync round (SYNC_NOW). The round itself always runs in a page:
 * it needs the device's data key, which lives only in an unlocked tab's memory, never in the worker.
 * Browsers without the API (Firefox, Safari) rely on the `online` event and the timer instead.
 */
export const BACKGROUND_SYNC_TAG = 'daiban-sync';
export const SYNC_NOW_MESSAGE = 'SYNC_NOW';

interface SyncManagerLike {
	register(tag: string): Promise<void>;
}

/** Asks for a background sync; silently nothing where the browser has no Background Sync. */
export async function requestBackgroundSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
	const registration = await navigator.serviceWorker.getRegistration();
	const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
	if (!sync) return false;
	try {
		await sync.register(BACKGROUND_SYNC_TAG);
		return true;
	} catch {
		// Refused (permission policy, no active worker yet): the timer and `online` still sync.
		return false;
	}
}

/** Runs `onSyncNow` when the service worker relays a background sync; returns the unsubscribe. */
export function listenForBackgroundSync(onSyncNow: () => void): () => void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return () => {};
	const handler = (event: MessageEvent) => {
		if ((event.data as { type?: string } | null)?.type === SYNC_NOW_MESSAGE) onSyncNow();
	};
	navigator.serviceWorker.addEventListener('message', handler);
	return () => navigator.serviceWorker.removeEventListener('message', handler);
}
