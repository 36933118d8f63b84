import { z } from 'zod';
import { roleProcedure, router } from '../trpc';
import { caseService } from '../services/case.service';
import { caseRecordSchema } from '../../../src/lib/domain/case/case.schema';
import { caseStatusSchema } from '../../../src/lib/domain/case/status';

export const caseRouter = router({
	/** The township front desk's queue (综合受理). */
	queue: roleProcedure('township_intake', 'township_approver', 'township_issuer', 'supervisor')
		.input(
			z.object({
				statuses: z.array(caseStatusSchema).min(1).max(20).default(['received']),
				limit: z.number().int().min(1).max(200).default(50),
				offset: z.number().int().min(0).max(1_000_000).default(0)
			})
		)
		.output(z.object({ total: z.number().int(), cases: z.array(caseRecordSchema) }))
		.query(({ ctx, input }) => caseService.queue(ctx.db, ctx.actor, input))
});
