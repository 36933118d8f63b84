import type { ApiClient } from '../trpc';
import type { DaibanDb, LocalCase } from '../db/db';
import { getMeta, META, setMeta } from '../db/meta';
import { pendingEntries } from './outbox';
import { uploadPending, type UploadPendingOptions } from '../attachments/upload-pending';
import { AdaptiveBatchSize, isTimeout, isTooLarge } from './batch-size';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '$lib/domain/sync/protocol';
import type { CaseRecord } from '$lib/domain/case/case.schema';

/** The case a queued mutation is about: `case.submit` carries the case itself, `case.resubmit` its id. */
function caseIdOf(args: unknown): string | undefined {
	const a = args as { id?: unknown; caseId?: unknown } | null;
	const id = typeof a?.caseId === 'string' ? a.caseId : a?.id;
	return typeof id === 'string' ? id : undefined;
}

export interface SyncProgress {
	phase: 'push' | 'upload' | 'pull' | 'idle';
	pushed: number;
	toPush: number;
	pulled: number;
	/** Attachment bytes of this round: what the server has of them, and their total. */
	bytesSent?: number;
	bytesTotal?: number;
}

/**
 * One outbox entry alone is more than the server accepts. It cannot be quarantined on the device
 * without the server's word (mutation ids go out without gaps), so the round stops with this reason.
 */
export class PushTooLargeError extends Error {
	constructor(
		readonly mutationId: number,
		cause: unknown
	) {
		super(`change ${mutationId} is larger than the server accepts in one request`, { cause });
		this.name = 'PushTooLargeError';
	}
}

export interface SyncResult {
	pushed: number;
	rejected: number;
	pulled: number;
}

export interface SyncEngineOptions {
	db: DaibanDb;
	api: ApiClient;
	now?: () => Date;
	/** The largest push batch (default 50); pushes start there and adapt (see `pushBatch`). */
	pushBatchSize?: number;
	/** The adaptive push size, kept by the caller across rounds; default: a fresh one at `pushBatchSize`. */
	pushBatch?: AdaptiveBatchSize;
	pullLimit?: number;
	onProgress?: (p: SyncProgress) => void;
	/** How attachment bytes reach the server (tus): origin, headers, HTTP stack, byte progress. Browser defaults. */
	uploads?: Omit<UploadPendingOptions, 'db' | 'api'>;
}

/**
 * One sync round: push the outbox in order, then pull until caught up (docs/SYNC.md).
 * An outbox entry is removed only once the server has confirmed it: in the push reply,
 * or through `lastMutationId` on a later pull when the reply was lost on the way.
 * No browser globals here, so Node tests drive the same engine against a real server.
 */
