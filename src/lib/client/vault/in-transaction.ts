import Dexie from 'dexie';

/**
 * Runs WebCrypto work from inside or outside a Dexie transaction. IndexedDB commits a transaction
 * as soon as a task ends with no request pending, and crypto.subtle answers in a later task: an
 * `await` on it inside a transaction would end the transaction. Dexie.waitFor keeps it alive
 * (small requests until the promise settles), so a read, its decryption and the write that
 * follows stay one atomic transaction. Outside one (also in liveQuery queriers, as Dexie asks)
 * the promise is only wrapped.
 */
export function cryptoStep<T>(work: Promise<T>): Promise<T> {
	return Dexie.currentTransaction ? Dexie.waitFor(work) : Promise.resolve(work);
}
