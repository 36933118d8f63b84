import type { Db, DbOrTx } from '../db/database';
import { DomainError } from '../../../src/lib/domain/errors';
import type { Catalog } from '../../../src/lib/domain/catalog/item.schema';
import { catalogRepository } from '../repositories/catalog.repository';
import { syncRepository } from '../repositories/sync.repository';

/**
 * Parsed catalog versions are immutable, so they are cached by version: pushes validate
 * every case against the version it was started under without re-reading the database.
 */
const cache = new WeakMap<Db, Map<number, Catalog>>();

export interface CatalogVersionSummary {
	version: number;
	publishedAt: string;
	itemCount: number;
	bundleCount: number;
}

export const catalogService = {
	async latest(db: Db): Promise<Catalog> {
		const row = await catalogRepository.latest(db);
		if (!row) throw new DomainError('NOT_FOUND', 'no catalog has been published yet');
		return row.catalog;
	},
	/**
	 * `reader` is the transaction in progress, if any: PGlite has one connection, so a query
	 * on the root handle while a transaction is open would wait for itself.
	 */
	async version(db: Db, version: number, reader: DbOrTx = db): Promise<Catalog> {
		let byVersion = cache.get(db);
		if (!byVersion) cache.set(db, (byVersion = new Map()));
		const hit = byVersion.get(version);
		if (hit) return hit;
		const catalog = await catalogRepository.byVersion(reader, version);
		if (!catalog) throw new DomainError('NOT_FOUND', `catalog version ${version} does not exist`);
		byVersion.set(version, catalog);
		return catalog;
	},
	async versions(db: Db, limit: number): Promise<CatalogVersionSummary[]> {
		const rows = await catalogRepository.versions(db, limit);
		return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
	},
	async publish(db: Db, catalog: Catalog): Promise<void> {
		await db.transaction(async (tx) => {
			const seq = await syncRepository.nextChangeSeq(tx);
			await catalogRepository.insert(tx, catalog, seq);
		});
	},
	/**
	 * Publishes the version `next` builds from the newest one, in one transaction with its tick of
	 * the change clock so devices pull it. The clock row is locked first: two supervisors saving at
	 * once queue up there, and the second builds on the first's version instead of colliding on the
	 * version number. `next` throws (DomainError) to refuse; nothing is then written.
	 */
	async publishNext(db: Db, next: (latest: Catalog) => Catalog): Promise<Catalog> {
		return db.transaction(async (tx) => {
			const seq = await syncRepository.nextChangeSeq(tx);
			const latest = await catalogRepository.latest(tx);
			if (!latest) throw new DomainError('NOT_FOUND', 'no catalog has been published yet');
			const catalog = next(latest.catalog);
			if (catalog.version !== latest.catalog.version + 1)
				throw new Error(`a new catalog version must be ${latest.catalog.version + 1}, not ${catalog.version}`);
			await catalogRepository.insert(tx, catalog, seq);
			return catalog;
		});
	}
};
