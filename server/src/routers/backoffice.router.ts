import { z } from 'zod';
import { roleProcedure, router } from '../trpc';
import { backofficeService } from '../services/backoffice.service';
import { dashboardService } from '../services/dashboard.service';
import { followUpService } from '../services/follow-up.service';
import { queueFilterSchema } from '../../../src/lib/domain/backoffice/queue-filter';
import {
	auditTrailSchema,
	followUpAnswerInputSchema,
	followUpCloseInputSchema,
	followUpListInputSchema,
	followUpSchema,
	overdueListSchema,
	queueOptionsSchema,
	queuePageSchema
} from '../../../src/lib/domain/backoffice/backoffice.schema';
import { dashboardPeriodSchema, dashboardSchema } from '../../../src/lib/domain/dashboard/dashboard';

const townshipStaff = roleProcedure('township_intake', 'township_approver', 'township_issuer', 'supervisor');
const supervisor = roleProcedure('supervisor');

/** The township back office (issue #7): the filtered queue and the supervisor's views. */
export const backofficeRouter = router({
	/** The queue with server-side filters and search; fast track first, then oldest. */
	queue: townshipStaff
		.input(queueFilterSchema)
		.output(queuePageSchema)
		.query(({ ctx, input }) => backofficeService.queue(ctx.db, ctx.actor, input, ctx.now())),

	/** Villages, items and departments for the queue's filter menus. */
	queueOptions: townshipStaff.output(queueOptionsSchema).query(({ ctx }) => backofficeService.queueOptions(ctx.db, ctx.actor)),

	/** Display names of the people in a case's timeline (township staff see who did what: 首问负责制). */
	actorNames: townshipStaff
		.input(z.object({ ids: z.array(z.uuid()).max(200) }))
		.output(z.record(z.string(), z.string()))
		.query(({ ctx, input }) => backofficeService.actorNames(ctx.db, input.ids)),

	/** Cases past their promised date, by department. */
	overdue: supervisor.output(overdueListSchema).query(({ ctx }) => backofficeService.overdue(ctx.db, ctx.actor, ctx.now())),

	/** The dashboard's figures for a period (cases received in it). */
	dashboard: supervisor
		.input(dashboardPeriodSchema)
		.output(dashboardSchema)
		.query(({ ctx, input }) => dashboardService.dashboard(ctx.db, ctx.actor, input)),

	/** Every event of one case: actor, device, time, note, data. */
	audit: supervisor
		.input(z.object({ caseId: z.uuid() }))
		.output(auditTrailSchema)
		.query(({ ctx, input }) => backofficeService.auditTrail(ctx.db, ctx.actor, input.caseId)),

	followUps: supervisor
		.input(followUpListInputSchema)
		.output(z.array(followUpSchema))
		.query(({ ctx, input }) => followUpService.followUps(ctx.db, ctx.actor, input)),

	answerFollowUp: supervisor
		.input(followUpAnswerInputSchema)
		.output(z.object({ ok: z.literal(true) }))
		.mutation(async ({ ctx, input }) => {
			await followUpService.respondToFollowUp(ctx.db, ctx.actor, { ...input, close: false }, ctx.now());
			return { ok: true as const };
		}),

	closeFollowUp: supervisor
		.input(followUpCloseInputSchema)
		.output(z.object({ ok: z.literal(true) }))
		.mutation(async ({ ctx, input }) => {
			await followUpService.respondToFollowUp(ctx.db, ctx.actor, { ...input, close: true }, ctx.now());
			return { ok: true as const };
		})
});
