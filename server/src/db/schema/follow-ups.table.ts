import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.table';
import { users } from './users.table';

/**
 * The answer to a bad rating's follow-up (整改/回访). The follow-up itself is derived: a case
 * whose rating is 不满意 or 非常不满意 has one; this row holds what the supervisor did about it.
 * "Couldn't get it done" reports keep their answer in problem_reports; the follow-up list
 * shows both (docs/DECISIONS.md "Back office").
 */
export const ratingFollowUps = pgTable('rating_follow_ups', {
	caseId: uuid('case_id')
		.primaryKey()
		.references(() => cases.id),
	response: text('response').notNull(),
	responderId: uuid('responder_id')
		.notNull()
		.references(() => users.id),
	respondedAt: timestamp('responded_at', { withTimezone: true }).notNull().default(sql`now()`),
	closedBy: uuid('closed_by').references(() => users.id),
	closedAt: timestamp('closed_at', { withTimezone: true })
});
