import { holdDataKey } from './data-key';

/**
 * For tests only: a fresh pair of non-extractable keys of the kinds an unlock yields (AES-GCM
 * data key, HMAC search-index key), put in memory as an unlock would. Code under test then runs
 * against real WebCrypto, exactly as on an unlocked device.
 */
export async function testKeys(): Promise<{ dataKey: CryptoKey; indexKey: CryptoKey }> {
	const [dataKey, indexKey] = await Promise.all([
		crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
		crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign'])
	]);
	return { dataKey, indexKey };
}

export async function unlockForTest(): Promise<void> {
	const { dataKey, indexKey } = await testKeys();
	holdDataKey(dataKey, indexKey);
}
