import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CertificateFacts } from '../../../../src/lib/domain/certificates';
import type { CryptoSuiteName } from '../../../../src/lib/domain/crypto';
import { cases } from './cases.table';
import { users } from './users.table';

/**
 * A township's certificate signing keys. The private key is kept in the database (see
 * docs/SECURITY.md "Signing keys"); the public key is published at the well-known URL.
 * One active key per township and suite (the partial unique index); a retired key keeps
 * verifying what it signed, a revoked (compromised) key does not.
 */
export const certificateKeys = pgTable(
	'certificate_keys',
	{
		keyId: text('key_id').primaryKey(),
		townshipCode: text('township_code').notNull(),
		suite: text('suite').$type<CryptoSuiteName>().notNull(),
		/** base64url */
		publicKey: text('public_key').notNull(),
		/** base64url; never leaves the server. */
		privateKey: text('private_key').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
		retiredAt: timestamp('retired_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('certificate_keys_active_idx').on(t.townshipCode, t.suite).where(sql`retired_at is null`)]
);

/** The next certificate sequence per township and year (locked FOR UPDATE while issuing). */
export const certificateSequences = pgTable(
	'certificate_sequences',
	{
		townshipCode: text('township_code').notNull(),
		year: integer('year').notNull(),
		lastSequence: integer('last_sequence').notNull()
	},
	(t) => [primaryKey({ columns: [t.townshipCode, t.year] })]
);

export const certificates = pgTable(
	'certificates',
	{
		id: uuid('id').primaryKey(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		itemCode: text('item_code').notNull(),
		certificateNumber: text('certificate_number').notNull().unique(),
		facts: jsonb('facts').$type<CertificateFacts>().notNull(),
		/** The signed compact string the QR code carries. */
		payload: text('payload').notNull(),
		keyId: text('key_id')
			.notNull()
			.references(() => certificateKeys.keyId),
		suite: text('suite').$type<CryptoSuiteName>().notNull(),
		issuedBy: uuid('issued_by')
			.notNull()
			.references(() => users.id),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: uuid('revoked_by').references(() => users.id),
		revokeReason: text('revoke_reason')
	},
	(t) => [uniqueIndex('certificates_case_item_idx').on(t.caseId, t.itemCode), index('certificates_issued_at_idx').on(t.issuedAt)]
);

/** Every print: the first has no reason, each reprint must give one (补打原因). */
export const certificatePrints = pgTable(
	'certificate_prints',
	{
		id: uuid('id').primaryKey(),
		certificateId: uuid('certificate_id')
			.notNull()
			.references(() => certificates.id),
		printedBy: uuid('printed_by')
			.notNull()
			.references(() => users.id),
		printedAt: timestamp('printed_at', { withTimezone: true }).notNull(),
		reason: text('reason')
	},
	(t) => [index('certificate_prints_cert_idx').on(t.certificateId, t.printedAt)]
);

/**
 * Fixed-window counters for the public pages' rate limits, in the database so every server
 * instance shares them and a restart does not reset them.
 */
export const rateLimitHits = pgTable(
	'rate_limit_hits',
	{
		bucket: text('bucket').notNull(),
		windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
		hits: integer('hits').notNull()
	},
	(t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_limit_hits_window_idx').on(t.windowStart)]
);
