import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Db } from '../db/database';
import { adminService } from '../services/admin.service';
import { userRepository } from '../repositories/user.repository';
import { createUserInputSchema, passwordSchema, rolesSchema } from '../../../src/lib/domain/admin/admin.schema';
import { CliError } from './cli-database';

export const USAGE = `usage: npm run admin -- <command> [options]

  create-user    --username U --name "Display name" --password P --roles r1,r2
                 --township CODE [--villages c1,c2] [--grids g1,g2] [--departments D1,D2]
  reset-password --username U --password P        (ends all of the user's sessions)
  set-roles      --username U --roles r1,r2
  disable-user   --username U                     (ends all of the user's sessions)
  enable-user    --username U
  list-users
  list-devices
  revoke-device  --device DEVICE_ID [--reason TEXT]

roles: village_agent, township_intake, township_approver, township_issuer, grid_worker, supervisor, it_admin
The database is the server's: DATABASE_URL, else PGlite in DATA_DIR (stop the server first).`;

export const COMMANDS = ['create-user', 'reset-password', 'set-roles', 'disable-user', 'enable-user', 'list-users', 'list-devices', 'revoke-device'] as const;

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

function describe(error: z.ZodError, label: string): string {
	return error.issues.map((i) => `${[label, ...i.path].filter((p) => p !== '').join('.')}: ${i.message}`).join('; ');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, label = ''): T {
	const result = schema.safeParse(value);
	if (!result.success) throw new CliError(describe(result.error, label), 2);
	return result.data;
}

function need(values: Record<string, string | undefined>, name: string): string {
	const v = values[name];
	if (!v) throw new CliError(`missing --${name}\n\n${USAGE}`, 2);
	return v;
}

async function userId(db: Db, username: string): Promise<string> {
	const row = await userRepository.findByUsername(db, username);
	if (!row) throw new CliError(`no user named ${username}`);
	return row.id;
}

/** Runs one command; returns the lines to print. Errors are CliError (or DomainError from the services). */
export async function runAdminCommand(db: Db, argv: string[], now: Date): Promise<string[]> {
	const [command, ...rest] = argv;
	const { values } = parseArgs({
		args: rest,
		strict: true,
		options: {
			username: { type: 'string' },
			name: { type: 'string' },
			password: { type: 'string' },
			roles: { type: 'string' },
			township: { type: 'string' },
			villages: { type: 'string' },
			grids: { type: 'string' },
			departments: { type: 'string' },
			device: { type: 'string' },
			reason: { type: 'string' }
		}
	});
	const by = { kind: 'cli' } as const;
	switch (command) {
		case 'create-user': {
			const input = parse(createUserInputSchema, {
				username: need(values, 'username'),
				displayName: need(values, 'name'),
				password: need(values, 'password'),
				roles: list(need(values, 'roles')),
				scope: { townshipCode: need(values, 'township'), villageCodes: list(values.villages), gridCodes: list(values.grids), departmentCodes: list(values.departments) }
			});
			const user = await adminService.createUser(db, by, input, now);
			return [`created user ${user.username} (${user.id}) with roles ${user.roles.join(', ')}`];
		}
		case 'reset-password': {
			const password = parse(passwordSchema, need(values, 'password'), '--password');
			const id = await userId(db, need(values, 'username'));
			const { sessionsEnded } = await adminService.resetPassword(db, by, id, password, now);
			return [`password of ${values.username} reset; ${sessionsEnded} session(s) ended`];
		}
		case 'set-roles': {
			const roles = parse(rolesSchema, list(need(values, 'roles')), '--roles');
			const user = await adminService.setRoles(db, by, await userId(db, need(values, 'username')), roles, undefined, now);
			return [`roles of ${user.username}: ${user.roles.join(', ')}`];
		}
		case 'disable-user':
		case 'enable-user': {
			const user = await adminService.setDisabled(db, by, await userId(db, need(values, 'username')), command === 'disable-user', now);
			return [`${user.username} is ${user.disabled ? 'disabled; their sessions are ended' : 'enabled'}`];
		}
		case 'list-users':
			return (await adminService.listUsers(db)).map(
				(u) => `${u.username.padEnd(20)} ${u.disabled ? 'DISABLED ' : ''}${u.roles.join(',').padEnd(24)} ${u.scope.townshipCode} ${u.displayName}`
			);
		case 'list-devices':
			return (await adminService.listDevices(db, by)).map(
				(d) => `${d.id} ${d.tag} ${d.username.padEnd(20)} ${d.name} enrolled ${d.enrolledAt} last seen ${d.lastSeenAt}${d.revokedAt ? ` REVOKED ${d.revokedAt}` : ''}`
			);
		case 'revoke-device': {
			const deviceId = parse(z.uuid('--device must be a device id (see list-devices)'), need(values, 'device'), '--device');
			const device = await adminService.revokeDevice(db, by, deviceId, values.reason ?? 'revoked from the command line', now);
			return [`device ${device.name} (${device.tag}) of ${device.username} revoked; its sessions are ended`];
		}
		case undefined:
		case 'help':
		case '--help':
			return [USAGE];
		default:
			throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2);
	}
}
