import { z } from 'zod';
import type { DaibanDb } from '../db/db';
import { getMeta, setMeta } from '../db/meta';
import { certificateKeySchema, type CertificateKey } from '$lib/domain/certificates';

/**
 * The township's certificate public keys, cached on the device so a grid worker can verify a
 * certificate's QR signature with no signal. Fetched at sync time when online; a failed fetch
 * keeps the copy the device already has.
 */
export const CERTIFICATE_KEYS_URL = '/.well-known/daiban/certificate-keys.json';
const META_KEY = 'grid.certificateKeys';

export type CachedCertificateKey = CertificateKey;
const documentSchema = z.object({ keys: z.array(certificateKeySchema).max(100) });

export interface CachedKeys {
	keys: CachedCertificateKey[];
	fetchedAt: string;
}

export async function cachedCertificateKeys(db: DaibanDb): Promise<CachedKeys | null> {
	const stored = await getMeta<unknown>(db, META_KEY, null);
	const parsed = z.object({ keys: z.array(certificateKeySchema), fetchedAt: z.string() }).safeParse(stored);
	return parsed.success ? parsed.data : null;
}

/** Refreshes the cached keys; false when the server could not be asked or answered nonsense. */
export async function refreshCertificateKeys(db: DaibanDb, fetchImpl: typeof fetch = fetch, now: Date = new Date()): Promise<boolean> {
	try {
		const res = await fetchImpl(CERTIFICATE_KEYS_URL, { cache: 'no-store', credentials: 'same-origin' });
		if (!res.ok) return false;
		const parsed = documentSchema.safeParse(await res.json());
		if (!parsed.success) return false;
		await setMeta(db, META_KEY, { keys: parsed.data.keys, fetchedAt: now.toISOString() } satisfies CachedKeys);
		return true;
	} catch {
		return false;
	}
}
