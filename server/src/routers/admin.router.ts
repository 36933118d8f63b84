import { z } from 'zod';
import { roleProcedure, router } from '../trpc';
import { adminService } from '../services/admin.service';
import { text } from '../../../src/lib/domain/text';
import { createUserInputSchema, deviceSummarySchema, passwordSchema, rolesSchema, userSummarySchema } from '../../../src/lib/domain/admin/admin.schema';

const itAdmin = roleProcedure('it_admin');
/** Devices: the county IT admin everywhere, a township supervisor for his township (checked in the service). */
const deviceAdmin = roleProcedure('it_admin', 'supervisor');
const scopeSchema = createUserInputSchema.shape.scope;

/** User accounts and devices (the admin screen, /admin). The same operations exist as `npm run admin`. */
export const adminRouter = router({
	users: itAdmin.output(z.array(userSummarySchema)).query(({ ctx }) => adminService.listUsers(ctx.db)),

	createUser: itAdmin
		.input(createUserInputSchema)
		.output(userSummarySchema)
		.mutation(({ ctx, input }) => adminService.createUser(ctx.db, { kind: 'app', actor: ctx.actor }, input, ctx.now())),

	resetPassword: itAdmin
		.input(z.object({ userId: z.uuid(), password: passwordSchema }))
		.output(z.object({ sessionsEnded: z.number().int() }))
		.mutation(({ ctx, input }) => adminService.resetPassword(ctx.db, { kind: 'app', actor: ctx.actor }, input.userId, input.password, ctx.now())),

	setRoles: itAdmin
		.input(z.object({ userId: z.uuid(), roles: rolesSchema, scope: scopeSchema.optional() }))
		.output(userSummarySchema)
		.mutation(({ ctx, input }) => adminService.setRoles(ctx.db, { kind: 'app', actor: ctx.actor }, input.userId, input.roles, input.scope, ctx.now())),

	setDisabled: itAdmin
		.input(z.object({ userId: z.uuid(), disabled: z.boolean() }))
		.output(userSummarySchema)
		.mutation(({ ctx, input }) => adminService.setDisabled(ctx.db, { kind: 'app', actor: ctx.actor }, input.userId, input.disabled, ctx.now())),

	devices: deviceAdmin.output(z.array(deviceSummarySchema)).query(({ ctx }) => adminService.listDevices(ctx.db, { kind: 'app', actor: ctx.actor })),

	revokeDevice: deviceAdmin
		.input(z.object({ deviceId: z.uuid(), reason: text(200).trim().min(1, 'say why (e.g. "lost")').default('revoked by an administrator') }))
		.output(deviceSummarySchema)
		.mutation(({ ctx, input }) => adminService.revokeDevice(ctx.db, { kind: 'app', actor: ctx.actor }, input.deviceId, input.reason, ctx.now()))
});
