import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database';
import { departments, orgUnits } from '../db/schema';
import type { County } from '../../../src/lib/domain/org/org.schema';
import type { Catalog } from '../../../src/lib/domain/catalog/item.schema';
import { userRepository } from '../repositories/user.repository';
import { catalogRepository } from '../repositories/catalog.repository';
import { syncRepository } from '../repositories/sync.repository';
import { hashPassword } from './auth.service';
import type { DemoUser } from '../seed/demo-county';

export interface SeedInput {
	county: County;
	catalog: Catalog;
	users: DemoUser[];
}

/** Seeds an empty database (no users yet); returns false and changes nothing otherwise. */
export async function seedIfEmpty(db: Db, input: SeedInput): Promise<boolean> {
	if ((await userRepository.count(db)) > 0) return false;
	const hashes = await Promise.all(input.users.map((u) => hashPassword(u.password)));
	await db.transaction(async (tx) => {
		const units: (typeof orgUnits.$inferInsert)[] = [{ code: input.county.code, kind: 'county', name: input.county.name }];
		for (const t of input.county.townships) {
			units.push({ code: t.code, kind: 'township', name: t.name, parentCode: input.county.code });
			for (const v of t.villages) {
				units.push({ code: v.code, kind: 'village', name: v.name, parentCode: t.code });
				for (const g of v.grids) units.push({ code: g.code, kind: 'grid', name: g.name, parentCode: v.code });
			}
		}
		await tx.insert(orgUnits).values(units);
		await tx.insert(departments).values(input.catalog.departments);
		for (const [i, u] of input.users.entries()) {
			await userRepository.insert(tx, {
				id: uuidv7(),
				username: u.username,
				displayName: u.displayName,
				passwordHash: hashes[i]!,
				roles: u.roles,
				scope: u.scope
			});
		}
		const seq = await syncRepository.nextChangeSeq(tx);
		await catalogRepository.insert(tx, input.catalog, seq);
	});
	return true;
}
