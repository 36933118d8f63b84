import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole, type Role, type UserScope } from '../../../src/lib/domain/roles';
import type { CreateUserInput, DeviceSummary, UserSummary } from '../../../src/lib/domain/admin/admin.schema';
import { userRepository, type UserRow } from '../repositories/user.repository';
import { deviceRepository, type DeviceListRow } from '../repositories/device.repository';
import { sessionRepository } from '../repositories/session.repository';
import { appendAudit } from './audit.service';
import { hashPassword } from './auth.service';

/**
 * Who does an administrative change: a signed-in it_admin (or supervisor, for devices), or the
 * operator at the server's command line (`npm run admin`), who has the database anyway.
 */
export type AdminActor = { kind: 'app'; actor: Actor } | { kind: 'cli' };

function auditBy(by: AdminActor) {
	return by.kind === 'app' ? { actorId: by.actor.id, deviceId: by.actor.deviceId, via: 'app' } : { actorId: null, deviceId: null, via: 'cli' };
}

function toUserSummary(row: UserRow): UserSummary {
	return {
		id: row.id,
		username: row.username,
		displayName: row.displayName,
		roles: row.roles,
		scope: row.scope,
		disabled: row.disabled,
		createdAt: row.createdAt.toISOString()
	};
}

function toDeviceSummary(row: DeviceListRow): DeviceSummary {
	return {
		id: row.id,
		name: row.name,
		tag: row.deviceTag,
		userId: row.userId,
		username: row.username,
		displayName: row.displayName,
		enrolledAt: row.enrolledAt.toISOString(),
		lastSeenAt: row.lastSeenAt.toISOString(),
		revokedAt: row.revokedAt?.toISOString() ?? null
	};
}

/** Row-level rule for devices: it_admin (and the command line) all; a supervisor his township's users'. */
function deviceScopeOf(by: AdminActor): string {
	if (by.kind === 'cli' || hasRole(by.actor, 'it_admin')) return '';
	if (hasRole(by.actor, 'supervisor') && by.actor.scope.townshipCode) return by.actor.scope.townshipCode;
	throw new DomainError('FORBIDDEN', 'only the county IT administrator or a township supervisor may manage devices');
}

async function userOrThrow(db: Db, userId: string): Promise<UserRow> {
	const row = await userRepository.findById(db, userId);
	if (!row) throw new DomainError('NOT_FOUND', `user ${userId} not found`);
	return row;
}

