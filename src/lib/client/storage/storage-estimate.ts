/** Warn when less than this share of the quota is left… */
export const LOW_SHARE = 0.1;
/** …or less than this many bytes, whichever comes first (a day of photos at a busy station). */
export const LOW_BYTES = 50 * 1024 * 1024;

export interface StorageAssessment {
	used: number;
	quota: number;
	available: number;
	/** 0–1 of the quota in use. */
	usedShare: number;
	low: boolean;
}

/**
 * What `navigator.storage.estimate()` means for the agent: how much is used and left, and whether
 * to warn. Null when the browser does not tell (no Storage API, or no quota figure).
 */
export function assessStorage(estimate: { usage?: number; quota?: number } | null | undefined): StorageAssessment | null {
	const quota = estimate?.quota;
	if (quota === undefined || !Number.isFinite(quota) || quota <= 0) return null;
	const used = Math.min(quota, Math.max(0, estimate?.usage ?? 0));
	const available = quota - used;
	return { used, quota, available, usedShare: used / quota, low: available < quota * LOW_SHARE || available < LOW_BYTES };
}

/** Bytes as the panel shows them: KB below 1 MB, MB below 1 GB, then GB (binary units, one decimal when small). */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${value.toFixed(digits)} ${units[unit]}`;
}
