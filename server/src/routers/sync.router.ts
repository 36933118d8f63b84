import { roleProcedure, router } from '../trpc';
import { syncService } from '../services/sync.service';
import {
	pullRequestSchema,
	pullResponseSchema,
	pushRequestSchema,
	pushResponseSchema
} from '../../../src/lib/domain/sync/protocol';

/** Field devices sync; township staff work online against the case procedures. */
const fieldProcedure = roleProcedure('village_agent', 'grid_worker');

export const syncRouter = router({
	push: fieldProcedure
		.input(pushRequestSchema)
		.output(pushResponseSchema)
		.mutation(({ ctx, input }) => syncService.push(ctx.db, ctx.actor, input, ctx.now)),
	pull: fieldProcedure
		.input(pullRequestSchema)
		.output(pullResponseSchema)
		.query(({ ctx, input }) => syncService.pull(ctx.db, ctx.actor, input))
});
