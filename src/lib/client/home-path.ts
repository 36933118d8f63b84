import { hasRole, type PublicUser } from '$lib/domain/roles';

/** Where a user lands after login: the field desk for field roles, the back office otherwise. */
export function homePathFor(user: Pick<PublicUser, 'roles'>): '/agent' | '/township' | '/supervisor' | '/admin' {
	if (hasRole(user, 'village_agent')) return '/agent';
	if (hasRole(user, 'it_admin') && !hasRole(user, 'supervisor', 'township_intake', 'township_approver', 'township_issuer')) return '/admin';
	if (hasRole(user, 'supervisor')) return '/supervisor';
	return '/township';
}
