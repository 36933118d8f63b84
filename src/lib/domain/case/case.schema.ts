import { z } from 'zod';
import { deliveryMethodSchema } from '../catalog/item.schema';
import { caseStatusSchema } from './status';
import { caseClockSchema } from './clock.schema';
import { mobileSchema, residentIdSchema } from '../ids';
import { caseNumberSchema } from './case-number';
import { text } from '../text';

/** Form values as typed by the agent; the catalog's form fields decide what keys exist. */
export const formValuesSchema = z.record(text(64), z.union([text(4000), z.number().finite(), z.boolean()]));

export const applicantSchema = z.object({
	name: text(50).trim().min(1, 'applicant name is required'),
	/** Resident ID number (GB 11643), check character verified; stored normalised. */
	idNumber: residentIdSchema,
	phone: mobileSchema,
	address: text(200).trim().default(''),
	gridCode: text(20).optional()
});
export type Applicant = z.infer<typeof applicantSchema>;

/** What the agent recorded for one material of the item at intake. */
export const materialIntakeSchema = z.object({
	itemCode: text(40),
	materialId: text(64),
	received: z.boolean(),
	/** Review points (审核要点) the agent ticked. */
	checkedPoints: z.array(text(500)).max(50).default([]),
	/** The applicant signs the commitment letter instead of providing it. */
	replacedByCommitment: z.boolean().default(false),
	/** SHA-256 of each photo, hex; the bytes travel separately (content-addressed uploads). */
	attachmentHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(20).default([])
});
export type MaterialIntake = z.infer<typeof materialIntakeSchema>;

export const deliveryChoiceSchema = z.object({
	method: deliveryMethodSchema,
	address: text(200).optional()
});

/**
 * A case (办件) as the agent's device creates it and pushes it. Ids are generated on the
 * device (UUIDv7) so the case exists, with its printable case number, before any network.
 */
export const caseIntakeSchema = z.object({
	id: z.uuid(),
	/** Issued on the device, offline; the check character is verified (case-number.ts). */
	caseNumber: caseNumberSchema,
	/** One item, or several for a bundle (一件事). */
	itemCodes: z.array(text(40)).min(1).max(10),
	bundleCode: text(40).optional(),
	catalogVersion: z.number().int().min(1).max(1_000_000),
	villageCode: z.string().regex(/^\d{12}$/),
	applicant: applicantSchema,
	form: formValuesSchema,
	materials: z.array(materialIntakeSchema).max(200),
	delivery: deliveryChoiceSchema,
	/** 跑动次数: how many trips the applicant made for this case. */
	trips: z.number().int().min(0).max(20),
	/** SHA-256 (hex) of the applicant's signature image for the commitment letter; travels like a photo. */
	signatureHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
	createdAt: z.iso.datetime({ offset: true })
});
export type CaseIntake = z.infer<typeof caseIntakeSchema>;

/**
 * One correction round (补正) as a device needs it: every deficiency, when it was asked, where
 * the case returns on resubmission, and how the round ended. Township staff ids stay on the
 * server. (Same shape as the workflow's round; not imported from events.ts, which imports this file.)
 */
export const correctionSummarySchema = z.object({
	deficiencies: z.array(
		z.object({ itemCode: text(40), materialId: text(64).optional(), problem: text(500) })
	),
	requestedAt: z.iso.datetime({ offset: true }),
	returnTo: caseStatusSchema.extract(['received', 'accepted', 'under_review']),
	closedAt: z.iso.datetime({ offset: true }).nullable(),
	outcome: z.enum(['resubmitted', 'withdrawn', 'not_accepted']).nullable()
});
export type CorrectionSummary = z.infer<typeof correctionSummarySchema>;

/** A case as the server holds it and sends it back on pull. */
export const caseRecordSchema = caseIntakeSchema.extend({
	status: caseStatusSchema,
	createdBy: z.string(),
	receivedAt: z.iso.datetime({ offset: true }).nullable(),
	updatedAt: z.iso.datetime({ offset: true }),
	/** Every correction round, oldest first (absent before the server has a workflow). */
	corrections: z.array(correctionSummarySchema).max(100).optional(),
	/** The time-limit clock, for the device's deadline light. */
	clock: caseClockSchema.optional()
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;
