import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CaseIntake } from '../../../../src/lib/domain/case/case.schema';
import type { CaseStatus } from '../../../../src/lib/domain/case/status';
import type { WorkflowState } from '../../../../src/lib/domain/case/workflow';

export const cases = pgTable(
	'cases',
	{
		id: uuid('id').primaryKey(),
		caseNumber: text('case_number').notNull().unique(),
		villageCode: text('village_code').notNull(),
		itemCodes: jsonb('item_codes').$type<string[]>().notNull(),
		status: text('status').$type<CaseStatus>().notNull(),
		intake: jsonb('intake').$type<CaseIntake>().notNull(),
		/** Workflow state of the lifecycle machine (src/lib/domain/case): clock, branches, decisions. */
		workflow: jsonb('workflow').$type<WorkflowState>(),
		createdBy: uuid('created_by').notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().default(sql`now()`),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
		changeSeq: bigint('change_seq', { mode: 'number' }).notNull()
	},
	(t) => [
		index('cases_village_seq_idx').on(t.villageCode, t.changeSeq),
		index('cases_status_idx').on(t.status, t.receivedAt),
		index('cases_seq_idx').on(t.changeSeq),
		// Back-office queue search and filters (docs/DECISIONS.md "Back office").
		index('cases_applicant_name_idx').on(sql`(${t.intake}->'applicant'->>'name')`),
		index('cases_id_last4_idx').on(sql`right(${t.intake}->'applicant'->>'idNumber', 4)`),
		index('cases_item_codes_idx').using('gin', t.itemCodes),
		// A township's cases in a period (dashboards, monthly figures): the village prefix and the date
		// range in one index (docs/BENCHMARKS.md, back office at county scale).
		index('cases_village_received_idx').on(t.villageCode, t.receivedAt),
		// The front desk's queue (case.queue): a status within one township, oldest first, read in
		// index order instead of a bitmap of every case of the township.
		index('cases_status_village_received_idx').on(t.status, t.villageCode, t.receivedAt)
	]
);

/** Every transition of a case: who, when, from which device, with what note (首问负责制). */
export const caseEvents = pgTable(
	'case_events',
	{
		id: uuid('id').primaryKey(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id),
		type: text('type').notNull(),
		fromStatus: text('from_status'),
		toStatus: text('to_status').notNull(),
		actorId: uuid('actor_id').notNull(),
		deviceId: uuid('device_id'),
		note: text('note'),
		data: jsonb('data').$type<Record<string, unknown>>(),
		at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`)
	},
	(t) => [index('case_events_case_idx').on(t.caseId, t.at)]
);
