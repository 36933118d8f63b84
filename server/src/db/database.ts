import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/**
 * One database type for both drivers (TOOLCHAIN pitfall 7): repositories are written
 * against the generic Postgres database, so PGlite and node-postgres share every query.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repositories accept either, so a service can compose them inside one transaction. */
export type DbOrTx = Db | Tx;
