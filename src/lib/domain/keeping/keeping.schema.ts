import { z } from 'zod';
import { residentIdSchema } from '../ids';
import { caseStatusSchema } from '../case/status';

/**
 * Keeping data (PIPL): an applicant's right of access, and how long personal data of finished
 * cases is kept. Shared by the server (router, CLI) and any screen that shows an export.
 */

/** Default years personal data of a finished case (办结) is kept; DAIBAN_RETENTION_YEARS overrides it. */
export const DEFAULT_RETENTION_YEARS = 3;

/** True once retention removed the case's personal data (the intake then carries `redactedAt`). */
export function isRedacted(intake: object): boolean {
	return 'redactedAt' in intake;
}

export const applicantExportInputSchema = z.object({ idNumber: residentIdSchema });
export type ApplicantExportInput = z.infer<typeof applicantExportInputSchema>;

const exportedEventSchema = z.object({
	type: z.string(),
	fromStatus: z.string().nullable(),
	toStatus: z.string(),
	at: z.string(),
	note: z.string().nullable()
});

const exportedAttachmentSchema = z.object({ hash: z.string(), size: z.number().int(), mime: z.string(), uploadedAt: z.string() });

/** Everything the township holds about one applicant: each case with its full intake, events and attachment list. */
export const applicantExportSchema = z.object({
	exportedAt: z.string(),
	idNumber: z.string(),
	cases: z.array(
		z.object({
			id: z.string(),
			caseNumber: z.string(),
			villageCode: z.string(),
			itemCodes: z.array(z.string()),
			status: caseStatusSchema,
			receivedAt: z.string(),
			updatedAt: z.string(),
			/** The intake as stored (applicant, form values, materials, delivery). */
			intake: z.record(z.string(), z.unknown()),
			events: z.array(exportedEventSchema),
			attachments: z.array(exportedAttachmentSchema)
		})
	)
});
export type ApplicantExport = z.infer<typeof applicantExportSchema>;
