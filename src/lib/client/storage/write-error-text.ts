import { t } from '$lib/i18n/i18n.svelte';
import { errorReason, isQuotaExceeded } from './write-error';

/** What the agent is told when a write to the device failed: a full disk in plain words, else the reason. */
export function writeFailureText(error: unknown): string {
	return isQuotaExceeded(error) ? t('storage.quotaExceeded') : t('storage.writeFailed', { reason: errorReason(error) });
}
