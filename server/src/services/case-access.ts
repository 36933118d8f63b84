import { hasRole, TOWNSHIP_ROLES, type Role } from '../../../src/lib/domain/roles';
import type { Actor } from '../context';

/**
 * Row-level rule for a case, by its village: the given field roles see the cases of their own
 * villages; township staff those of their township (village codes start with its code).
 * One rule for the case views and the attachments they reference.
 */
export function canSeeCaseOf(actor: Actor, villageCode: string, fieldRoles: readonly Role[] = ['village_agent']): boolean {
	if (hasRole(actor, ...fieldRoles) && actor.scope.villageCodes.includes(villageCode)) return true;
	const township = actor.scope.townshipCode;
	return hasRole(actor, ...TOWNSHIP_ROLES) && township.length > 0 && villageCode.startsWith(township);
}
