import { router } from '../trpc';
import { adminRouter } from './admin.router';
import { attachmentRouter } from './attachment.router';
import { authRouter } from './auth.router';
import { caseRouter } from './case.router';
import { catalogRouter } from './catalog.router';
import { problemRouter } from './problem.router';
import { syncRouter } from './sync.router';

export const appRouter = router({
	admin: adminRouter,
	attachments: attachmentRouter,
	auth: authRouter,
	case: caseRouter,
	catalog: catalogRouter,
	problems: problemRouter,
	sync: syncRouter
});

/** The client imports this type only (`import type`), so no server code reaches the bundle. */
export type AppRouter = typeof appRouter;