export function createSyncEngine(options: SyncEngineOptions) {
	const { db, api } = options;
	const now = options.now ?? (() => new Date());
	const pushBatch = options.pushBatch ?? new AdaptiveBatchSize(options.pushBatchSize ?? 50);
	const pullLimit = options.pullLimit ?? 200;
	const report = options.onProgress ?? (() => {});

	async function clientId(): Promise<string> {
		const id = await getMeta<string | null>(db, META.clientId, null);
		if (!id) throw new Error('this device has no sync client id: log in first');
		return id;
	}

	async function applyPushResults(res: PushResponse): Promise<number> {
		let rejected = 0;
		await db.transaction('rw', db.outbox, db.cases, db.meta, async () => {
			for (const r of res.results) {
				const entry = await db.outbox.get(r.id);
				if (!entry) continue;
				if (r.status === 'rejected') {
					rejected++;
					await quarantine(entry.id, r.code ?? 'REJECTED', r.reason ?? 'refused by the server');
				} else {
					await db.outbox.delete(r.id);
					await markCase(entry.args, { syncState: 'received' });
				}
			}
			await setMeta(db, META.lastMutationId, res.lastMutationId);
		});
		return rejected;
	}

	async function quarantine(entryId: number, code: string, reason: string): Promise<void> {
		const entry = await db.outbox.get(entryId);
		if (!entry || entry.quarantined) return;
		await db.outbox.update(entryId, { quarantined: { code, reason, at: now().toISOString() } });
		await markCase(entry.args, { syncState: 'rejected', rejection: { code, reason } });
	}

	async function markCase(args: unknown, patch: Partial<LocalCase>): Promise<void> {
		const id = caseIdOf(args);
		if (id !== undefined) await db.cases.update(id, patch);
	}

	async function push(): Promise<{ pushed: number; rejected: number }> {
		const cid = await clientId();
		let pushed = 0;
		let rejected = 0;
		const toPush = await db.outbox.filter((e) => !e.quarantined).count();
		// Bounded: each pass either acknowledges entries or halves the batch (at most log2(max) times in a row).
		for (let pass = 0; pass < 100_000; pass++) {
			const batch = await pendingEntries(db, pushBatch.size);
			if (batch.length === 0) break;
			report({ phase: 'push', pushed, toPush, pulled: 0 });
			let res: PushResponse;
			try {
				res = await api.sync.push.mutate({
					protocolVersion: PROTOCOL_VERSION,
					clientId: cid,
					mutations: batch.map((e) => ({ id: e.id, name: e.name, args: e.args, createdAt: e.createdAt }))
				});
			} catch (e) {
				// Too large for the server (or a proxy), or too slow for the link: try again with half.
				// A timed-out batch may have been applied; its entries come back as duplicates.
				if ((isTooLarge(e) || isTimeout(e)) && batch.length > 1 && pushBatch.shrink()) continue;
				if (isTooLarge(e)) throw new PushTooLargeError(batch[0]?.id ?? 0, e);
				throw e;
			}
			pushBatch.grow();
			rejected += await applyPushResults(res);
			pushed += batch.length;
			// Entries the server already had before this batch are also acknowledged (duplicates).
			if (res.results.length === 0) break;
		}
		return { pushed, rejected };
	}

	async function applyServerCase(record: CaseRecord): Promise<void> {
		const local = await db.cases.get(record.id);
		// The device keeps authority over a case it has unsent edits for: edits are only made while
		// the device owns the case (a draft submitted, a correction answered), and the server's
		// answer to them is still to come.
		const pendingEdit = await db.outbox.filter((e) => caseIdOf(e.args) === record.id && !e.quarantined).count();
		if (local && pendingEdit > 0) return;
		// A refused edit (a correction answer the server would not take) stays visible with its
		// reason over the server's copy, until the agent answers again (docs/SYNC.md).
		const refused = local?.syncState === 'rejected' ? local.rejection : undefined;
		await db.cases.put({
			id: record.id,
			caseNumber: record.caseNumber,
			status: record.status,
			intake: {
				id: record.id,
				caseNumber: record.caseNumber,
				itemCodes: record.itemCodes,
				bundleCode: record.bundleCode,
				catalogVersion: record.catalogVersion,
				villageCode: record.villageCode,
				applicant: record.applicant,
				form: record.form,
				materials: record.materials,
				delivery: record.delivery,
				trips: record.trips,
				...(record.signatureHash ? { signatureHash: record.signatureHash } : {}),
				createdAt: record.createdAt
			},
			syncState: refused ? 'rejected' : 'received',
			...(refused ? { rejection: refused } : {}),
			updatedAt: record.updatedAt,
			receivedAt: record.receivedAt,
			...(record.corrections ? { corrections: record.corrections } : {}),
			...(record.clock ? { clock: record.clock } : {})
		});
	}

	async function applyPull(res: PullResponse): Promise<void> {
		await db.transaction('rw', [db.outbox, db.cases, db.meta, db.catalogs, db.problems], async () => {
			for (const r of res.rejections) await quarantine(r.mutationId, r.code, r.reason);
			// Confirmed by the server even if we never heard the push reply: done.
			const confirmed = await db.outbox.where('id').belowOrEqual(res.lastMutationId).toArray();
			for (const e of confirmed) {
				if (e.quarantined) continue;
				await db.outbox.delete(e.id);
				await markCase(e.args, { syncState: 'received' });
			}
			for (const c of res.cases) await applyServerCase(c);
			for (const p of res.problems) await db.problems.put({ ...p, synced: true });
			for (const t of res.tombstones) if (t.entityType === 'case') await db.cases.delete(t.entityId);
			if (res.catalog) {
				await db.catalogs.put({ version: res.catalog.version, catalog: res.catalog, receivedAt: now().toISOString() });
			}
			await setMeta(db, META.cursor, res.cursor);
			await setMeta(db, META.lastMutationId, res.lastMutationId);
		});
	}

	async function pull(): Promise<number> {
		const cid = await clientId();
		let pulled = 0;
		for (let page = 0; page < 10_000; page++) {
			const cursor = await getMeta<number>(db, META.cursor, 0);
			const latestCatalog = await db.catalogs.orderBy('version').last();
			const oldestPending = await db.outbox.orderBy('id').first();
			report({ phase: 'pull', pushed: 0, toPush: 0, pulled });
			const res = await api.sync.pull.query({
				protocolVersion: PROTOCOL_VERSION,
				clientId: cid,
				cursor,
				limit: pullLimit,
				catalogVersion: latestCatalog?.version ?? 0,
				oldestPendingMutationId: oldestPending?.id
			});
			await applyPull(res);
			pulled += res.cases.length + res.tombstones.length;
			if (!res.hasMore) break;
		}
		return pulled;
	}

	return {
		async syncOnce(): Promise<SyncResult> {
			const { pushed, rejected } = await push();
			// After push (the cases that reference them are on the server), before pull.
			await uploadPending({
				...options.uploads,
				db,
				api,
				now,
				onProgress: (u) => {
					options.uploads?.onProgress?.(u);
					report({ phase: 'upload', pushed, toPush: pushed, pulled: 0, bytesSent: u.sent, bytesTotal: u.total });
				}
			});
			const pulled = await pull();
			await setMeta(db, META.lastSyncAt, now().toISOString());
			report({ phase: 'idle', pushed, toPush: pushed, pulled });
			return { pushed, rejected, pulled };
		},
		push,
		pull
	};
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
