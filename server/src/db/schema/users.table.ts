import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role, UserScope } from '../../../../src/lib/domain/roles';

export const users = pgTable('users', {
	id: uuid('id').primaryKey(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	passwordHash: text('password_hash').notNull(),
	roles: jsonb('roles').$type<Role[]>().notNull(),
	scope: jsonb('scope').$type<UserScope>().notNull(),
	disabled: boolean('disabled').notNull().default(false),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`)
});

/** Every device is enrolled at first login; the device tag goes into offline case numbers. */
export const devices = pgTable(
	'devices',
	{
		id: uuid('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		name: text('name').notNull(),
		/** 3 characters [0-9A-Z], unique per user's village; part of every case number it issues. */
		deviceTag: text('device_tag').notNull(),
		enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().default(sql`now()`),
		lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(sql`now()`),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('devices_user_idx').on(t.userId)]
);

/** Sessions are opaque random tokens in an HttpOnly cookie; only their SHA-256 is stored. */
export const sessions = pgTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		deviceId: uuid('device_id')
			.notNull()
			.references(() => devices.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		/** For the idle expiry: a session unused for SESSION_IDLE_HOURS stops working. */
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().default(sql`now()`),
		/** Why it ended (see SessionEndReason); null while live. */
		endReason: text('end_reason')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);
