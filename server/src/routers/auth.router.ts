import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc';
import { authService } from '../services/auth.service';
import { publicUserSchema } from '../../../src/lib/domain/roles';
import { text } from '../../../src/lib/domain/text';

const sessionInfoSchema = z.object({
	user: publicUserSchema,
	device: z.object({ id: z.string(), tag: z.string() })
});

export const authRouter = router({
	login: publicProcedure
		.input(
			z.object({
				username: text(64).trim().min(1, 'username is required'),
				password: text(256).min(1, 'password is required'),
				deviceName: text(100).trim().min(1),
				deviceId: z.uuid().optional()
			})
		)
		.output(sessionInfoSchema)
		.mutation(async ({ ctx, input }) => {
			const now = ctx.now();
			const result = await authService.login(ctx.db, input, now, ctx.sessionDays, { ip: ctx.request?.ip, limits: ctx.loginLimits });
			ctx.request?.setSessionCookie(result.token, ctx.sessionDays * 86_400);
			return { user: result.user, device: { id: result.device.id, tag: result.device.tag } };
		}),

	me: authedProcedure.output(sessionInfoSchema).query(({ ctx }) => {
		const { deviceId, deviceTag, sessionTokenHash: _, ...user } = ctx.actor;
		return { user: publicUserSchema.parse(user), device: { id: deviceId, tag: deviceTag } };
	}),

	logout: authedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
		await authService.logout(ctx.db, ctx.actor, ctx.now());
		ctx.request?.clearSessionCookie();
		return { ok: true as const };
	}),

	/** Ends every session of this user, on every device, this one included. */
	logoutEverywhere: authedProcedure.output(z.object({ ended: z.number().int() })).mutation(async ({ ctx }) => {
		const ended = await authService.logoutEverywhere(ctx.db, ctx.actor, ctx.now());
		ctx.request?.clearSessionCookie();
		return { ended };
	})
});
