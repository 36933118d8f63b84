import { z } from 'zod';

/** A calendar date in China Standard Time, 'YYYY-MM-DD'. Deadlines count whole working days. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

/**
 * The time-limited completion clock (限时办结) of a case. It starts at acceptance (受理)
 * and pauses while a correction (补正) is outstanding; paused days do not count.
 * Kept as data so the device and the server compute the same deadline from it
 * (src/lib/domain/calendar computes deadlines and lights from this shape).
 */
export const caseClockSchema = z.object({
	/** Date of acceptance; null until the case is accepted. */
	startedOn: isoDateSchema.nullable(),
	/** Promised limit (承诺时限) in working days, copied from the item at acceptance. */
	limitDays: z.number().int().min(1),
	/** Closed and open pauses; `to` is null while the correction is outstanding. */
	pauses: z.array(z.object({ from: isoDateSchema, to: isoDateSchema.nullable() })),
	/** Date the clock stopped for good (decision or completion); null while running. */
	stoppedOn: isoDateSchema.nullable()
});
export type CaseClock = z.infer<typeof caseClockSchema>;
