import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only and hash-chained. `hash` = SHA-256 over `prevHash` and the
 * canonical JSON of the event (audit-chain.ts), so changing, removing or reordering a row
 * breaks the chain at that row and `npm run audit:verify` names it. Rows are only ever
 * inserted (audit.repository.ts has no update or delete), and a trigger refuses UPDATE and
 * DELETE in the database itself (migration `audit_append_only`).
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		seq: bigint('seq', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		/** Null for the operator's command line and for failed logins of unknown users. */
		actorId: uuid('actor_id'),
		deviceId: uuid('device_id'),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull(),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_events_actor_idx').on(t.actorId), index('audit_events_subject_idx').on(t.subject)]
);

/**
 * Failed logins, counted per account and per address in a sliding window (login-throttle.ts).
 * Kept in the database, not in memory, so every server instance sees the same count.
 */
export const loginFailures = pgTable(
	'login_failures',
	{
		/** `user:<username>` or `ip:<address>`. */
		key: text('key').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`)
	},
	(t) => [index('login_failures_key_at_idx').on(t.key, t.at)]
);

/** Marks a session row's end: why it stopped working (logout, rotation, reset, device revoked …). */
export const sessionEndReasons = ['logout', 'logout_everywhere', 'rotated', 'password_reset', 'device_revoked', 'user_disabled', 'roles_changed'] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

/** Who revoked a device and why, beside the existing `devices.revoked_at`. */
export const deviceRevocations = pgTable('device_revocations', {
	deviceId: uuid('device_id').primaryKey(),
	revokedBy: uuid('revoked_by'),
	reason: text('reason').notNull(),
	at: timestamp('at', { withTimezone: true }).notNull()
});
