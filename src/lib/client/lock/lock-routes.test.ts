import { describe, expect, it } from 'vitest';
import { lockRedirect } from './lock-routes';

describe('lockRedirect', () => {
	it('sends a locked device to the unlock page from any app page', () => {
		for (const path of ['/', '/agent', '/agent/cases/0193', '/township']) {
			expect(lockRedirect('locked', path)).toBe('/unlock');
			expect(lockRedirect('locked-out', path)).toBe('/unlock');
		}
	});

	it('sends a fresh login to set a PIN, and a field user without a usable key to log in online', () => {
		expect(lockRedirect('needs-pin', '/agent')).toBe('/set-pin');
		expect(lockRedirect('needs-pin', '/unlock')).toBe('/set-pin');
		expect(lockRedirect('needs-login', '/agent')).toBe('/login');
		expect(lockRedirect('needs-login', '/unlock')).toBe('/login');
	});

	it('leaves the login page open in every state (the way out of a lock-out)', () => {
		for (const status of ['locked', 'locked-out', 'needs-pin', 'needs-login', 'unlocked', 'off'] as const) {
			expect(lockRedirect(status, '/login')).toBeNull();
		}
	});

	it('does nothing when unlocked, off or not yet known', () => {
		for (const status of ['unlocked', 'off', 'unknown'] as const) {
			expect(lockRedirect(status, '/agent')).toBeNull();
			expect(lockRedirect(status, '/unlock')).toBeNull();
		}
		expect(lockRedirect('locked', '/unlock')).toBeNull();
		expect(lockRedirect('locked', '/set-pin')).toBe('/unlock');
	});
});
