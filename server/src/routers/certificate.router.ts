import { z } from 'zod';
import { roleProcedure, router } from '../trpc';
import { certificateService } from '../services/certificate.service';
import { deliveryAssignmentInputSchema, reasonSchema } from '../../../src/lib/domain/certificates';
import { caseStatusSchema } from '../../../src/lib/domain/case/status';
import { deliveryMethodSchema } from '../../../src/lib/domain/catalog/item.schema';
import { cstDate } from '../../../src/lib/domain/case/workflow';

const issuer = roleProcedure('township_issuer');
const issuerOrSupervisor = roleProcedure('township_issuer', 'supervisor');

const issuedSchema = z.object({
	id: z.string(),
	caseId: z.string(),
	caseNumber: z.string(),
	caseStatus: z.string(),
	itemCode: z.string(),
	certificateNumber: z.string(),
	title: z.string(),
	holderName: z.string(),
	issuedAt: z.string(),
	revokedAt: z.string().nullable(),
	revokeReason: z.string().nullable(),
	printCount: z.number().int(),
	deliveryChoice: z.string(),
	payload: z.string()
});

const queueEntrySchema = z.object({
	caseId: z.string(),
	caseNumber: z.string(),
	villageCode: z.string(),
	itemCode: z.string(),
	title: z.string(),
	holderName: z.string(),
	approvedAt: z.string(),
	fastTrack: z.boolean(),
	deliveryChoice: deliveryMethodSchema
});

export const certificateRouter = router({
	/** Approved cases waiting for a certificate: fast track first, then the oldest decision. */
	queue: issuerOrSupervisor.output(z.array(queueEntrySchema)).query(({ ctx }) => certificateService.queue(ctx.db, ctx.actor)),

	issue: issuer
		.input(z.object({ caseId: z.uuid(), itemCode: z.string().min(1).max(40).optional() }))
		.output(issuedSchema)
		.mutation(({ ctx, input }) => certificateService.issue(ctx.db, ctx.actor, input, ctx.now(), ctx.cryptoSuite ?? 'standard')),

	/** Certificates issued on a day (China time; default today). */
	list: issuerOrSupervisor
		.input(z.object({ date: z.iso.date().optional() }).default({}))
		.output(z.array(issuedSchema))
		.query(({ ctx, input }) => certificateService.list(ctx.db, ctx.actor, input.date ?? cstDate(ctx.now().toISOString()))),

	reprint: issuer
		.input(z.object({ certificateId: z.uuid(), reason: reasonSchema }))
		.output(z.object({ printId: z.string() }))
		.mutation(({ ctx, input }) => certificateService.reprint(ctx.db, ctx.actor, input, ctx.now())),

	revoke: roleProcedure('supervisor')
		.input(z.object({ certificateId: z.uuid(), reason: reasonSchema }))
		.output(issuedSchema)
		.mutation(({ ctx, input }) => certificateService.revoke(ctx.db, ctx.actor, input, ctx.now())),

	deliveryOptions: issuerOrSupervisor
		.input(z.object({ caseId: z.uuid() }))
		.output(
			z.object({
				caseId: z.string(),
				caseNumber: z.string(),
				status: caseStatusSchema,
				choice: deliveryMethodSchema,
				address: z.string(),
				gridWorkers: z.array(z.object({ id: z.string(), displayName: z.string(), gridCodes: z.array(z.string()), preselected: z.boolean() }))
			})
		)
		.query(({ ctx, input }) => certificateService.deliveryOptions(ctx.db, ctx.actor, input.caseId)),

	assignDelivery: issuer
		.input(deliveryAssignmentInputSchema)
		.output(z.object({ caseId: z.string(), status: z.string() }))
		.mutation(({ ctx, input }) => certificateService.assignDelivery(ctx.db, ctx.actor, input, ctx.now()))
});
