import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.table';
import type { ProblemCategory, ProblemStatus } from '../../../../src/lib/domain/problems/problem.schema';

/**
 * "Couldn't get it done" reports (办不成事反映). Synced down to the devices of the report's
 * village (the answer reaches the station), so every change takes a change sequence from the
 * one clock, like cases.
 */
export const problemReports = pgTable(
	'problem_reports',
	{
		/** UUIDv7 made on the device: the report exists before any network. */
		id: uuid('id').primaryKey(),
		reporterId: uuid('reporter_id')
			.notNull()
			.references(() => users.id),
		villageCode: text('village_code').notNull(),
		category: text('category').$type<ProblemCategory>().notNull(),
		note: text('note').notNull(),
		caseNumber: text('case_number'),
		/** When the agent logged it (device time); `receivedAt` is when it reached the server. */
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().default(sql`now()`),
		status: text('status').$type<ProblemStatus>().notNull().default('open'),
		response: text('response'),
		responderId: uuid('responder_id').references(() => users.id),
		respondedAt: timestamp('responded_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		changeSeq: bigint('change_seq', { mode: 'number' }).notNull()
	},
	(t) => [
		index('problem_reports_village_seq_idx').on(t.villageCode, t.changeSeq),
		index('problem_reports_status_idx').on(t.status, t.createdAt),
		check('problem_reports_status_check', sql`${t.status} in ('open', 'answered', 'closed')`)
	]
);
