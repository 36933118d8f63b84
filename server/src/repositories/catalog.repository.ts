import { desc, eq } from 'drizzle-orm';
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
	async insert(tx: DbOrTx, catalog: Catalog, changeSeq: number): Promise<void> {
		await tx.insert(catalogVersions).values({
			version: catalog.version,
			publishedAt: new Date(catalog.publishedAt),
			document: catalog,
			changeSeq
		});
	}
};
