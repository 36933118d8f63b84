import { roleProcedure, router } from '../trpc';
import { keepingService } from '../services/keeping.service';
import { applicantExportInputSchema, applicantExportSchema } from '../../../src/lib/domain/keeping/keeping.schema';

/** Keeping data (PIPL). A mutation, not a query: the ID number must not travel in a URL (logs, caches). */
export const keepingRouter = router({
	exportApplicant: roleProcedure('supervisor')
		.input(applicantExportInputSchema)
		.output(applicantExportSchema)
		.mutation(({ ctx, input }) => keepingService.exportApplicant(ctx.db, { kind: 'user', actor: ctx.actor }, input, ctx.now()))
});
