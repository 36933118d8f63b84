import { z } from 'zod';

/**
 * Free text as the database can store it. PostgreSQL text and jsonb cannot hold U+0000, so a
 * NUL would fail the query (a 500, or a mutation that blocks a device's outbox); refusing it
 * here turns it into a clear validation error naming the field.
 */
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export function text(max: number) {
	return z
		.string()
		.max(max)
		.refine((s) => !s.includes(NUL), 'text must not contain NUL (U+0000) characters')
		// jsonb refuses an unpaired UTF-16 surrogate ("\ud800" in JSON) as well: a 500 otherwise.
		.refine((s) => !LONE_SURROGATE.test(s), 'text must not contain unpaired surrogate characters');
}

