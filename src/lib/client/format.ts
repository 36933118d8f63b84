import type { Locale } from '$lib/i18n/i18n.svelte';

/** Date-time for display in China Standard Time, in the UI language. */
export function formatTime(iso: string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone: 'Asia/Shanghai',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}
