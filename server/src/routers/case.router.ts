import { z } from 'zod';
import { roleProcedure, router } from '../trpc';
import { caseService } from '../services/case.service';
import { caseRecordSchema } from '../../../src/lib/domain/case/case.schema';
import { caseStatusSchema } from '../../../src/lib/domain/case/status';
import { caseEventSchema } from '../../../src/lib/domain/case/events';
import { workflowStateSchema } from '../../../src/lib/domain/case/workflow';
import { serviceItemSchema } from '../../../src/lib/domain/catalog/item.schema';

const townshipProcedure = roleProcedure('township_intake', 'township_approver', 'township_issuer', 'supervisor');

const caseDetailSchema = z.object({
	case: caseRecordSchema,
	workflow: workflowStateSchema.nullable(),
	items: z.array(serviceItemSchema),
	departments: z.array(z.object({ code: z.string(), name: z.string() })),
	events: z.array(
		z.object({
			type: z.string(),
			fromStatus: z.string().nullable(),
			toStatus: z.string(),
			actorId: z.string(),
			deviceId: z.string().nullable(),
			note: z.string().nullable(),
			at: z.string()
		})
	)
});

export const caseRouter = router({
	/** The township front desk's queue (综合受理). */
	queue: townshipProcedure
		.input(
			z.object({
				statuses: z.array(caseStatusSchema).min(1).max(20).default(['received']),
				limit: z.number().int().min(1).max(200).default(50),
				offset: z.number().int().min(0).max(1_000_000).default(0)
			})
		)
		.output(z.object({ total: z.number().int(), cases: z.array(caseRecordSchema) }))
		.query(({ ctx, input }) => caseService.queue(ctx.db, ctx.actor, input)),

	/** One case with its workflow and timeline (every event: who, when, which device). */
	get: townshipProcedure
		.input(z.object({ caseId: z.uuid() }))
		.output(caseDetailSchema)
		.query(({ ctx, input }) => caseService.detail(ctx.db, ctx.actor, input.caseId)),

	/**
	 * A township decision: accept, request correction, refuse, approve or refuse a step… The
	 * lifecycle's guards decide who may fire which event in which state; the answer is final.
	 */
	act: townshipProcedure
		.input(
			z.object({ caseId: z.uuid(), event: caseEventSchema }).refine((i) => i.event.type !== 'issue_certificate', {
				// A certificate must get its number and signature in the same transaction.
				message: 'certificates are issued through certificates.issue (numbered and signed), not case.act',
				path: ['event', 'type']
			})
		)
		.output(caseDetailSchema)
		.mutation(({ ctx, input }) => caseService.applyEvent(ctx.db, ctx.actor, input.caseId, input.event, ctx.now()))
});
