import { api } from './trpc';
import type { CreateUserInput } from '$lib/domain/admin/admin.schema';
import type { Role } from '$lib/domain/roles';

/** The admin screen's online calls (accounts for it_admin; devices for it_admin and supervisors). */
export const adminApi = {
	users: () => api.admin.users.query(),
	devices: () => api.admin.devices.query(),
	createUser: (input: CreateUserInput) => api.admin.createUser.mutate(input),
	resetPassword: (userId: string, password: string) => api.admin.resetPassword.mutate({ userId, password }),
	setRoles: (userId: string, roles: Role[]) => api.admin.setRoles.mutate({ userId, roles }),
	setDisabled: (userId: string, disabled: boolean) => api.admin.setDisabled.mutate({ userId, disabled }),
	revokeDevice: (deviceId: string, reason: string) => api.admin.revokeDevice.mutate({ deviceId, reason })
};
