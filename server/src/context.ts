import type { Db } from './db/database';
import type { AttachmentStore } from './storage/attachment-store';
import type { PublicUser } from '../../src/lib/domain/roles';
import type { CryptoSuiteName } from '../../src/lib/domain/crypto';
import type { LoginLimits, SessionPolicy, SessionProblem } from './services/session-policy';

/** The authenticated person behind a request, and the enrolled device they use. */
export interface Actor extends PublicUser {
	deviceId: string;
	deviceTag: string;
	sessionTokenHash: string;
}

/** What an HTTP request offers the procedures: cookies in and out, the caller's address. */
export interface RequestPort {
	ip: string;
	secure: boolean;
	setSessionCookie(token: string, maxAgeSeconds: number): void;
	clearSessionCookie(): void;
}

/**
 * Split in two (create-t3-app style): `Services` are the long-lived dependencies,
 * `Context` adds the per-request actor. Router tests build a context directly and call
 * procedures through `createCaller`, without HTTP.
 */
export interface Services {
	db: Db;
	now(): Date;
	sessionDays: number;
	/** Idle expiry and rotation (absolute lifetime is `sessionDays`); defaults in session-policy.ts. */
	sessionPolicy?: Omit<SessionPolicy, 'absoluteDays'>;
	/** Failed-login limits; defaults in session-policy.ts. */
	loginLimits?: LoginLimits;
	/** Attachment bytes (content-addressed) and uploads in progress, where every instance reads them. */
	attachments: AttachmentStore;
	/** Suite for new certificate signatures (DAIBAN_CRYPTO_SUITE); default `standard`. */
	cryptoSuite?: CryptoSuiteName;
}

export interface Context extends Services {
	actor: Actor | null;
	request: RequestPort | null;
	/** Why the presented session token did not give an actor (e.g. the device was revoked). */
	sessionProblem?: SessionProblem | null;
}
