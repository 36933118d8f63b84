import { z } from 'zod';
import { caseNumberSchema } from '../case/case-number';
import { text } from '../text';

/**
 * "Couldn't get it done" reports (办不成事反映): a problem the village station could not solve,
 * logged offline by the agent and answered by the centre head (DOMAIN.md).
 */

/** The fixed categories: 材料要求不清, 系统无法办理, 部门推诿, 超出村级权限, 其他. */
export const problemCategorySchema = z.enum([
	'unclear_requirements',
	'system_cannot_handle',
	'passed_between_departments',
	'beyond_village_authority',
	'other'
]);
export type ProblemCategory = z.infer<typeof problemCategorySchema>;
export const PROBLEM_CATEGORIES: readonly ProblemCategory[] = problemCategorySchema.options;

export const problemStatusSchema = z.enum(['open', 'answered', 'closed']);
export type ProblemStatus = z.infer<typeof problemStatusSchema>;

const noteSchema = text(1000).trim().min(1, 'say what could not be done');
const responseSchema = text(1000).trim().min(1, 'a response is required');

/** Mutation `problem.report`: the id is a UUIDv7 made on the device, so the report exists offline. */
export const problemReportArgsSchema = z.object({
	id: z.uuid(),
	villageCode: z.string().regex(/^\d{12}$/),
	category: problemCategorySchema,
	note: noteSchema,
	/** The case it is about, if any (the number is printable offline, so it is the reference). */
	caseNumber: caseNumberSchema.optional(),
	createdAt: z.iso.datetime({ offset: true })
});
export type ProblemReportArgs = z.infer<typeof problemReportArgsSchema>;

/** A report as the server holds it: sent to the village's devices on pull and to the supervisor. */
export const problemReportSchema = z.object({
	id: z.uuid(),
	villageCode: z.string(),
	category: problemCategorySchema,
	note: z.string(),
	caseNumber: z.string().nullable(),
	createdAt: z.iso.datetime({ offset: true }),
	status: problemStatusSchema,
	response: z.string().nullable(),
	respondedAt: z.iso.datetime({ offset: true }).nullable(),
	closedAt: z.iso.datetime({ offset: true }).nullable()
});
export type ProblemReport = z.infer<typeof problemReportSchema>;

/** What the township sees in addition: who reported it, from which village, who answered. */
export const problemReportDetailSchema = problemReportSchema.extend({
	reporterName: z.string(),
	villageName: z.string().nullable(),
	responderName: z.string().nullable()
});
export type ProblemReportDetail = z.infer<typeof problemReportDetailSchema>;

export const problemListInputSchema = z.object({
	statuses: z.array(problemStatusSchema).min(1).max(3).default(['open', 'answered']),
	limit: z.number().int().min(1).max(200).default(50),
	offset: z.number().int().min(0).max(1_000_000).default(0)
});
export const problemListOutputSchema = z.object({ total: z.number().int(), reports: z.array(problemReportDetailSchema) });

export const problemAnswerInputSchema = z.object({ id: z.uuid(), response: responseSchema });
/** Closing may add a last word; an unanswered report needs one (nobody closes a problem silently). */
export const problemCloseInputSchema = z.object({ id: z.uuid(), response: responseSchema.optional() });
