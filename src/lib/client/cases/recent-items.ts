import type { DaibanDb } from '../db/db';

/**
 * The items this station took most recently, newest first, each once: the agent's shortcut to
 * what villagers ask for again and again. Read through the updatedAt index, newest first,
 * stopping once enough distinct items are found.
 */
export async function recentItemCodes(db: DaibanDb, max = 6): Promise<string[]> {
	const codes: string[] = [];
	await db.cases
		.orderBy('updatedAt')
		.reverse()
		.until(() => codes.length >= max)
		.each((c) => {
			// Clear index fields: recent items work without opening any case.
			if (c.bundleCode) return;
			for (const code of c.itemCodes) if (!codes.includes(code) && codes.length < max) codes.push(code);
		});
	return codes;
}
