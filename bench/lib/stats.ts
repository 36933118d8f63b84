/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
export function percentile(sample: readonly number[], p: number): number {
	if (sample.length === 0) throw new Error('a percentile of nothing');
	const sorted = [...sample].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(1)} ms`);
