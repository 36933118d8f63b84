import { getDb } from '../db/db';
import { getCase } from './case-vault';
import { openPhoto } from './attachment-vault';

/**
 * A read-only window on the device's store for end-to-end tests, which cannot read sealed records
 * from IndexedDB themselves. Installed only when the page was started with the flag
 * `__DAIBAN_E2E__` (the Playwright fixtures set it in an init script), and it reads through the
 * same vault as the app: while the device is locked it opens nothing (LockError 'LOCKED').
 * It gives a script in the page nothing the unlocked app's own modules do not already give it.
 */
export interface TestInspector {
	case(id: string): Promise<unknown>;
	/** An attachment's record with its opened (plain) bytes. */
	attachment(hash: string): Promise<{ hash: string; blob: Blob; size: number; type: string; state: string } | undefined>;
}

type InspectorGlobal = { __DAIBAN_E2E__?: boolean; __daibanInspect?: TestInspector };

export function installTestInspector(): void {
	const g = globalThis as InspectorGlobal;
	if (g.__DAIBAN_E2E__ !== true) return;
	g.__daibanInspect = {
		case: (id) => getCase(getDb(), id),
		async attachment(hash) {
			const record = await getDb().attachments.get(hash);
			if (!record) return undefined;
			return { hash, blob: await openPhoto(record), size: record.size, type: record.type, state: record.state };
		}
	};
}
