import { TRPCClientError } from '@trpc/client';

/**
 * How many outbox entries go in one push, adapted to the link (docs/SYNC.md, "Adaptive batches").
 * Halved when the server (or a proxy in front of it) refuses the body as too large, or the push
 * times out on a slow link; doubled back after a success, up to the configured size. Kept by the
 * scheduler across rounds, so a slow station does not start big every minute.
 */
export class AdaptiveBatchSize {
	#size: number;

	constructor(
		readonly max: number,
		readonly min = 1
	) {
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`batch size must be a whole number ≥ 1, not ${max}`);
		if (!Number.isInteger(min) || min < 1 || min > max) throw new RangeError(`minimum batch size must be from 1 to ${max}, not ${min}`);
		this.#size = max;
	}

	get size(): number {
		return this.#size;
	}

	/** After a refusal for size or a timeout. False when already at the minimum: nothing left to try. */
	shrink(): boolean {
		if (this.#size <= this.min) return false;
		this.#size = Math.max(this.min, Math.floor(this.#size / 2));
		return true;
	}

	/** After a push that went through. */
	grow(): void {
		this.#size = Math.min(this.max, this.#size * 2);
	}
}

/** HTTP 413 from the server's tRPC error shape, or from a proxy that answered with its own page. */
export function isTooLarge(e: unknown): boolean {
	if (!(e instanceof TRPCClientError)) return false;
	const data = e.data as { httpStatus?: number; code?: string } | undefined;
	if (data?.httpStatus === 413 || data?.code === 'PAYLOAD_TOO_LARGE') return true;
	const response = (e.meta as { response?: { status?: number } } | undefined)?.response;
	return response?.status === 413;
}

/** The call gave up waiting (the client's own timeout): on a slow link, a smaller batch may get through. */
export function isTimeout(e: unknown): boolean {
	for (let cause: unknown = e, depth = 0; cause && depth < 5; depth++) {
		if (cause instanceof Error && cause.name === 'TimeoutError') return true;
		if (cause instanceof DOMException && cause.name === 'TimeoutError') return true;
		cause = (cause as { cause?: unknown }).cause;
	}
	return false;
}
