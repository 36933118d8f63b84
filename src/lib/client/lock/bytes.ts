import { SALT_BYTES } from './params';

const encoder = new TextEncoder();

/** UTF-8 bytes, or the bytes as given; always backed by an ArrayBuffer, as WebCrypto wants. */
export function toBytes(value: Uint8Array | string): Uint8Array<ArrayBuffer> {
	if (typeof value === 'string') return encoder.encode(value);
	return value.buffer instanceof ArrayBuffer ? (value as Uint8Array<ArrayBuffer>) : new Uint8Array(value);
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(length));
}

export const randomSalt = (): Uint8Array<ArrayBuffer> => randomBytes(SALT_BYTES);

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
	return diff === 0;
}
