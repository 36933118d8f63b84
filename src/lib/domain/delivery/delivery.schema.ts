import { z } from 'zod';
import { caseNumberSchema } from '../case/case-number';
import { ratingLevelSchema } from '../case/events';
import { text } from '../text';

/**
 * A delivery (送证上门) as a grid worker's device holds it: ONLY what a hand-over needs (PIPL:
 * collect the minimum). No full ID number, no materials, no photos, no intake form. The server
 * builds it with `toDeliveryProjection` (server side) and the device validates it with this
 * schema, so neither side can add a field the other would not expect.
 */
export const deliveryCertificateSchema = z.object({
	itemCode: text(40),
	/** What the certificate is, e.g. 老年人优待证. */
	title: text(100),
	number: text(64),
	/** The signed QR payload, once the certificate window has produced one. */
	qrPayload: text(4000).nullable()
});
export type DeliveryCertificate = z.infer<typeof deliveryCertificateSchema>;

export const failedAttemptReasonSchema = z.enum(['nobody_home', 'wrong_address', 'refused', 'other']);
export type FailedAttemptReason = z.infer<typeof failedAttemptReasonSchema>;
export const FAILED_ATTEMPT_REASONS: readonly FailedAttemptReason[] = failedAttemptReasonSchema.options;

export const deliveryAttemptSchema = z.object({
	at: z.iso.datetime({ offset: true }),
	reason: text(600)
});

/** The personal part of a delivery: kept encrypted on the device (see src/lib/client/grid). */
export const deliveryPersonalSchema = z.object({
	applicantName: text(50),
	/** First 4 and last 4 of the resident ID (DOMAIN.md "mask in lists"). */
	maskedId: text(18),
	phone: text(20),
	address: text(200)
});
export type DeliveryPersonal = z.infer<typeof deliveryPersonalSchema>;

export const deliveryProjectionSchema = z
	.object({
		caseId: z.uuid(),
		caseNumber: caseNumberSchema,
		villageCode: z.string().regex(/^\d{12}$/),
		villageName: text(100),
		gridCode: text(20).nullable(),
		gridName: text(100).nullable(),
		assignedAt: z.iso.datetime({ offset: true }),
		/** Failed attempts on the current assignment; the third sends it back to the station. */
		failedAttempts: z.array(deliveryAttemptSchema).max(3),
		certificates: z.array(deliveryCertificateSchema).max(10),
		personal: deliveryPersonalSchema,
		/** Change sequence of the case when projected: a newer pull replaces an older copy. */
		changeSeq: z.number().int().nonnegative()
	})
	.strict();
export type DeliveryProjection = z.infer<typeof deliveryProjectionSchema>;

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex of the upload');

/** Who took the certificate: the applicant, or a named proxy with the relation to the applicant. */
export const deliveryRecipientSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('applicant') }),
	z.object({
		kind: z.literal('proxy'),
		name: text(50).trim().min(1, 'name the person who took it'),
		relation: z.enum(['family_member', 'authorised_proxy']),
		/** e.g. 儿子, 邻居 (free text, optional). */
		relationNote: text(50).trim().optional()
	})
]);
export type DeliveryRecipient = z.infer<typeof deliveryRecipientSchema>;

export const geoPointSchema = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracy: z.number().min(0).max(100_000)
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

/** Mutation `delivery.record`: one hand-over with its proof and the applicant's rating (好差评). */
export const deliveryRecordArgsSchema = z.object({
	caseId: z.uuid(),
	recipient: deliveryRecipientSchema,
	/** Last 4 characters of the applicant's ID as shown by the recipient; the server checks them too. */
	idLast4: z.string().regex(/^\d{3}[\dXx]$/, 'the last 4 characters of the ID: 3 digits and a digit or X'),
	signatureHash: hashSchema,
	photoHash: hashSchema,
	/** When the hand-over happened on the device (not when it reached the server). */
	at: z.iso.datetime({ offset: true }),
	location: geoPointSchema.optional(),
	rating: z.object({ level: ratingLevelSchema, comment: text(500).trim().optional() })
});
export type DeliveryRecordArgs = z.infer<typeof deliveryRecordArgsSchema>;

/** Mutation `delivery.fail`: nobody home, wrong address, refused, other; a note and the next try. */
export const deliveryFailArgsSchema = z.object({
	caseId: z.uuid(),
	reason: failedAttemptReasonSchema,
	note: text(500).trim().default(''),
	nextPlannedDate: z.iso.date(),
	at: z.iso.datetime({ offset: true })
});
export type DeliveryFailArgs = z.infer<typeof deliveryFailArgsSchema>;
export type DeliveryFailInput = z.input<typeof deliveryFailArgsSchema>;
