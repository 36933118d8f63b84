import { hasRole, type PublicUser } from '$lib/domain/roles';

/** Where a user lands after login: the field desk for field roles, the back office otherwise. */
export function homePathFor(user: Pick<PublicUser, 'roles'>): '/agent' | '/grid' | '/township' | '/supervisor' | '/admin' {
	if (hasRole(user, 'village_agent')) return '/agent';
	// A grid worker's day is his deliveries (送证上门).
	if (hasRole(user, 'grid_worker')) return '/grid';
	if (hasRole(user, 'it_admin') && !hasRole(user, 'supervisor', 'township_intake', 'township_approver', 'township_issuer')) return '/admin';
	if (hasRole(user, 'supervisor')) return '/supervisor';
	return '/township';
}
