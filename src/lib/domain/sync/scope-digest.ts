/**
 * A per-scope digest of what a device should hold (docs/SYNC.md, "Pull integrity"): the number of
 * records and an order-independent checksum of their ids. The server sends it with the last page of
 * a pull; the device computes the same over its copies. A difference means the device drifted (a
 * lost write, a restored backup, a bug) and it re-downloads that scope. Pure, shared by both sides.
 */
export interface ScopeDigest {
	count: number;
	/** XOR over the ids of a 64-bit hash each, as 16 hex digits: the order of the ids does not matter. */
	checksum: string;
}

/** FNV-1a over the UTF-16 code units, 32 bits, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
	let h = basis >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

export function scopeDigest(ids: Iterable<string>): ScopeDigest {
	let hi = 0;
	let lo = 0;
	let count = 0;
	for (const id of ids) {
		// Two 32-bit hashes from different bases: 64 bits, so a drift going unnoticed is ~2^-64.
		hi = (hi ^ fnv1a(id, 0x811c9dc5)) >>> 0;
		lo = (lo ^ fnv1a(id, 0x050c5d1f)) >>> 0;
		count++;
	}
	return { count, checksum: hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0') };
}

export function sameDigest(a: ScopeDigest, b: ScopeDigest): boolean {
	return a.count === b.count && a.checksum === b.checksum;
}
