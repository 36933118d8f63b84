import { z } from 'zod';
import { caseIntakeSchema, caseRecordSchema, materialIntakeSchema } from '../case/case.schema';
import { catalogSchema } from '../catalog/item.schema';
import { problemReportArgsSchema, problemReportSchema } from '../problems/problem.schema';
import { text } from '../text';
import { deliveryFailArgsSchema, deliveryProjectionSchema, deliveryRecordArgsSchema } from '../delivery/delivery.schema';

/**
 * The sync protocol between devices and the township server (docs/SYNC.md).
 * Bumped on any incompatible change; a device speaking an older version is told to update.
 */
export const PROTOCOL_VERSION = 1;

/**
 * `case.resubmit`: the agent answers a correction request (补正) with the missing materials. The
 * server runs the lifecycle's `resubmit` event; the case goes back where it came from.
 */
export const caseResubmitArgsSchema = z.object({
	caseId: z.uuid(),
	materials: z.array(materialIntakeSchema).min(1, 'add at least one material').max(200),
	note: text(500).trim().optional()
});
export type CaseResubmitArgs = z.infer<typeof caseResubmitArgsSchema>;

/** Mutations a device can queue. Args are validated per mutation on the server, so one bad
 * mutation is rejected on its own and never fails the whole batch (it would block the queue). */
export const mutationArgsSchemas = {
	'case.submit': caseIntakeSchema,
	'case.resubmit': caseResubmitArgsSchema,
	'problem.report': problemReportArgsSchema,
	'delivery.record': deliveryRecordArgsSchema,
	'delivery.fail': deliveryFailArgsSchema
} as const;
export type MutationName = keyof typeof mutationArgsSchemas;
export const mutationNameSchema = z.enum(Object.keys(mutationArgsSchemas) as [MutationName, ...MutationName[]]);
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgsSchemas)[N]>;

export const MAX_PUSH_BATCH = 100;
export const MAX_PULL_LIMIT = 500;

export const mutationEnvelopeSchema = z.object({
	/** Per-client, strictly increasing from 1 with no gaps. */
	id: z.number().int().positive(),
	name: z.string().max(64),
	args: z.unknown(),
	createdAt: z.iso.datetime({ offset: true })
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export const pushRequestSchema = z.object({
	protocolVersion: z.number().int(),
	clientId: z.uuid(),
	mutations: z.array(mutationEnvelopeSchema).min(1).max(MAX_PUSH_BATCH)
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.object({
	id: z.number().int(),
	status: z.enum(['applied', 'duplicate', 'rejected']),
	code: z.string().optional(),
	reason: z.string().optional()
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
	lastMutationId: z.number().int().nonnegative(),
	results: z.array(mutationResultSchema)
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
	protocolVersion: z.number().int(),
	clientId: z.uuid(),
	cursor: z.number().int().nonnegative(),
	limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(200),
	/** The newest catalog version the device holds (0: none); a newer one comes back whole. */
	catalogVersion: z.number().int().nonnegative().default(0),
	/** Oldest outbox mutation the device still waits on, so refusals it missed are re-sent. */
	oldestPendingMutationId: z.number().int().positive().optional()
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** `delivery`: a grid worker's delivery left his scope (reassigned, delivered, back to the station). */
export const tombstoneSchema = z.object({ entityType: z.enum(['case', 'delivery']), entityId: z.string() });

export const pullResponseSchema = z.object({
	cursor: z.number().int().nonnegative(),
	hasMore: z.boolean(),
	/** The server's last applied mutation id for this client: outbox entries up to it are done. */
	lastMutationId: z.number().int().nonnegative(),
	cases: z.array(caseRecordSchema),
	/** "Couldn't get it done" reports of the agent's villages changed in this page's cursor range. */
	problems: z.array(problemReportSchema).default([]),
	tombstones: z.array(tombstoneSchema),
	/** A grid worker's deliveries changed in this page (projected: only what a hand-over needs). */
	deliveries: z.array(deliveryProjectionSchema).default([]),
	/** Mutations of this client that were refused, with the reason to show the user. */
	rejections: z.array(z.object({ mutationId: z.number().int(), code: z.string(), reason: z.string() })),
	/** The current catalog when newer than the device's, else null. */
	catalog: catalogSchema.nullable(),
	/**
	 * On the last page only: per scope, the count and checksum of everything the device should hold
	 * (scope-digest.ts), as of change number `atCursor`. The device checks it when `atCursor` equals
	 * the page's cursor and re-downloads a scope that disagrees (docs/SYNC.md, "Pull integrity").
	 */
	digests: z
		.array(z.object({ scope: z.string().max(32), count: z.number().int().nonnegative(), checksum: z.string().regex(/^[0-9a-f]{16}$/), atCursor: z.number().int().nonnegative() }))
		.max(16)
		.default([])
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Error code sent when a device's protocol is older than the server's. */
export const CLIENT_TOO_OLD = 'CLIENT_TOO_OLD';
