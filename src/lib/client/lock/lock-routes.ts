import type { LockStatus } from './lock.svelte';

export const LOCK_PATHS = ['/unlock', '/set-pin'] as const;
type LockPath = (typeof LOCK_PATHS)[number];

/** Pages a field user may see without the key: the lock screens and the online login. */
export function isOpenWhileLocked(pathname: string): boolean {
	return pathname === '/login' || (LOCK_PATHS as readonly string[]).includes(pathname);
}

/**
 * Where the route guard sends a field user with a session, or null to stay. It only ever sends
 * *to* a lock screen or the login: leaving a lock screen is that screen's own business (it
 * finishes its work, such as the first sync, before moving on).
 */
export function lockRedirect(status: LockStatus, pathname: string): LockPath | '/login' | null {
	if (isOpenWhileLocked(pathname)) {
		// A locked device on the set-PIN page (opened by hand) belongs on the unlock page.
		if (pathname === '/set-pin' && (status === 'locked' || status === 'locked-out')) return '/unlock';
		if (pathname === '/unlock' && status === 'needs-pin') return '/set-pin';
		if (pathname !== '/login' && status === 'needs-login') return '/login';
		return null;
	}
	switch (status) {
		case 'locked':
		case 'locked-out':
			return '/unlock';
		case 'needs-pin':
			return '/set-pin';
		case 'needs-login':
			return '/login';
		default:
			return null;
	}
}
