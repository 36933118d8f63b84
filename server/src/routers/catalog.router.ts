import { TRPCError } from '@trpc/server';
import { z, ZodError, ZodRealError } from 'zod';
import { authedProcedure, roleProcedure, router } from '../trpc';
import { catalogService } from '../services/catalog.service';
import { catalogAdminService } from '../services/catalog-admin.service';
import { DomainError } from '../../../src/lib/domain/errors';
import { formatPath, type CatalogProblem } from '../../../src/lib/domain/catalog/catalog';
import { catalogSchema, serviceItemSchema, stationListSchema } from '../../../src/lib/domain/catalog/item.schema';

/**
 * The item's shape only: its own rules (promised within statutory, unique material ids…) are checked
 * by the service together with its references, so one answer lists every problem.
 */
const itemShapeSchema = z.object(serviceItemSchema.shape);
const versionNumber = z.number().int().min(1);
const publishedSchema = z.object({ version: versionNumber, publishedAt: z.string() });

/**
 * Catalog problems reach the client as `data.fieldErrors`, keyed by the full path of the field
 * (`item.materials[1].id`), so the editor shows each next to its field. The shared errorFormatter
 * flattens a ZodError by its first path segment only, so every issue is given its whole path as
 * one segment; input errors are re-keyed the same way, so both kinds look alike to the client.
 */
function withFieldPaths<R extends { ok: boolean; error?: unknown }>(result: R): R {
	if (result.ok || !(result.error instanceof TRPCError)) return result;
	const cause = result.error.cause;
	let problems: CatalogProblem[] | undefined;
	// Input errors only: a ZodError from output validation is the server's fault and stays a 500.
	if (cause instanceof ZodError && result.error.code === 'BAD_REQUEST') problems = cause.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
	else if (cause instanceof DomainError && cause.code === 'VALIDATION' && Array.isArray(cause.details?.problems))
		problems = cause.details.problems as CatalogProblem[];
	if (!problems) return result;
	// ZodRealError is an Error, so tRPC keeps it as the cause (a plain ZodError would be wrapped).
	const zod = new ZodRealError(problems.map((p) => ({ code: 'custom' as const, path: [p.path], message: p.message, input: undefined })));
	throw new TRPCError({ code: 'BAD_REQUEST', message: result.error.message, cause: zod });
}

const supervisor = roleProcedure('supervisor').use(async ({ next }) => withFieldPaths(await next()));

export const catalogRouter = router({
	latest: authedProcedure.output(catalogSchema).query(({ ctx }) => catalogService.latest(ctx.db)),

	/** A case is reviewed against the version it was started under, however many versions came since. */
	byVersion: authedProcedure
		.input(z.object({ version: versionNumber }))
		.output(catalogSchema)
		.query(({ ctx, input }) => catalogService.version(ctx.db, input.version)),

	versions: roleProcedure('supervisor')
		.input(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).default({ limit: 100 }))
		.output(
			z.array(publishedSchema.extend({ itemCount: z.number().int().min(0), bundleCount: z.number().int().min(0) }))
		)
		.query(({ ctx, input }) => catalogService.versions(ctx.db, input.limit)),

	/** Creates or replaces one item; publishes a new catalog version that devices pull. */
	saveItem: supervisor
		.input(z.object({ mode: z.enum(['create', 'update']), baseVersion: versionNumber, item: itemShapeSchema }))
		.output(publishedSchema.extend({ code: z.string(), unchanged: z.boolean() }))
		.mutation(({ ctx, input }) => catalogAdminService.saveItem(ctx.db, ctx.actor, input, ctx.now())),

	/** Refused while a bundle still lists the item (its bundles path says which). */
	removeItem: supervisor
		.input(z.object({ code: serviceItemSchema.shape.code }))
		.output(publishedSchema)
		.mutation(({ ctx, input }) => catalogAdminService.removeItem(ctx.db, ctx.actor, input.code, ctx.now())),

	/** One station's published proxy list; items must exist and be proxy-eligible (the path says which is not). */
	saveStationList: supervisor
		.input(stationListSchema)
		.output(publishedSchema)
		.mutation(({ ctx, input }) => catalogAdminService.saveStationList(ctx.db, ctx.actor, input, ctx.now()))
});
