import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { publicUserSchema, type PublicUser } from '../../../src/lib/domain/roles';
import { userRepository, type UserRow } from '../repositories/user.repository';
import { deviceRepository } from '../repositories/device.repository';
import { sessionRepository } from '../repositories/session.repository';
import { loginFailureRepository } from '../repositories/login-failure.repository';
import { appendAudit } from './audit.service';
import {
	DEFAULT_LOGIN_LIMITS,
	DEFAULT_SESSION_POLICY,
	type LoginLimits,
	type SessionPolicy,
	type SessionProblem
} from './session-policy';

// @node-rs/argon2 hashes with argon2id by default (OWASP's first choice); a test asserts the prefix.
export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

const LOGIN_FAILED = 'wrong username or password';
/** The same text whether the account exists or not: throttling must not reveal usernames. */
export const LOGIN_THROTTLED = 'too many failed logins: wait 15 minutes and try again';
const TAG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function toPublicUser(row: UserRow): PublicUser {
	return publicUserSchema.parse({
		id: row.id,
		username: row.username,
		displayName: row.displayName,
		roles: row.roles,
		scope: row.scope
	});
}

export interface LoginInput {
	username: string;
	password: string;
	deviceName: string;
	/** A device id this browser was enrolled with before; reused when still valid for this user. */
	deviceId?: string;
}

export interface LoginOptions {
	/** The caller's address, for the per-address limit (absent for in-process callers). */
	ip?: string;
	limits?: LoginLimits;
}

export interface LoginResult {
	token: string;
	expiresAt: Date;
	user: PublicUser;
	device: { id: string; tag: string; name: string };
}

export type Authentication =
	| { actor: Actor; rotated?: { token: string; maxAgeSeconds: number } }
	| { problem: SessionProblem };

async function newDeviceTag(db: DbOrTx): Promise<string> {
	for (let i = 0; i < 20; i++) {
		const tag = Array.from({ length: 3 }, () => TAG_ALPHABET[randomInt(TAG_ALPHABET.length)]).join('');
		if (!(await deviceRepository.tagExists(db, tag))) return tag;
	}
	throw new DomainError('CONFLICT', 'could not allocate a device tag; try again');
}

function throttleKeys(username: string, ip: string | undefined): { account: string; address: string | undefined } {
	return { account: `user:${username.trim().toLowerCase()}`, address: ip ? `ip:${ip}` : undefined };
}

async function isThrottled(db: Db, keys: ReturnType<typeof throttleKeys>, limits: LoginLimits, now: Date): Promise<boolean> {
	const since = new Date(now.getTime() - limits.windowMinutes * 60_000);
	if ((await loginFailureRepository.countSince(db, keys.account, since)) >= limits.perAccount) return true;
	return keys.address !== undefined && (await loginFailureRepository.countSince(db, keys.address, since)) >= limits.perAddress;
}