export const adminService = {
	async listUsers(db: Db, limit = 1000): Promise<UserSummary[]> {
		return (await userRepository.list(db, limit)).map(toUserSummary);
	},

	async createUser(db: Db, by: AdminActor, input: CreateUserInput, now: Date): Promise<UserSummary> {
		if (input.password.toLowerCase().includes(input.username)) throw new DomainError('VALIDATION', 'the password must not contain the username');
		if (await userRepository.findByUsername(db, input.username)) throw new DomainError('CONFLICT', `username ${input.username} is taken`);
		const passwordHash = await hashPassword(input.password);
		const id = uuidv7();
		await db.transaction(async (tx) => {
			await userRepository.insert(tx, {
				id,
				username: input.username,
				displayName: input.displayName,
				passwordHash,
				roles: input.roles,
				scope: input.scope,
				createdAt: now
			});
			await appendAudit(tx, { action: 'user.create', subject: id, ...auditBy(by), details: { username: input.username, roles: input.roles, scope: input.scope, via: auditBy(by).via } }, now);
		});
		return toUserSummary(await userOrThrow(db, id));
	},

	/** A new password ends every session of the user: whoever knew the old one is logged out. */
	async resetPassword(db: Db, by: AdminActor, userId: string, password: string, now: Date): Promise<{ sessionsEnded: number }> {
		const user = await userOrThrow(db, userId);
		if (password.toLowerCase().includes(user.username)) throw new DomainError('VALIDATION', 'the password must not contain the username');
		const passwordHash = await hashPassword(password);
		return db.transaction(async (tx) => {
			await userRepository.update(tx, userId, { passwordHash });
			const sessionsEnded = await sessionRepository.revokeAllOfUser(tx, userId, now, 'password_reset');
			await appendAudit(tx, { action: 'user.reset_password', subject: userId, ...auditBy(by), details: { username: user.username, sessionsEnded, via: auditBy(by).via } }, now);
			return { sessionsEnded };
		});
	},

	async setRoles(db: Db, by: AdminActor, userId: string, roles: Role[], scope: UserScope | undefined, now: Date): Promise<UserSummary> {
		const user = await userOrThrow(db, userId);
		if (by.kind === 'app' && by.actor.id === userId && !roles.includes('it_admin') && user.roles.includes('it_admin')) {
			throw new DomainError('VALIDATION', 'you cannot remove your own it_admin role: ask another administrator');
		}
		await db.transaction(async (tx) => {
			await userRepository.update(tx, userId, { roles, ...(scope ? { scope } : {}) });
			await appendAudit(
				tx,
				{ action: 'user.set_roles', subject: userId, ...auditBy(by), details: { username: user.username, from: user.roles, to: roles, scope: scope ?? null, via: auditBy(by).via } },
				now
			);
		});
		return toUserSummary(await userOrThrow(db, userId));
	},

	/** Disabling ends the user's sessions at once; enabling lets them log in again with their password. */
	async setDisabled(db: Db, by: AdminActor, userId: string, disabled: boolean, now: Date): Promise<UserSummary> {
		const user = await userOrThrow(db, userId);
		if (by.kind === 'app' && by.actor.id === userId && disabled) throw new DomainError('VALIDATION', 'you cannot disable your own account');
		await db.transaction(async (tx) => {
			await userRepository.update(tx, userId, { disabled });
			const sessionsEnded = disabled ? await sessionRepository.revokeAllOfUser(tx, userId, now, 'user_disabled') : 0;
			await appendAudit(tx, { action: disabled ? 'user.disable' : 'user.enable', subject: userId, ...auditBy(by), details: { username: user.username, sessionsEnded, via: auditBy(by).via } }, now);
		});
		return toUserSummary(await userOrThrow(db, userId));
	},

	async listDevices(db: Db, by: AdminActor, limit = 1000): Promise<DeviceSummary[]> {
		return (await deviceRepository.list(db, deviceScopeOf(by), limit)).map(toDeviceSummary);
	},

	/**
	 * A lost or stolen device: its sessions stop working at once, and its next request is answered
	 * DEVICE_REVOKED, on which the app deletes its local data.
	 */
	async revokeDevice(db: Db, by: AdminActor, deviceId: string, reason: string, now: Date): Promise<DeviceSummary> {
		const scope = deviceScopeOf(by);
		const device = await deviceRepository.findById(db, deviceId);
		// Another township's device is "not found" to a supervisor: its existence is not his business.
		if (!device || !device.townshipCode.startsWith(scope)) throw new DomainError('NOT_FOUND', `device ${deviceId} not found`);
		if (device.revokedAt) throw new DomainError('CONFLICT', `device ${device.name} (${device.deviceTag}) was revoked already`);
		await db.transaction(async (tx) => {
			await deviceRepository.revoke(tx, deviceId, now, by.kind === 'app' ? by.actor.id : null, reason);
			const sessionsEnded = await sessionRepository.revokeAllOfDevice(tx, deviceId, now);
			await appendAudit(
				tx,
				{ action: 'device.revoke', subject: deviceId, ...auditBy(by), details: { user: device.username, name: device.name, tag: device.deviceTag, reason, sessionsEnded, via: auditBy(by).via } },
				now
			);
		});
		const after = await deviceRepository.findById(db, deviceId);
		if (!after) throw new DomainError('NOT_FOUND', `device ${deviceId} not found`);
		return toDeviceSummary(after);
	}
};
