import { index, pgTable, text } from 'drizzle-orm/pg-core';

/** The organisation tree (county → township → village → grid) as one adjacency table. */
export const orgUnits = pgTable(
	'org_units',
	{
		code: text('code').primaryKey(),
		kind: text('kind', { enum: ['county', 'township', 'village', 'grid'] }).notNull(),
		name: text('name').notNull(),
		parentCode: text('parent_code')
	},
	(t) => [index('org_units_parent_idx').on(t.parentCode)]
);

export const departments = pgTable('departments', {
	code: text('code').primaryKey(),
	name: text('name').notNull()
});
