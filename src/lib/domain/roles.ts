import { z } from 'zod';

/** Roles of DOMAIN.md. A person may hold several; every tRPC procedure declares which it admits. */
export const roleSchema = z.enum([
	'village_agent',
	'township_intake',
	'township_approver',
	'township_issuer',
	'grid_worker',
	'supervisor',
	/** County IT administrator: user accounts and devices, no case data (docs/SECURITY.md). */
	'it_admin'
]);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** Roles that work in the field on a device that is offline for long stretches. */
export const FIELD_ROLES: readonly Role[] = ['village_agent', 'grid_worker'];
/** Roles that work in the township service centre, online. */
export const TOWNSHIP_ROLES: readonly Role[] = [
	'township_intake',
	'township_approver',
	'township_issuer',
	'supervisor'
];

/**
 * Where a user may act. Row-level access checks in the server's services read these;
 * the device's sync scope is derived from them too.
 */
export const userScopeSchema = z.object({
	townshipCode: z.string().min(1),
	villageCodes: z.array(z.string()).default([]),
	gridCodes: z.array(z.string()).default([]),
	departmentCodes: z.array(z.string()).default([])
});
export type UserScope = z.infer<typeof userScopeSchema>;

export const publicUserSchema = z.object({
	id: z.string(),
	username: z.string(),
	displayName: z.string(),
	roles: z.array(roleSchema).min(1),
	scope: userScopeSchema
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export function hasRole(user: Pick<PublicUser, 'roles'>, ...roles: readonly Role[]): boolean {
	return user.roles.some((r) => roles.includes(r));
}
