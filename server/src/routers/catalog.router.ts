import { authedProcedure, router } from '../trpc';
import { catalogService } from '../services/catalog.service';
import { catalogSchema } from '../../../src/lib/domain/catalog/item.schema';

export const catalogRouter = router({
	latest: authedProcedure.output(catalogSchema).query(({ ctx }) => catalogService.latest(ctx.db))
});
