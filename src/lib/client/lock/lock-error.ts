/** Why a lock operation failed; `code` is for the program, never shown raw to the user. */
export type LockErrorCode =
	| 'LOCKED' // no key in memory: the device is locked
	| 'DECRYPT_FAILED' // wrong key, or the bytes were changed
	| 'UNSUPPORTED_FORMAT' // not a sealed message this version can read
	| 'NEEDS_LOGIN' // only an online login can go on from here
	| 'CORRUPT'; // the stored key record does not hold together

export class LockError extends Error {
	constructor(
		readonly code: LockErrorCode,
		message: string = code
	) {
		super(message);
		this.name = 'LockError';
	}
}
