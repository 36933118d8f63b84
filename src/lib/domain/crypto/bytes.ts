/** Byte helpers shared by the suites: the same encoding in the browser and on the server. */

const HEX = /^(?:[0-9a-f]{2})*$/i;

export function hexToBytes(hex: string): Uint8Array {
	const clean = hex.replace(/\s+/g, '');
	if (!HEX.test(clean)) throw new Error('not an even-length hexadecimal string');
	const out = new Uint8Array(clean.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
	return out;
}

export function bytesToHex(bytes: Uint8Array): string {
	let hex = '';
	for (const b of bytes) hex += b.toString(16).padStart(2, '0');
	return hex;
}

const utf8Encoder = new TextEncoder();
/** `fatal` so a corrupted payload is an error, not U+FFFD silently accepted as text. */
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = {
	encode: (text: string): Uint8Array => utf8Encoder.encode(text),
	decode: (bytes: Uint8Array): string => utf8Decoder.decode(bytes)
};

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 §5): safe in URLs and QR codes without escaping. */
export function bytesToBase64url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const b0 = bytes[i] ?? 0;
		const b1 = bytes[i + 1] ?? 0;
		const b2 = bytes[i + 2] ?? 0;
		const n = (b0 << 16) | (b1 << 8) | b2;
		const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
		for (let c = 0; c < chars; c++) out += B64URL_ALPHABET[(n >> (18 - 6 * c)) & 63];
	}
	return out;
}

/** Strict: rejects padding, other alphabets and a length no encoder produces. */
export function base64urlToBytes(text: string): Uint8Array {
	if (!B64URL.test(text) || text.length % 4 === 1) throw new Error('not a base64url string');
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let o = 0;
	for (let i = 0; i < text.length; i += 4) {
		const chunk = text.slice(i, i + 4);
		let n = 0;
		for (let c = 0; c < 4; c++) n = (n << 6) | (c < chunk.length ? B64URL_ALPHABET.indexOf(chunk[c]!) : 0);
		const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
		for (let b = 0; b < chunk.length - 1; b++) out[o++] = bytes[b]!;
	}
	// A canonical encoding has zero bits after the last byte; anything else is a second spelling.
	if (bytesToBase64url(out) !== text) throw new Error('not a canonical base64url string');
	return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}

/** Compare without an early exit, so a MAC check does not leak how many bytes matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
	return diff === 0;
}

export function randomBytes(length: number): Uint8Array {
	return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
