import type { ApiClient } from '../trpc';
import type { DaibanDb } from '../db/db';
import { uploadOne, type TusTransport } from './tus-upload';
import { openPhoto } from '../vault/attachment-vault';

export interface UploadProgress {
	hash: string;
	/** This file: bytes the server has (or is receiving) and its size. */
	bytesSent: number;
	bytesTotal: number;
	/** All files of this round together, for one progress bar. */
	sent: number;
	total: number;
}

export interface UploadPendingOptions extends TusTransport {
	db: DaibanDb;
	api: ApiClient;
	now?: () => Date;
	onProgress?: (p: UploadProgress) => void;
	signal?: AbortSignal;
}

export interface UploadSummary {
	uploaded: number;
	/** Already on the server (another device, or an earlier round whose reply was lost): no byte sent. */
	alreadyOnServer: number;
	quarantined: number;
	/** Left for a later round (the link dropped, the server failed). */
	remaining: number;
}

/**
 * Hashes per `attachments.missing` call. It is a query, so they travel in the URL: 100 hashes are
 * about 7 KB of URL; 500 (the schema's maximum) made a 35 KB request line that Node refuses (431,
 * over its 16 KB header limit), which stopped every upload of a device holding more than 100 photos.
 */
const MISSING_BATCH = 100;

/**
 * Sends the device's attachments that the server lacks, one at a time (a 2G link gains nothing
 * from parallel uploads), each resumed from the server's offset when an earlier attempt got part of
 * it across. Asks `attachments.missing` first, so known bytes are never sent again. A file the
 * server refuses is quarantined with the reason; a network or server failure stops the round and
 * leaves the rest for the next one. Never throws for an upload; a failed `missing` call does throw.
 */
export async function uploadPending(options: UploadPendingOptions): Promise<UploadSummary> {
	const { db, api } = options;
	const now = options.now ?? (() => new Date());
	const summary: UploadSummary = { uploaded: 0, alreadyOnServer: 0, quarantined: 0, remaining: 0 };
	const pending = (await db.attachments.where('state').anyOf('pending', 'uploading').primaryKeys()) as string[];
	if (pending.length === 0) return summary;

	const missing = new Set<string>();
	for (let i = 0; i < pending.length; i += MISSING_BATCH) {
		const res = await api.attachments.missing.query({ hashes: pending.slice(i, i + MISSING_BATCH) });
		for (const h of res.missing) missing.add(h);
	}
	const present = pending.filter((h) => !missing.has(h));
	if (present.length > 0) {
		const at = now().toISOString();
		await db.attachments.where('hash').anyOf(present).modify((a) => {
			a.state = 'uploaded';
			a.uploadedAt = at;
			a.bytesUploaded = a.size;
			delete a.uploadUrl;
		});
		summary.alreadyOnServer = present.length;
	}

	// Oldest first: photos reach the township in the order they were taken.
	const queue = (await db.attachments.bulkGet([...missing]))
		.filter((a) => a !== undefined)
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.hash.localeCompare(b.hash));
	const total = queue.reduce((n, a) => n + a.size, 0);
	let done = 0;
	for (const [index, record] of queue.entries()) {
		if (options.signal?.aborted) {
			summary.remaining = queue.length - index;
			break;
		}
		const { hash } = record;
		const outcome = await uploadOne(
			{
				hash,
				caseId: record.caseId,
				// Decrypted just before it leaves: the server checks the plaintext's hash.
				source: await openPhoto(record),
				uploadUrl: record.uploadUrl,
				signal: options.signal,
				onUploadUrl(url) {
					void db.attachments.update(hash, { uploadUrl: url, state: 'uploading' }).catch(() => {});
				},
				onProgress(bytesSent, bytesTotal) {
					options.onProgress?.({ hash, bytesSent, bytesTotal, sent: done + bytesSent, total });
				},
				onChunkComplete(_chunk, accepted) {
					void db.attachments.update(hash, { bytesUploaded: accepted }).catch(() => {});
				}
			},
			options
		);
		if (outcome.kind === 'uploaded') {
			await db.attachments.where('hash').equals(hash).modify((a) => {
				a.state = 'uploaded';
				a.uploadedAt = now().toISOString();
				a.bytesUploaded = a.size;
				delete a.uploadUrl;
			});
			summary.uploaded++;
			done += record.size;
		} else if (outcome.kind === 'refused') {
			await db.attachments.where('hash').equals(hash).modify((a) => {
				a.state = 'quarantined';
				a.quarantined = { code: outcome.code, reason: outcome.reason, at: now().toISOString() };
				delete a.uploadUrl;
			});
			summary.quarantined++;
		} else {
			summary.remaining = queue.length - index;
			break;
		}
	}
	return summary;
}
