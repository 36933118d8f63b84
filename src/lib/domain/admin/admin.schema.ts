import { z } from 'zod';
import { roleSchema, userScopeSchema } from '../roles';
import { text } from '../text';

/** Lower-case letters, digits, dot, dash, underscore: what the demo accounts look like (agent.chenghu). */
export const usernameSchema = z
	.string()
	.regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'username: 3 to 64 lower-case letters, digits, ".", "-" or "_", starting with a letter or digit');

/** Long enough to resist guessing at argon2 speed; the throttle handles online guessing. */
export const passwordSchema = text(256).min(10, 'password must have at least 10 characters');

export const rolesSchema = z.array(roleSchema).min(1, 'give at least one role').max(8);

export const createUserInputSchema = z.object({
	username: usernameSchema,
	displayName: text(100).trim().min(1, 'display name is required'),
	password: passwordSchema,
	roles: rolesSchema,
	scope: userScopeSchema.extend({
		townshipCode: z.string().regex(/^\d{6,12}$/, 'township (or county) code: 6 to 12 digits'),
		villageCodes: z.array(z.string().regex(/^\d{12}$/, 'village code: 12 digits')).max(50).default([]),
		gridCodes: z.array(text(40).min(1)).max(100).default([]),
		departmentCodes: z.array(z.string().regex(/^[A-Z]{1,10}$/, 'department code: capital letters')).max(50).default([])
	})
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const userSummarySchema = z.object({
	id: z.string(),
	username: z.string(),
	displayName: z.string(),
	roles: z.array(roleSchema),
	scope: userScopeSchema,
	disabled: z.boolean(),
	createdAt: z.string()
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const deviceSummarySchema = z.object({
	id: z.string(),
	name: z.string(),
	tag: z.string(),
	userId: z.string(),
	username: z.string(),
	displayName: z.string(),
	enrolledAt: z.string(),
	lastSeenAt: z.string(),
	revokedAt: z.string().nullable()
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

/** The error reason a revoked device's requests carry; the app wipes its local data on it. */
export const DEVICE_REVOKED = 'DEVICE_REVOKED';