export const authService = {
	async login(db: Db, input: LoginInput, now: Date, sessionDays: number, options: LoginOptions = {}): Promise<LoginResult> {
		const limits = options.limits ?? DEFAULT_LOGIN_LIMITS;
		const keys = throttleKeys(input.username, options.ip);
		if (await isThrottled(db, keys, limits, now)) throw new DomainError('RATE_LIMITED', LOGIN_THROTTLED);

		const user = await userRepository.findByUsername(db, input.username);
		// Verify against a real hash even for unknown users, so timing does not reveal which usernames exist.
		const ok = user
			? await verify(user.passwordHash, input.password)
			: (await verify(DUMMY_HASH, input.password), false);
		if (!user || !ok || user.disabled) {
			await db.transaction(async (tx) => {
				await loginFailureRepository.insert(tx, [keys.account, ...(keys.address ? [keys.address] : [])], now);
				await loginFailureRepository.prune(tx, new Date(now.getTime() - 86_400_000));
				await appendAudit(
					tx,
					{
						action: 'auth.login_failed',
						subject: user ? user.id : `username:${input.username.slice(0, 64)}`,
						actorId: null,
						details: { username: input.username.slice(0, 64), ip: options.ip ?? null, reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' }
					},
					now
				);
			});
			throw new DomainError('UNAUTHENTICATED', LOGIN_FAILED);
		}

		const token = newToken();
		const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
		const device = await db.transaction(async (tx) => {
			let found = input.deviceId ? await deviceRepository.findActive(tx, input.deviceId, user.id) : undefined;
			if (!found) {
				const id = uuidv7();
				const tag = await newDeviceTag(tx);
				await deviceRepository.insert(tx, { id, userId: user.id, name: input.deviceName, deviceTag: tag, enrolledAt: now, lastSeenAt: now });
				found = { id, userId: user.id, name: input.deviceName, deviceTag: tag, enrolledAt: now, lastSeenAt: now, revokedAt: null };
				await appendAudit(tx, { action: 'device.enroll', subject: id, actorId: user.id, deviceId: id, details: { name: input.deviceName, tag } }, now);
			}
			await sessionRepository.insert(tx, { tokenHash: hashToken(token), userId: user.id, deviceId: found.id, expiresAt, createdAt: now, lastUsedAt: now });
			await loginFailureRepository.clear(tx, [keys.account]);
			await appendAudit(tx, { action: 'auth.login', subject: user.id, actorId: user.id, deviceId: found.id, details: { ip: options.ip ?? null } }, now);
			return found;
		});
		return { token, expiresAt, user: toPublicUser(user), device: { id: device.id, tag: device.deviceTag, name: device.name } };
	},

	/**
	 * The actor behind a session token, or why the token does not work. With `rotate`, a session
	 * older than the policy's rotation age is replaced by a new token (same absolute expiry) and
	 * the old one ends after a short grace.
	 */
	async authenticate(db: Db, token: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY, rotate = false): Promise<Authentication | null> {
		const tokenHash = hashToken(token);
		const row = await sessionRepository.findWithOwner(db, tokenHash);
		if (!row) return null;
		const { session, user, device } = row;
		if (device.revokedAt) return { problem: 'DEVICE_REVOKED' };
		if (user.disabled) return { problem: 'USER_DISABLED' };
		if (session.revokedAt && session.revokedAt <= now) return { problem: session.endReason === 'rotated' ? 'SESSION_EXPIRED' : 'SESSION_REVOKED' };
		if (session.expiresAt <= now) return { problem: 'SESSION_EXPIRED' };
		if (session.lastUsedAt.getTime() + policy.idleHours * 3_600_000 <= now.getTime()) return { problem: 'SESSION_IDLE' };

		await sessionRepository.touch(db, tokenHash, now);
		await deviceRepository.touch(db, device.id, now);
		let current = tokenHash;
		let rotated: { token: string; maxAgeSeconds: number } | undefined;
		if (rotate && session.endReason === null && now.getTime() - session.createdAt.getTime() >= policy.rotateHours * 3_600_000) {
			const next = newToken();
			const won = await db.transaction(async (tx) => {
				if (!(await sessionRepository.markRotated(tx, tokenHash, new Date(now.getTime() + policy.graceSeconds * 1000)))) return false;
				await sessionRepository.insert(tx, { tokenHash: hashToken(next), userId: user.id, deviceId: device.id, expiresAt: session.expiresAt, createdAt: now, lastUsedAt: now });
				return true;
			});
			if (won) {
				current = hashToken(next);
				rotated = { token: next, maxAgeSeconds: Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)) };
			}
		}
		const actor: Actor = { ...toPublicUser(user), deviceId: device.id, deviceTag: device.deviceTag, sessionTokenHash: current };
		return rotated ? { actor, rotated } : { actor };
	},

	/** The actor behind a live session token, or null (the binary routes beside tRPC use this). */
	async resolveSession(db: Db, token: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<Actor | null> {
		const result = await this.authenticate(db, token, now, policy);
		return result && 'actor' in result ? result.actor : null;
	},

	async logout(db: Db, actor: Actor, now: Date): Promise<void> {
		await db.transaction(async (tx) => {
			await sessionRepository.revoke(tx, actor.sessionTokenHash, now, 'logout');
			await appendAudit(tx, { action: 'auth.logout', subject: actor.id, actorId: actor.id, deviceId: actor.deviceId }, now);
		});
	},

	/** Ends every session of this user on every device (a lost phone, a shared password). */
	async logoutEverywhere(db: Db, actor: Actor, now: Date): Promise<number> {
		return db.transaction(async (tx) => {
			const ended = await sessionRepository.revokeAllOfUser(tx, actor.id, now, 'logout_everywhere');
			await appendAudit(tx, { action: 'auth.logout_everywhere', subject: actor.id, actorId: actor.id, deviceId: actor.deviceId, details: { sessions: ended } }, now);
			return ended;
		});
	}
};

// A fixed argon2id hash of a random string, computed once at module load.
const DUMMY_HASH = await hash(randomBytes(16).toString('hex'));
