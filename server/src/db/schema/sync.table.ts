import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The one change clock. Every transaction that changes synced rows first does
 * `UPDATE sync_clock SET value = value + 1 RETURNING value`; the row lock is held until
 * commit, so change sequence numbers become visible in commit order and a pull cursor
 * can never skip a row that commits late (docs/SYNC.md, "Ordering").
 */
export const syncClock = pgTable('sync_clock', {
	id: integer('id').primaryKey(),
	value: bigint('value', { mode: 'number' }).notNull()
});

/** Per device client: the last mutation id applied, for exactly-once push. */
export const syncClients = pgTable('sync_clients', {
	clientId: uuid('client_id').primaryKey(),
	userId: uuid('user_id').notNull(),
	deviceId: uuid('device_id').notNull(),
	lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`)
});

/** Mutations the server refused, kept so the device can be told why (never silently dropped). */
export const syncRejections = pgTable(
	'sync_rejections',
	{
		clientId: uuid('client_id').notNull(),
		mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
		name: text('name').notNull(),
		code: text('code').notNull(),
		reason: text('reason').notNull(),
		rejectedAt: timestamp('rejected_at', { withTimezone: true }).notNull().default(sql`now()`)
	},
	(t) => [primaryKey({ columns: [t.clientId, t.mutationId] })]
);

/** Deleted or out-of-scope entities, so devices drop them on pull. */
export const tombstones = pgTable(
	'tombstones',
	{
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		villageCode: text('village_code'),
		userId: uuid('user_id'),
		changeSeq: bigint('change_seq', { mode: 'number' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.entityType, t.entityId] }), index('tombstones_seq_idx').on(t.changeSeq)]
);

/** Published catalog versions; devices keep the version a case was started under. */
export const catalogVersions = pgTable('catalog_versions', {
	version: integer('version').primaryKey(),
	publishedAt: timestamp('published_at', { withTimezone: true }).notNull().default(sql`now()`),
	document: jsonb('document').notNull(),
	changeSeq: bigint('change_seq', { mode: 'number' }).notNull()
});

export const appliedMutationAudit = pgTable(
	'applied_mutations',
	{
		clientId: uuid('client_id').notNull(),
		mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
		name: text('name').notNull(),
		appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().default(sql`now()`),
		caseId: uuid('case_id')
	},
	(t) => [primaryKey({ columns: [t.clientId, t.mutationId] })]
);
