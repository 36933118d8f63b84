import { Upload, type HttpStack } from 'tus-js-client';

/*
 * One attachment over tus (tus-js-client), with no Dexie and no app imports, so Node tests drive
 * the exact upload the app makes. Runs in the browser (XHR) and in Node (http) alike: the bytes
 * are read from the Blob chunk by chunk, so a 10 MB photo is never held twice in memory.
 */

/** 256 KB: on a 2G/3G link a chunk lands in seconds, so a drop costs little (the server allows 1 MB). */
export const CHUNK_SIZE = 256 * 1024;
/** Retries within one attempt; the sync scheduler's backoff covers longer outages. */
export const RETRY_DELAYS = [0, 1_000, 3_000, 5_000];
/** Statuses that mean "these bytes will never be accepted": the file is quarantined, not retried. */
const REFUSED_STATUSES = new Set([400, 413, 415, 460]);

export interface TusTransport {
	/** The server's origin; '' (default) in the browser, for the same origin. */
	baseUrl?: string;
	/** Extra headers on every tus request (Node tests send the session cookie here). */
	headers?: Record<string, string>;
	/** Replaces tus-js-client's HTTP stack: byte counting and fault injection in tests. */
	httpStack?: HttpStack;
	chunkSize?: number;
	retryDelays?: number[] | null;
}

export interface UploadOneInput {
	hash: string;
	caseId: string;
	source: Blob;
	/** The URL of an earlier attempt: resumed from the server's offset, or started anew if the server forgot it. */
	uploadUrl?: string;
	onUploadUrl?(url: string): void;
	/** Bytes of this file sent so far (including those the server had before), and its size. */
	onProgress?(bytesSent: number, bytesTotal: number): void;
	/** A chunk the server confirmed: its size, and the server's offset after it. */
	onChunkComplete?(chunkSize: number, bytesAccepted: number, bytesTotal: number): void;
	signal?: AbortSignal;
}

export type UploadOutcome =
	| { kind: 'uploaded' }
	/** The server will never take these bytes (wrong type, wrong hash, too big): quarantine. */
	| { kind: 'refused'; status: number; code: string; reason: string }
	/** Network, server or session trouble: the same upload is tried again on a later round. */
	| { kind: 'failed'; status: number | null; reason: string }
	| { kind: 'aborted' };

interface ErrorWithResponse {
	originalResponse?: { getStatus(): number; getBody(): string } | null;
}

function describeFailure(err: Error): UploadOutcome {
	const res = (err as Error & ErrorWithResponse).originalResponse ?? null;
	const status = res ? res.getStatus() : null;
	let code = status ? `HTTP_${status}` : 'NETWORK';
	let reason = err.message;
	if (res) {
		try {
			const body = JSON.parse(res.getBody()) as { error?: unknown; message?: unknown };
			if (typeof body.error === 'string') code = body.error;
			if (typeof body.message === 'string') reason = body.message;
		} catch {
			if (res.getBody().trim()) reason = res.getBody().trim();
		}
	}
	if (status !== null && REFUSED_STATUSES.has(status)) return { kind: 'refused', status, code, reason };
	return { kind: 'failed', status, reason };
}

/**
 * Reads a Blob in slices as bytes. tus-js-client's own readers take a Blob only in the browser and
 * a Buffer only in Node; a Uint8Array (with the `size` its HTTP stacks read) works in both.
 */
const blobReader = {
	async openFile(input: Blob) {
		return {
			size: input.size,
			async slice(start: number, end: number) {
				const bytes = new Uint8Array(await input.slice(start, end).arrayBuffer());
				return { value: Object.assign(bytes, { size: bytes.byteLength }), done: end >= input.size };
			},
			close() {}
		};
	}
};

/** Uploads (or resumes) one attachment; resolves with the outcome, never rejects. */
export function uploadOne(input: UploadOneInput, transport: TusTransport = {}): Promise<UploadOutcome> {
	return new Promise((resolve) => {
		if (input.signal?.aborted) return resolve({ kind: 'aborted' });
		const upload: Upload = new Upload(input.source, {
			endpoint: `${transport.baseUrl ?? ''}/uploads/`,
			uploadUrl: input.uploadUrl ?? null,
			uploadSize: input.source.size,
			chunkSize: transport.chunkSize ?? CHUNK_SIZE,
			retryDelays: transport.retryDelays === undefined ? RETRY_DELAYS : transport.retryDelays,
			metadata: { sha256: input.hash, caseId: input.caseId },
			headers: transport.headers ?? {},
			...(transport.httpStack ? { httpStack: transport.httpStack } : {}),
			fileReader: blobReader,
			// The URL is kept in Dexie by the caller (per hash), not in tus-js-client's localStorage.
			fingerprint: async () => `sha256-${input.hash}`,
			storeFingerprintForResuming: false,
			onUploadUrlAvailable() {
				if (upload.url) input.onUploadUrl?.(upload.url);
			},
			onProgress: input.onProgress ?? null,
			onChunkComplete: input.onChunkComplete ?? null,
			onSuccess() {
				input.signal?.removeEventListener('abort', onAbort);
				resolve({ kind: 'uploaded' });
			},
			onError(err) {
				input.signal?.removeEventListener('abort', onAbort);
				resolve(describeFailure(err));
			}
		});
		const onAbort = () => {
			void upload.abort();
			resolve({ kind: 'aborted' });
		};
		input.signal?.addEventListener('abort', onAbort, { once: true });
		upload.start();
	});
}
