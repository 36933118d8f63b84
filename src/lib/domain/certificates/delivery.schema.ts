import { z } from 'zod';

/**
 * How the certificate window hands a result on, per the applicant's delivery choice (DOMAIN.md):
 * a grid worker brings it home, it waits at the village station or the township window, or it is
 * mailed with a tracking number.
 */
export const deliveryAssignmentInputSchema = z.discriminatedUnion('method', [
	z.object({ caseId: z.uuid(), method: z.literal('grid_delivery'), gridWorkerId: z.uuid('choose a grid worker') }),
	z.object({ caseId: z.uuid(), method: z.literal('station_pickup') }),
	z.object({ caseId: z.uuid(), method: z.literal('township_window') }),
	z.object({
		caseId: z.uuid(),
		method: z.literal('mail'),
		trackingNumber: z
			.string()
			.trim()
			.min(6, 'a tracking number has at least 6 characters')
			.max(40)
			.regex(/^[A-Za-z0-9-]+$/, 'a tracking number has letters, digits and - only')
	})
]);
export type DeliveryAssignmentInput = z.infer<typeof deliveryAssignmentInputSchema>;

export const reasonSchema = z.string().trim().min(2, 'give a reason (at least 2 characters)').max(500);
