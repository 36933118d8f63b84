import Dexie, { type EntityTable } from 'dexie';
import type { LocalCase } from '../db/db';
import { caseSearchTokens } from './search-tokens';

/**
 * Keeps `LocalCase.search` (the multi-entry search index) in step with every write, whoever
 * writes: intake, autosave, the sync engine. Dexie hooks run inside the writing transaction.
 */
export function keepCaseSearchTokens(cases: EntityTable<LocalCase, 'id'>): void {
	cases.hook('creating', (_key, obj) => {
		obj.search = caseSearchTokens(obj);
	});
	cases.hook('updating', (mods, _key, obj) => {
		const touched = Object.keys(mods).some((k) => k === 'caseNumber' || k === 'intake' || k.startsWith('intake.'));
		if (!touched) return undefined;
		const next = structuredClone(obj);
		for (const [path, value] of Object.entries(mods)) Dexie.setByKeyPath(next, path, value);
		return { search: caseSearchTokens(next) };
	});
}
