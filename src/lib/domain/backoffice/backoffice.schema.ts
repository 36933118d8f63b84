import { z } from 'zod';
import { caseRecordSchema } from '../case/case.schema';
import { caseStatusSchema } from '../case/status';
import { problemCategorySchema, problemStatusSchema } from '../problems/problem.schema';
import { text } from '../text';

/** What the back office's procedures send: shared by the router (output) and the pages (types). */

export const deadlineLightSchema = z.enum(['on_time', 'amber', 'red', 'paused', 'not_started', 'stopped']);

export const queueEntrySchema = z.object({
	case: caseRecordSchema,
	light: deadlineLightSchema,
	dueDate: z.string().nullable(),
	fastTrack: z.boolean(),
	waitingDays: z.number().int()
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const queuePageSchema = z.object({
	total: z.number().int(),
	page: z.number().int(),
	pageSize: z.number().int(),
	entries: z.array(queueEntrySchema)
});
export type QueuePage = z.infer<typeof queuePageSchema>;

/** Choices for the queue's filter menus: the township's villages, items and departments. */
export const queueOptionsSchema = z.object({
	/** The township's name: the authority printed on decision notices. */
	townshipName: z.string(),
	villages: z.array(z.object({ code: z.string(), name: z.string() })),
	items: z.array(z.object({ code: z.string(), name: z.string(), departmentCode: z.string() })),
	departments: z.array(z.object({ code: z.string(), name: z.string() }))
});
export type QueueOptions = z.infer<typeof queueOptionsSchema>;

export const overdueEntrySchema = z.object({
	caseId: z.string(),
	caseNumber: z.string(),
	villageCode: z.string(),
	itemCode: z.string(),
	departmentCode: z.string(),
	status: caseStatusSchema,
	/** The promised date (承诺时限) that has passed. */
	dueDate: z.string(),
	/** Working days past the promised date. */
	daysOver: z.number().int(),
	/** The statutory limit (法定时限) has passed too. */
	pastStatutory: z.boolean(),
	fastTrack: z.boolean()
});
export type OverdueEntry = z.infer<typeof overdueEntrySchema>;

export const overdueListSchema = z.object({
	today: z.string(),
	byDepartment: z.array(z.object({ departmentCode: z.string(), departmentName: z.string(), entries: z.array(overdueEntrySchema) }))
});
export type OverdueList = z.infer<typeof overdueListSchema>;

export const auditEntrySchema = z.object({
	type: z.string(),
	fromStatus: z.string().nullable(),
	toStatus: z.string(),
	actorId: z.string(),
	actorName: z.string().nullable(),
	actorUsername: z.string().nullable(),
	deviceId: z.string().nullable(),
	deviceName: z.string().nullable(),
	note: z.string().nullable(),
	data: z.record(z.string(), z.unknown()).nullable(),
	at: z.string()
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditTrailSchema = z.object({ caseId: z.string(), caseNumber: z.string(), entries: z.array(auditEntrySchema) });

export const followUpKindSchema = z.enum(['rating', 'problem']);
export const followUpStatusSchema = problemStatusSchema;

/** One item of the follow-up list: a bad rating (整改/回访) or a "couldn't get it done" report. */
export const followUpSchema = z.object({
	kind: followUpKindSchema,
	/** The case id (rating) or the report id (problem). */
	id: z.string(),
	caseNumber: z.string().nullable(),
	villageCode: z.string(),
	villageName: z.string().nullable(),
	ratingLevel: z.enum(['dissatisfied', 'very_dissatisfied']).nullable(),
	category: problemCategorySchema.nullable(),
	/** The applicant's comment or the agent's note. */
	note: z.string().nullable(),
	raisedAt: z.string(),
	status: followUpStatusSchema,
	response: z.string().nullable(),
	responderName: z.string().nullable(),
	respondedAt: z.string().nullable(),
	closedAt: z.string().nullable()
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const followUpListInputSchema = z.object({
	statuses: z.array(followUpStatusSchema).min(1).max(3).default(['open', 'answered'])
});
export const followUpAnswerInputSchema = z.object({
	kind: followUpKindSchema,
	id: z.uuid(),
	response: text(1000).trim().min(1, 'a response is required')
});
export const followUpCloseInputSchema = z.object({
	kind: followUpKindSchema,
	id: z.uuid(),
	response: text(1000).trim().min(1, 'a response is required').optional()
});
