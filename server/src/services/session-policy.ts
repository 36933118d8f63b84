/**
 * How long a session lives. One scheme: an opaque random token in an HttpOnly cookie, only its
 * SHA-256 stored (docs/SECURITY.md, "Sessions").
 */
export interface SessionPolicy {
	/** Absolute lifetime from the password login; rotation never extends it. */
	absoluteDays: number;
	/** A session unused this long stops working (a field tablet offline for days needs a long one). */
	idleHours: number;
	/** After this long, the next request gets a new token and the old one ends. */
	rotateHours: number;
	/** The old token keeps working this long after a rotation, for requests already in flight. */
	graceSeconds: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { absoluteDays: 30, idleHours: 14 * 24, rotateHours: 24, graceSeconds: 60 };

/** Failed logins allowed in a sliding window before further attempts are refused. */
export interface LoginLimits {
	perAccount: number;
	perAddress: number;
	windowMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowMinutes: 15 };

/** Why a presented session token does not work; `DEVICE_REVOKED` tells the app to wipe itself. */
export type SessionProblem = 'DEVICE_REVOKED' | 'SESSION_REVOKED' | 'SESSION_EXPIRED' | 'SESSION_IDLE' | 'USER_DISABLED';

export const SESSION_PROBLEM_MESSAGES: Readonly<Record<SessionProblem, string>> = {
	DEVICE_REVOKED: 'this device was revoked by an administrator: its local data must be wiped; log in again',
	SESSION_REVOKED: 'your session was ended (logged out or password changed): please log in again',
	SESSION_EXPIRED: 'your session has expired: please log in again',
	SESSION_IDLE: 'your session ended after a long time without use: please log in again',
	USER_DISABLED: 'your account is disabled: ask the county IT administrator'
};

/** The policy a server runs with: its configured parts over the defaults. */
export function sessionPolicyOf(services: { sessionDays: number; sessionPolicy?: Omit<SessionPolicy, 'absoluteDays'> }): SessionPolicy {
	return { ...DEFAULT_SESSION_POLICY, ...services.sessionPolicy, absoluteDays: services.sessionDays };
}
