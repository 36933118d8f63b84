import Dexie from 'dexie';
import type { DaibanDb, LocalCase, StoredCase } from '../db/db';
import { openCases } from '../vault/case-vault';
import { queryToken } from '../vault/case-tokens';
import type { CaseStatus } from '$lib/domain/case/status';
import { FINAL_STATUSES } from '$lib/domain/case/status';
import { normalizeCaseQuery } from './search-tokens';

/** The filters of "my cases" (我的办件). A case may be in two groups (in progress and waiting to sync). */
export const CASE_GROUPS = ['all', 'drafts', 'waiting', 'in_progress', 'corrections', 'done'] as const;
export type CaseGroup = (typeof CASE_GROUPS)[number];

const IN_PROGRESS: readonly CaseStatus[] = [
	'received',
	'accepted',
	'under_review',
	'approved',
	'certificate_issued',
	'out_for_delivery',
	'ready_for_pickup',
	'mailed',
	'delivered'
];

type Key = { index: 'status' | 'syncState'; values: readonly string[] };

/** Which index and values select a group; `all` needs none. */
function groupKey(group: CaseGroup): Key | null {
	switch (group) {
		case 'all':
			return null;
		case 'drafts':
			return { index: 'status', values: ['draft'] };
		case 'waiting':
			// Not yet confirmed by the server: queued, or refused and waiting for the agent.
			return { index: 'syncState', values: ['sent', 'rejected'] };
		case 'in_progress':
			return { index: 'status', values: IN_PROGRESS };
		case 'corrections':
			return { index: 'status', values: ['correction_requested'] };
		case 'done':
			return { index: 'status', values: FINAL_STATUSES };
	}
}

export function inGroup(c: Pick<LocalCase, 'status' | 'syncState'>, group: CaseGroup): boolean {
	const key = groupKey(group);
	if (key === null) return true;
	return key.values.includes(key.index === 'status' ? c.status : c.syncState);
}

export interface CaseQuery {
	group: CaseGroup;
	search: string;
	limit: number;
}
export interface CaseQueryResult {
	cases: LocalCase[];
	/** How many match in all (the list shows the first `limit`). */
	total: number;
	/** More than SEARCH_CAP index entries matched: the count is a lower bound, ask for more letters. */
	truncated: boolean;
}

/** Index entries read for one search at most: a one-letter query must not load every case. */
export const SEARCH_CAP = 1000;

const newestFirst = (a: Pick<LocalCase, 'updatedAt'>, b: Pick<LocalCase, 'updatedAt'>) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);

/**
 * One page of "my cases", newest first, through indexes only: a group reads at most `limit`
 * records per status from the [status+updatedAt] (or [syncState+updatedAt]) index and counts
 * from the index; a search reads primary keys from the multi-entry `search` index by prefix.
 * So the cost follows the page, not the 5,000 cases a station may hold.
 */
export async function queryCases(db: DaibanDb, query: CaseQuery): Promise<CaseQueryResult> {
	const q = normalizeCaseQuery(query.search);
	if (q.length > 0) return searchCases(db, q, query);
	const key = groupKey(query.group);
	if (key === null) {
		const [stored, total] = await Promise.all([db.cases.orderBy('updatedAt').reverse().limit(query.limit).toArray(), db.cases.count()]);
		return { cases: await openCases(stored), total, truncated: false };
	}
	const compound = `[${key.index}+updatedAt]`;
	const [pages, total] = await Promise.all([
		Promise.all(
			key.values.map((v) =>
				db.cases.where(compound).between([v, Dexie.minKey], [v, Dexie.maxKey]).reverse().limit(query.limit).toArray()
			)
		),
		countGroup(db, key)
	]);
	return { cases: await openCases(pages.flat().sort(newestFirst).slice(0, query.limit)), total, truncated: false };
}

/**
 * Two lookups in the `search` index: the case number's tokens are clear and match by prefix; the
 * personal ones are blind (HMAC) and match exactly the query's own blind token (each prefix of a
 * name was stored as a token of its own). Only the page shown is decrypted.
 */
async function searchCases(db: DaibanDb, q: string, query: CaseQuery): Promise<CaseQueryResult> {
	const blind = await queryToken(q);
	const [byNumber, byPerson] = await Promise.all([
		db.cases.where('search').startsWith(q).limit(SEARCH_CAP).primaryKeys(),
		db.cases.where('search').equals(blind).limit(SEARCH_CAP).primaryKeys()
	]);
	const unique = [...new Set([...byNumber, ...byPerson])];
	const found = (await db.cases.bulkGet(unique)).filter((c): c is StoredCase => c !== undefined && inGroup(c, query.group));
	found.sort(newestFirst);
	return {
		cases: await openCases(found.slice(0, query.limit)),
		total: found.length,
		truncated: byNumber.length >= SEARCH_CAP || byPerson.length >= SEARCH_CAP
	};
}

/**
 * One index count per value: IndexedDB counts a key range without reading records, while
 * Dexie's `anyOf(...).count()` walks a cursor over every match (seconds for 5,000 cases).
 */
async function countGroup(db: DaibanDb, key: Key): Promise<number> {
	const counts = await Promise.all(key.values.map((v) => db.cases.where(key.index).equals(v).count()));
	return counts.reduce((a, b) => a + b, 0);
}

/** How many cases each group holds, from the indexes (for the filter buttons). */
export async function groupCounts(db: DaibanDb): Promise<Record<CaseGroup, number>> {
	const counts = await Promise.all(
		CASE_GROUPS.map((g) => {
			const key = groupKey(g);
			return key === null ? db.cases.count() : countGroup(db, key);
		})
	);
	return Object.fromEntries(CASE_GROUPS.map((g, i) => [g, counts[i] ?? 0])) as Record<CaseGroup, number>;
}
