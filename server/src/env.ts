import { z } from 'zod';

/**
 * A whole number in decimal digits. `z.coerce.number()` would read `PORT=` (empty, e.g. an
 * unset compose variable) as 0, a random port, and accept `1e3` or `0x10`; an operator's
 * typo must stop the server instead.
 */
function wholeNumber(min: number, max: number, fallback: number) {
	return z
		.string()
		.regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
		.transform(Number)
		.pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
		.default(fallback);
}

/** An empty path or host would silently mean "the current directory" or "every interface". */
const EMPTY = 'is set but empty: unset it to use the default';

/** Environment, validated once at start: a bad value stops the server with a clear message. */
const envSchema = z.object({
	PORT: wholeNumber(0, 65535, 3000),
	HOST: z.string().min(1, EMPTY).default('0.0.0.0'),
	DATA_DIR: z.string().min(1, EMPTY).default('./data'),
	/** Attachment files; default `${DATA_DIR}/attachments`. Point several instances at one shared mount. */
	ATTACHMENTS_DIR: z.string().min(1, EMPTY).optional(),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
		.optional(),
	DAIBAN_SEED: z.enum(['demo', 'none']).default('none'),
	DAIBAN_STATIC_DIR: z.string().min(1, EMPTY).default('build'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SESSION_DAYS: wholeNumber(1, 365, 30),
	/**
	 * `1` turns on the test harness (GET /api/harness answers; the /harness page then lets e2e and
	 * benchmarks create cases through the app's own client code). Off by default; production never sets it.
	 */
	DAIBAN_TEST_HARNESS: z.enum(['0', '1']).default('0')
});
export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const parsed = envSchema.safeParse(source);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`invalid environment:\n${lines.join('\n')}`);
	}
	return parsed.data;
}
