import type { Db } from '../db/database';
import type { Actor } from '../context';
import type { Village } from '../../../src/lib/domain/org/org.schema';
import { orgRepository } from '../repositories/org.repository';

export const orgService = {
	/**
	 * The villages (and grids) of the actor's own township: names for pickers and lists. Names and codes
	 * are public administrative facts, so every signed-in user of the township may read them.
	 */
	async villages(db: Db, actor: Actor): Promise<Village[]> {
		const { villages, grids } = await orgRepository.villagesOf(db, actor.scope.townshipCode);
		return villages.map((v) => ({
			code: v.code,
			name: v.name,
			grids: grids.filter((g) => g.parentCode === v.code).map((g) => ({ code: g.code, name: g.name }))
		}));
	}
};
