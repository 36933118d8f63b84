import type { OutboxEntry, StoredOutboxEntry } from '../db/db';
import { decryptJson, encryptJson } from '../lock/data-key';
import { cryptoStep } from './in-transaction';

/**
 * Outbox entries at rest: a mutation's arguments carry personal data (`case.submit` carries the
 * whole intake), so they are sealed with the data key and opened only to be pushed or shown.
 */

const aad = (id: number) => `outbox:${id}`;

/** The case (or report) a mutation is about: `case.submit` carries the case itself, `case.resubmit` its id. */
export function refOfArgs(args: unknown): string | undefined {
	const a = args as { id?: unknown; caseId?: unknown } | null;
	const id = typeof a?.caseId === 'string' ? a.caseId : a?.id;
	return typeof id === 'string' ? id : undefined;
}

/** Seals the arguments; the reference to the case (or report) stays in clear for lookups. */
export async function sealOutboxEntry(entry: OutboxEntry): Promise<StoredOutboxEntry> {
	const { args, ...clear } = entry;
	const ref = entry.ref ?? refOfArgs(args);
	return { ...clear, ...(ref ? { ref } : {}), sealedArgs: await cryptoStep(encryptJson(args, aad(entry.id))) };
}

export async function openOutboxEntry(stored: StoredOutboxEntry): Promise<OutboxEntry> {
	if (!('sealedArgs' in stored)) return stored;
	const { sealedArgs, ...clear } = stored;
	return { ...clear, args: await decryptJson(sealedArgs, aad(stored.id)) };
}

export function openOutboxEntries(stored: readonly StoredOutboxEntry[]): Promise<OutboxEntry[]> {
	return cryptoStep(Promise.all(stored.map(openOutboxEntry)));
}
