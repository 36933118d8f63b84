// "Exactly once, byte-identical": what the township's server holds for the cases a device made.
import { expect } from '@playwright/test';
import type { HarnessCase } from '../../../src/lib/client/harness/harness';
import { townshipApi } from './township-api';

export interface ServerCheckOptions {
	/** Download every photo and compare its SHA-256 (default: all). */
	downloadPhotos?: boolean;
	/** Also read each case's timeline: exactly one `submit` (slower: one call per case). */
	checkEvents?: boolean;
}

export async function expectOnServerExactlyOnce(baseURL: string, made: readonly HarnessCase[], options: ServerCheckOptions = {}): Promise<void> {
	const township = await townshipApi(baseURL);
	const all = await township.allCases();
	const byId = new Map<string, number>();
	const byNumber = new Map<string, number>();
	for (const c of all) {
		byId.set(c.id, (byId.get(c.id) ?? 0) + 1);
		byNumber.set(c.caseNumber, (byNumber.get(c.caseNumber) ?? 0) + 1);
	}
	for (const c of made) {
		expect(byId.get(c.id), `case ${c.caseNumber} held once by id`).toBe(1);
		expect(byNumber.get(c.caseNumber), `case ${c.caseNumber} held once by number`).toBe(1);
		const status = await township.attachmentStatus(c.id);
		expect(status.missing, `photos of ${c.caseNumber} all on the server`).toEqual([]);
		expect([...status.present].sort()).toEqual([...c.photoHashes].sort());
		if (options.checkEvents) expect((await township.eventTypes(c.id)).filter((t) => t === 'submit')).toHaveLength(1);
		if (options.downloadPhotos ?? true) {
			for (const hash of c.photoHashes) {
				const got = await township.download(hash, c.id);
				expect(got.sha256).toBe(hash);
				// Already-compressed bytes are never compressed again on the way out.
				expect(got.contentEncoding).toBeNull();
			}
		}
	}
}
