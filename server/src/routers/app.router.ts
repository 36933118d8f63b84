import { router } from '../trpc';
import { adminRouter } from './admin.router';
import { attachmentRouter } from './attachment.router';
import { authRouter } from './auth.router';
import { backofficeRouter } from './backoffice.router';
import { caseRouter } from './case.router';
import { catalogRouter } from './catalog.router';
import { orgRouter } from './org.router';
import { certificateRouter } from './certificate.router';
import { keepingRouter } from './keeping.router';
import { problemRouter } from './problem.router';
import { publicRouter } from './public.router';
import { syncRouter } from './sync.router';

export const appRouter = router({
	admin: adminRouter,
	attachments: attachmentRouter,
	auth: authRouter,
	backoffice: backofficeRouter,
	case: caseRouter,
	catalog: catalogRouter,
	org: orgRouter,
	certificates: certificateRouter,
	keeping: keepingRouter,
	problems: problemRouter,
	public: publicRouter,
	sync: syncRouter
});

/** The client imports this type only (`import type`), so no server code reaches the bundle. */
export type AppRouter = typeof appRouter;
