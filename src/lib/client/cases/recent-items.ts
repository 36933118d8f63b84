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
			if (c.intake.bundleCode) return;
			for (const code of c.intake.itemCodes) if (!codes.includes(code) && codes.length < max) codes.push(code);
		});
	return codes;
}
