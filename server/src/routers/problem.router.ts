import { roleProcedure, router } from '../trpc';
import { problemService } from '../services/problem.service';
import {
	problemAnswerInputSchema,
	problemCloseInputSchema,
	problemListInputSchema,
	problemListOutputSchema,
	problemReportDetailSchema
} from '../../../src/lib/domain/problems/problem.schema';

/** "Couldn't get it done" reports (办不成事反映): agents report through sync; the centre head answers here. */
export const problemRouter = router({
	list: roleProcedure('supervisor', 'township_intake')
		.input(problemListInputSchema)
		.output(problemListOutputSchema)
		.query(({ ctx, input }) => problemService.list(ctx.db, ctx.actor, input)),
	answer: roleProcedure('supervisor')
		.input(problemAnswerInputSchema)
		.output(problemReportDetailSchema)
		.mutation(({ ctx, input }) => problemService.answer(ctx.db, ctx.actor, input, ctx.now())),
	close: roleProcedure('supervisor')
		.input(problemCloseInputSchema)
		.output(problemReportDetailSchema)
		.mutation(({ ctx, input }) => problemService.close(ctx.db, ctx.actor, input, ctx.now()))
});
