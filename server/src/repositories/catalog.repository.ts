import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { catalogVersions } from '../db/schema';
import { catalogSchema, type Catalog } from '../../../src/lib/domain/catalog/item.schema';

export const catalogRepository = {
	async latest(db: DbOrTx): Promise<{ catalog: Catalog; changeSeq: number } | undefined> {
		const [row] = await db.select().from(catalogVersions).orderBy(desc(catalogVersions.version)).limit(1);
		return row ? { catalog: catalogSchema.parse(row.document), changeSeq: row.changeSeq } : undefined;
	},
	async byVersion(db: DbOrTx, version: number): Promise<Catalog | undefined> {
		const [row] = await db.select().from(catalogVersions).where(eq(catalogVersions.version, version)).limit(1);
		return row ? catalogSchema.parse(row.document) : undefined;
	},
	/** Newest first, without reading the documents into memory: counts come from the JSON in the database. */
	async versions(db: DbOrTx, limit: number): Promise<{ version: number; publishedAt: Date; itemCount: number; bundleCount: number }[]> {
		return db
			.select({
				version: catalogVersions.version,
				publishedAt: catalogVersions.publishedAt,
				itemCount: sql<number>`jsonb_array_length(${catalogVersions.document} -> 'items')`.mapWith(Number),
				bundleCount: sql<number>`jsonb_array_length(${catalogVersions.document} -> 'bundles')`.mapWith(Number)
			})
			.from(catalogVersions)
			.orderBy(desc(catalogVersions.version))
			.limit(limit);
	},
	async insert(tx: DbOrTx, catalog: Catalog, changeSeq: number): Promise<void> {
		await tx.insert(catalogVersions).values({
			version: catalog.version,
			publishedAt: new Date(catalog.publishedAt),
			document: catalog,
			changeSeq
		});
	}
};
