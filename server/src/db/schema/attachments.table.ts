import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.table';

/**
 * Attachments the server holds, one row per distinct content (SHA-256, hex). The bytes live in the
 * AttachmentStore (server/src/storage); the row is written after the bytes, so every instance that
 * sees a row can read its file. Cases reference attachments by hash in their intake
 * (`materials[].attachmentHashes`) and may do so before the bytes arrive.
 */
export const attachments = pgTable(
	'attachments',
	{
		hash: text('hash').primaryKey(),
		size: integer('size').notNull(),
		/** Sniffed from the magic bytes on arrival, never taken from the file name or the client. */
		mime: text('mime').notNull(),
		uploadedBy: uuid('uploaded_by')
			.notNull()
			.references(() => users.id),
		uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().default(sql`now()`)
	},
	(t) => [check('attachments_hash_sha256_hex', sql`${t.hash} ~ '^[0-9a-f]{64}$'`)]
);
