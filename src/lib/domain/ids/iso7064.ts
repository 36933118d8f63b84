/**
 * ISO 7064 pure-system check value (MOD 11-2, MOD 37-2 …) over character values in
 * [0, modulus). Written as Horner's rule so the weights radix^k are never materialised;
 * for MOD 11-2 this is the same as the GB 11643 weight table 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
 * A string with its check value appended satisfies Σ vᵢ·radixⁱ ≡ 1 (mod modulus).
 */
export function iso7064PureCheck(values: readonly number[], modulus: number, radix: number): number {
	let p = 0;
	for (const v of values) p = ((p + v) * radix) % modulus;
	return (modulus + 1 - p) % modulus;
}
