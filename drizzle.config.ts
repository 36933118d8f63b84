import { defineConfig } from 'drizzle-kit';

// Migrations are generated from server/src/db/schema and committed; they are append-only
// and run in-process at server start, on PGlite and PostgreSQL alike.
export default defineConfig({
	dialect: 'postgresql',
	schema: './server/src/db/schema/index.ts',
	out: './server/src/db/migrations'
});
