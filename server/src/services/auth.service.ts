import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { publicUserSchema, type PublicUser } from '../../../src/lib/domain/roles';
import { userRepository, type UserRow } from '../repositories/user.repository';
import { deviceRepository } from '../repositories/device.repository';
import { sessionRepository } from '../repositories/session.repository';

// @node-rs/argon2 hashes with argon2id by default (OWASP's first choice); a test asserts the prefix.
export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

const LOGIN_FAILED = 'wrong username or password';
const TAG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
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

export interface LoginResult {
	token: string;
	expiresAt: Date;
	user: PublicUser;
	device: { id: string; tag: string; name: string };
}

async function newDeviceTag(db: Db): Promise<string> {
	for (let i = 0; i < 20; i++) {
		const tag = Array.from({ length: 3 }, () => TAG_ALPHABET[randomInt(TAG_ALPHABET.length)]).join('');
		if (!(await deviceRepository.tagExists(db, tag))) return tag;
	}
	throw new DomainError('CONFLICT', 'could not allocate a device tag; try again');
}

export const authService = {
	async login(db: Db, input: LoginInput, now: Date, sessionDays: number): Promise<LoginResult> {
		const user = await userRepository.findByUsername(db, input.username);
		// Verify against a real hash even for unknown users, so timing does not reveal which usernames exist.
		const ok = user
			? await verify(user.passwordHash, input.password)
			: (await verify(DUMMY_HASH, input.password), false);
		if (!user || !ok || user.disabled) throw new DomainError('UNAUTHENTICATED', LOGIN_FAILED);

		let device = input.deviceId ? await deviceRepository.findActive(db, input.deviceId, user.id) : undefined;
		if (!device) {
			const id = uuidv7();
			const tag = await newDeviceTag(db);
			await deviceRepository.insert(db, { id, userId: user.id, name: input.deviceName, deviceTag: tag });
			device = { id, userId: user.id, name: input.deviceName, deviceTag: tag, enrolledAt: now, lastSeenAt: now, revokedAt: null };
		}
		const token = randomBytes(32).toString('base64url');
		const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
		await sessionRepository.insert(db, { tokenHash: hashToken(token), userId: user.id, deviceId: device.id, expiresAt });
		return { token, expiresAt, user: toPublicUser(user), device: { id: device.id, tag: device.deviceTag, name: device.name } };
	},

	async resolveSession(db: Db, token: string, now: Date): Promise<Actor | null> {
		const tokenHash = hashToken(token);
		const row = await sessionRepository.findLive(db, tokenHash, now);
		if (!row) return null;
		return { ...toPublicUser(row.user), deviceId: row.device.id, deviceTag: row.device.deviceTag, sessionTokenHash: tokenHash };
	},

	async logout(db: Db, actor: Actor, now: Date): Promise<void> {
		await sessionRepository.revoke(db, actor.sessionTokenHash, now);
	}
};

// A fixed argon2id hash of a random string, computed once at module load.
const DUMMY_HASH = await hash(randomBytes(16).toString('hex'));
