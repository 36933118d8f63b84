import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { publicService } from '../services/public.service';
import { MAX_PAYLOAD_LENGTH, verifyOutcomeSchema } from '../../../src/lib/domain/certificates';
import { caseNumberSchema } from '../../../src/lib/domain/case/case-number';
import { caseStatusSchema } from '../../../src/lib/domain/case/status';

/** The address a public request came from; a caller without HTTP (tests, scripts) shares one bucket. */
function addressOf(ctx: { request: { ip: string } | null }): string {
	return ctx.request?.ip ?? 'local';
}

export const publicRouter = router({
	/** 证照核验: the QR code's page. No login; rate-limited per address. */
	verifyCertificate: publicProcedure
		.input(z.object({ payload: z.string().min(1, 'the link carries no certificate').max(MAX_PAYLOAD_LENGTH) }))
		.output(verifyOutcomeSchema)
		.query(({ ctx, input }) => publicService.verifyCertificate(ctx.db, addressOf(ctx), input.payload, ctx.now())),

	/** 办件查询: status and promised date only, for the case number and the last 4 digits of the applicant's phone. */
	caseStatus: publicProcedure
		.input(
			z.object({
				caseNumber: caseNumberSchema,
				phoneLast4: z.string().regex(/^\d{4}$/, 'enter the last 4 digits of the phone number')
			})
		)
		.output(z.object({ status: caseStatusSchema, expectedCompletion: z.string().nullable() }))
		.query(({ ctx, input }) => publicService.caseStatus(ctx.db, addressOf(ctx), input, ctx.now()))
});
