import type { SniffedRequest } from './http-sniffer';

/**
 * Bytes a resumable upload sent twice, from the tus PATCH requests a proxy saw. Each PATCH
 * carries bytes [Upload-Offset, Upload-Offset + delivered) of the file named by its URL.
 * - resentFinished: bytes that an earlier PATCH had already delivered whole (a finished chunk
 *   sent again: what a resume must never do);
 * - resentAny: bytes delivered before by any earlier PATCH, whole or cut off.
 */
export interface ResentBytes {
	patches: number;
	resentFinished: number;
	resentAny: number;
}

type Range = [start: number, end: number];

/** How many bytes of `r` lie inside the union of `ranges`. */
function overlap(r: Range, ranges: readonly Range[]): number {
	const cuts = ranges
		.map(([s, e]): Range => [Math.max(s, r[0]), Math.min(e, r[1])])
		.filter(([s, e]) => e > s)
		.sort((a, b) => a[0] - b[0]);
	let covered = 0;
	let reach = r[0];
	for (const [s, e] of cuts) {
		if (e <= reach) continue;
		covered += e - Math.max(s, reach);
		reach = e;
	}
	return covered;
}

export function resentBytes(requests: readonly SniffedRequest[]): ResentBytes {
	const finished = new Map<string, Range[]>();
	const delivered = new Map<string, Range[]>();
	let resentFinished = 0;
	let resentAny = 0;
	let patches = 0;
	for (const r of requests) {
		if (r.method !== 'PATCH') continue;
		const offset = Number(r.headers['upload-offset']);
		if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`PATCH ${r.target} has no valid Upload-Offset`);
		patches++;
		const range: Range = [offset, offset + r.deliveredBodyBytes];
		const key = r.target.split('?')[0] ?? r.target;
		resentFinished += overlap(range, finished.get(key) ?? []);
		resentAny += overlap(range, delivered.get(key) ?? []);
		(delivered.get(key) ?? delivered.set(key, []).get(key))?.push(range);
		if (r.bodyBytes > 0 && r.deliveredBodyBytes === r.bodyBytes) (finished.get(key) ?? finished.set(key, []).get(key))?.push(range);
	}
	return { patches, resentFinished, resentAny };
}
