import { z } from 'zod';
import { authedProcedure, router } from '../trpc';
import { orgService } from '../services/org.service';
import { villageSchema } from '../../../src/lib/domain/org/org.schema';

/** The organisation tree as far as the caller's township reaches. */
export const orgRouter = router({
	villages: authedProcedure
		.output(z.array(villageSchema))
		.query(({ ctx }) => orgService.villages(ctx.db, ctx.actor))
});
