/**
 * Whether a failed write failed because the device is out of storage. IndexedDB reports it as a
 * DOMException named QuotaExceededError, at the request or when the transaction aborts; Dexie
 * passes it on as is, or wrapped (`inner` of an AbortError, `failures` of a ModifyError or
 * BulkError, `cause`), so the wrappers are searched too.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
	if (depth > 5 || typeof error !== 'object' || error === null) return false;
	const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
	if (e.name === 'QuotaExceededError') return true;
	if (isQuotaExceeded(e.inner, depth + 1) || isQuotaExceeded(e.cause, depth + 1)) return true;
	const failures = Array.isArray(e.failures) ? e.failures : e.failures && typeof e.failures === 'object' ? Object.values(e.failures) : [];
	return failures.some((f) => isQuotaExceeded(f, depth + 1));
}

/** The error's own message, for the "could not save" alert. */
export function errorReason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
