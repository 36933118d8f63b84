import { z } from 'zod';
import { roleProcedure, router } from '../trpc';
import { attachmentService } from '../services/attachment.service';

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');

export const attachmentRouter = router({
	/** Which of these hashes the server lacks: a device uploads only those (deduplication before any byte). */
	missing: roleProcedure('village_agent', 'grid_worker')
		.input(z.object({ hashes: z.array(sha256Schema).max(500) }))
		.output(z.object({ missing: z.array(z.string()) }))
		.query(async ({ ctx, input }) => ({ missing: await attachmentService.missing(ctx.db, input.hashes) })),

	/** A case's attachments: referenced, present, missing ("materials still uploading" until complete). */
	status: roleProcedure('township_intake', 'township_approver', 'township_issuer', 'supervisor')
		.input(z.object({ caseId: z.uuid() }))
		.output(
			z.object({
				caseId: z.string(),
				referenced: z.array(z.string()),
				present: z.array(z.string()),
				missing: z.array(z.string()),
				complete: z.boolean()
			})
		)
		.query(({ ctx, input }) => attachmentService.status(ctx.db, ctx.actor, input.caseId))
});
