import { z } from 'zod';

/**
 * Free text as the database can store it. PostgreSQL text and jsonb cannot hold U+0000, so a
 * NUL would fail the query (a 500, or a mutation that blocks a device's outbox); refusing it
 * here turns it into a clear validation error naming the field.
 */
const NUL = String.fromCharCode(0);
export function text(max: number) {
	return z
		.string()
		.max(max)
		.refine((s) => !s.includes(NUL), 'text must not contain NUL (U+0000) characters');
}
