import type { DaibanDb } from './db/db';
import type { Catalog } from '$lib/domain/catalog/item.schema';

/** The newest catalog on the device (pulled by sync), or undefined before the first sync. */
export async function latestCatalog(db: DaibanDb): Promise<Catalog | undefined> {
	return (await db.catalogs.orderBy('version').last())?.catalog;
}

/** The catalog version a case was started under: a case keeps its version for life. */
export async function catalogVersion(db: DaibanDb, version: number): Promise<Catalog | undefined> {
	return (await db.catalogs.get(version))?.catalog;
}
