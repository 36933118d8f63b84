import { hasRole, type PublicUser } from '$lib/domain/roles';

/** Where a user lands after login: the field desk for field roles, the back office otherwise. */
export function homePathFor(user: Pick<PublicUser, 'roles'>): '/agent' | '/township' | '/supervisor' {
	if (hasRole(user, 'village_agent')) return '/agent';
	if (hasRole(user, 'supervisor')) return '/supervisor';
	return '/township';
}
