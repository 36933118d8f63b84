import Dexie from 'dexie';
import { getDb } from './db/db';

/** Set before the reload, so the login page can say why the device is empty. */
export const DEVICE_WIPED_FLAG = 'daiban.deviceWiped';

let wiping: Promise<void> | undefined;

/**
 * The server said this device was revoked (lost or stolen): delete everything personal it holds —
 * the IndexedDB database (cases, photos, outbox, keys, session) and any runtime caches — and go to
 * the login page. The precached app shell holds no personal data and stays, so the app still opens.
 * Idempotent: several failing requests at once wipe once.
 */
export function wipeDevice(): Promise<void> {
	wiping ??= (async () => {
		const db = getDb();
		const name = db.name;
		db.close();
		// Other tabs get a versionchange event; Dexie closes their connections so the delete goes through.
		await Dexie.delete(name);
		if (typeof caches !== 'undefined') {
			for (const key of await caches.keys()) if (!key.startsWith('workbox-precache')) await caches.delete(key);
		}
		sessionStorage.setItem(DEVICE_WIPED_FLAG, '1');
		location.replace('/login');
	})();
	return wiping;
}

/** True once, on the first login page shown after a wipe. */
export function takeWipedNotice(): boolean {
	if (typeof sessionStorage === 'undefined' || sessionStorage.getItem(DEVICE_WIPED_FLAG) !== '1') return false;
	sessionStorage.removeItem(DEVICE_WIPED_FLAG);
	return true;
}
