import { createHash } from 'node:crypto';

/** The hash before the first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit event says, without its place in the chain. */
export interface AuditEventInput {
	/** e.g. `auth.login`, `auth.login_failed`, `device.revoke`, `case.act`, `pii.read`. */
	action: string;
	/** What the action was about: a user id, device id, case id, or a procedure name. */
	subject: string;
	actorId?: string | null;
	deviceId?: string | null;
	details?: Record<string, unknown>;
}

export interface ChainedEvent {
	seq: number;
	at: Date;
	actorId: string | null;
	deviceId: string | null;
	action: string;
	subject: string;
	details: Record<string, unknown>;
}

/**
 * JSON with object keys sorted at every depth, so the same event always hashes the same, however
 * the database (jsonb reorders keys) or a driver hands it back.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		// undefined (absent) and non-finite numbers are not JSON: store them as null, like JSON.stringify in arrays.
		if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return 'null';
		return JSON.stringify(value);
	}
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = SHA-256(prevHash ‖ "\n" ‖ canonical event), hex. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
	const canonical = canonicalJson({
		seq: event.seq,
		at: event.at.toISOString(),
		actorId: event.actorId,
		deviceId: event.deviceId,
		action: event.action,
		subject: event.subject,
		details: event.details
	});
	return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface StoredEvent extends ChainedEvent {
	prevHash: string;
	hash: string;
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Checks a run of events in seq order, continuing from `previous` (the last event checked, or
 * null at the start of the log). Returns the first broken link, or null.
 */
export function findBreak(events: readonly StoredEvent[], previous: { seq: number; hash: string } | null): ChainBreak | null {
	let prev = previous;
	for (const e of events) {
		const expectedSeq = prev ? prev.seq + 1 : 1;
		if (e.seq !== expectedSeq) {
			return { seq: e.seq, reason: `expected seq ${expectedSeq} before it: event(s) ${expectedSeq}..${e.seq - 1} are missing (deleted)` };
		}
		const expectedPrev = prev ? prev.hash : GENESIS_HASH;
		if (e.prevHash !== expectedPrev) {
			return { seq: e.seq, reason: `prevHash does not match the hash of event ${expectedSeq - 1} (a link was replaced)` };
		}
		if (chainHash(e.prevHash, e) !== e.hash) {
			return { seq: e.seq, reason: 'hash does not match its content (the event was changed after it was written)' };
		}
		prev = { seq: e.seq, hash: e.hash };
	}
	return null;
}
