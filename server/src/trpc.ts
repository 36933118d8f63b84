import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import type { Role } from '../../src/lib/domain/roles';
import { DomainError, type DomainErrorCode } from '../../src/lib/domain/errors';
import { SESSION_PROBLEM_MESSAGES } from './services/session-policy';

/** zod issues as one readable line per field, e.g. "applicant.idNumber: check character is wrong". */
function describeZodError(error: ZodError): string {
	return error.issues
		.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
		.join('; ');
}

/** The access rule every procedure declares; the authorisation matrix test reads it. */
export interface ProcedureMeta {
	access: 'public' | 'authenticated' | { roles: Role[] };
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
	errorFormatter({ shape, error }) {
		const zod = error.cause instanceof ZodError ? error.cause : null;
		// An internal error's message may carry SQL and its parameters: log it, never send it.
		const internal = error.code === 'INTERNAL_SERVER_ERROR';
		return {
			...shape,
			message: zod ? describeZodError(zod) : internal ? 'internal server error' : shape.message,
			data: {
				...shape.data,
				// Never leak stack traces to clients.
				stack: undefined,
				fieldErrors: zod ? z.flattenError(zod).fieldErrors : undefined,
				domainCode: error.cause instanceof DomainError ? error.cause.code : undefined,
				reason: error.cause instanceof DomainError ? (error.cause.details?.reason as string | undefined) : undefined
			}
		};
	}
});

const trpcCodeOf: Record<DomainErrorCode, TRPCError['code']> = {
	VALIDATION: 'BAD_REQUEST',
	ILLEGAL_TRANSITION: 'CONFLICT',
	FORBIDDEN: 'FORBIDDEN',
	NOT_FOUND: 'NOT_FOUND',
	CONFLICT: 'CONFLICT',
	UNAUTHENTICATED: 'UNAUTHORIZED',
	RATE_LIMITED: 'TOO_MANY_REQUESTS'
};

/** Services throw DomainError; here it becomes the matching 4xx tRPC error. */
const domainErrors = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok && result.error.cause instanceof DomainError) {
		const cause = result.error.cause;
		throw new TRPCError({ code: trpcCodeOf[cause.code], message: cause.message, cause });
	}
	return result;
});

const NUL = String.fromCharCode(0);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string in a raw input that PostgreSQL cannot store: text and jsonb refuse
 * U+0000, and jsonb refuses an unpaired UTF-16 surrogate ("\ud800"), which JSON can carry. Without
 * this, such a value would reach a query and fail as a 500 (found by the fuzz test).
 */
export function unstorableTextPath(input: unknown): string | null {
	const stack: [unknown, string][] = [[input, '']];
	// Bounded: every node is visited once; the body limit bounds the node count.
	while (stack.length > 0) {
		const [node, path] = stack.pop()!;
		if (typeof node === 'string') {
			if (node.includes(NUL) || LONE_SURROGATE.test(node)) return path || '(input)';
		} else if (node && typeof node === 'object') {
			for (const [key, child] of Object.entries(node)) {
				if (key.includes(NUL) || LONE_SURROGATE.test(key)) return path ? `${path}.(key)` : '(key)';
				stack.push([child, path ? `${path}.${key}` : key]);
			}
		}
	}
	return null;
}

/**
 * Procedures whose input is a batch validated item by item: one bad item must become that item's
 * rejection (text() refuses it there), never a refusal of the whole batch, which a device would
 * retry for ever with its outbox blocked.
 */
const ITEMWISE_VALIDATED = new Set(['sync.push']);

const storableText = t.middleware(async ({ path: procedure, getRawInput, next }) => {
	if (ITEMWISE_VALIDATED.has(procedure)) return next();
	const path = unstorableTextPath(await getRawInput().catch(() => undefined));
	if (path) {
		throw new TRPCError({ code: 'BAD_REQUEST', message: `${path}: text must not contain NUL (U+0000) or unpaired surrogate characters` });
	}
	return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure carries an access rule: `publicProcedure` is the explicit "anyone" rule. */
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(domainErrors).use(storableText);

export const authedProcedure = t.procedure.meta({ access: 'authenticated' }).use(domainErrors).use(storableText).use(({ ctx, next }) => {
	if (!ctx.actor) {
		// A known reason (e.g. DEVICE_REVOKED) reaches the client as data.reason, so the app can act on it.
		const problem = ctx.sessionProblem;
		if (problem) {
			const cause = new DomainError('UNAUTHENTICATED', SESSION_PROBLEM_MESSAGES[problem], { reason: problem });
			throw new TRPCError({ code: 'UNAUTHORIZED', message: cause.message, cause });
		}
		throw new TRPCError({ code: 'UNAUTHORIZED', message: 'please log in' });
	}
	return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** A procedure open to the given roles only (permission declared at the endpoint; rows are checked in services). */
export function roleProcedure(...roles: Role[]) {
	return authedProcedure.meta({ access: { roles } }).use(({ ctx, next }) => {
		if (!ctx.actor.roles.some((r) => roles.includes(r))) {
			throw new TRPCError({
				code: 'FORBIDDEN',
				message: `this action needs one of the roles: ${roles.join(', ')}`
			});
		}
		return next({ ctx });
	});
}
