import { z } from 'zod';
import { deliveryMethodSchema } from '../catalog/item.schema';
import { materialIntakeSchema } from './case.schema';

/**
 * Everything that can happen to a case, as data. The device queues these in its outbox and
 * the server replays them through the same `transition`, so each event carries what the
 * transition needs and nothing the actor's identity already says.
 */

const reasonSchema = z.string().trim().min(1, 'a reason is required').max(500);
const noteSchema = z.string().trim().max(500).optional();
const itemCodeSchema = z.string().min(1).max(40);

/** One deficiency of a correction request (补正). */
export const deficiencySchema = z.object({
	itemCode: itemCodeSchema,
	/** Absent when the problem is not one material (e.g. the form itself). */
	materialId: z.string().min(1).optional(),
	problem: z.string().trim().min(1, 'say what is wrong').max(500)
});
export type Deficiency = z.infer<typeof deficiencySchema>;

/** 好差评: 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意. */
export const ratingLevelSchema = z.enum([
	'very_satisfied',
	'satisfied',
	'basically_satisfied',
	'dissatisfied',
	'very_dissatisfied'
]);
export type RatingLevel = z.infer<typeof ratingLevelSchema>;
/** A bad rating opens a follow-up (整改) that must be closed with a response (回访). */
export const BAD_RATINGS: readonly RatingLevel[] = ['dissatisfied', 'very_dissatisfied'];

export const pickupPlaceSchema = deliveryMethodSchema.extract(['station_pickup', 'township_window']);
export type PickupPlace = z.infer<typeof pickupPlaceSchema>;

export const recipientSchema = z.object({
	name: z.string().trim().min(1).max(50),
	relation: z.enum(['applicant', 'family_member', 'authorised_proxy'])
});

/** Signature and photo are uploaded content-addressed; the event only names them. */
export const proofRefSchema = z.string().regex(/^[0-9a-f]{64}$/, 'proof ref: SHA-256 hex of the upload');

export const caseEventSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('submit') }),
	z.object({ type: z.literal('receive') }),
	z.object({
		type: z.literal('accept'),
		/** Items the front desk judged low risk: their skippable steps are skipped (see README). */
		lowRiskItemCodes: z.array(itemCodeSchema).max(10).default([]),
		note: noteSchema
	}),
	z.object({
		type: z.literal('request_correction'),
		// 一次性告知: every deficiency in one request, so there is no "add one more" event.
		deficiencies: z.array(deficiencySchema).min(1, 'list at least one deficiency').max(100)
	}),
	z.object({
		type: z.literal('resubmit'),
		materials: z.array(materialIntakeSchema).min(1, 'add at least one material').max(200),
		note: noteSchema
	}),
	z.object({ type: z.literal('not_accept'), reason: reasonSchema }),
	z.object({ type: z.literal('start_review') }),
	z.object({ type: z.literal('approve_step'), itemCode: itemCodeSchema, stepId: z.string().min(1), note: noteSchema }),
	z.object({
		type: z.literal('refuse_step'),
		itemCode: itemCodeSchema,
		stepId: z.string().min(1),
		reason: reasonSchema,
		// 行政许可法 §38: a refusal must state its legal basis.
		legalBasis: z.string().trim().min(1, 'a refusal needs its legal basis').max(500)
	}),
	z.object({ type: z.literal('return_step'), itemCode: itemCodeSchema, stepId: z.string().min(1), reason: reasonSchema }),
	z.object({ type: z.literal('set_fast_track'), fastTrack: z.boolean(), reason: reasonSchema }),
	z.object({
		type: z.literal('issue_certificate'),
		/** May be left out when exactly one item is waiting for its certificate. */
		itemCode: itemCodeSchema.optional(),
		number: z.string().trim().min(1).max(64)
	}),
	z.object({ type: z.literal('assign_delivery'), gridWorkerId: z.string().min(1) }),
	z.object({ type: z.literal('ready_for_pickup'), place: pickupPlaceSchema }),
	z.object({ type: z.literal('mail'), trackingNumber: z.string().trim().min(1).max(64) }),
	z.object({
		type: z.literal('record_delivery'),
		recipient: recipientSchema,
		proofRefs: z.array(proofRefSchema).min(1, 'a delivery needs a signature or photo').max(10),
		place: z.string().trim().max(200).optional()
	}),
	z.object({ type: z.literal('record_failed_attempt'), reason: reasonSchema }),
	z.object({ type: z.literal('complete'), note: noteSchema }),
	z.object({ type: z.literal('rate'), level: ratingLevelSchema, comment: z.string().trim().max(500).optional() }),
	z.object({ type: z.literal('withdraw'), reason: z.string().trim().max(500).optional() })
]);

/** An event after parsing (defaults filled in): what the transition and the log hold. */
export type CaseEvent = z.infer<typeof caseEventSchema>;
/** An event as a caller writes it (defaulted fields may be left out). */
export type CaseEventInput = z.input<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES: readonly CaseEventType[] = caseEventSchema.options.map((o) => o.shape.type.value);
