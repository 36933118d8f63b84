import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
// Type-only: the client bundles no server code (tRPC's end-to-end types).
import type { AppRouter } from '../../../server/src/routers/app.router';

export type ApiClient = ReturnType<typeof createApiClient>;

export interface ApiClientOptions {
	/** Origin of the server; '' in the browser (same origin). */
	baseUrl?: string;
	/** Replaces the global fetch: Node tests add the session cookie and inject faults here. */
	fetch?: typeof fetch;
	/**
	 * A link that hangs instead of dropping would stall sync forever: every call gives up after
	 * this long (generous, for 2G) and the scheduler retries with backoff.
	 */
	timeoutMs?: number | (() => number);
}

/** One request per call (no batching): a dropped link then loses one call, not a batch of them. */
export function createApiClient(options: ApiClientOptions = {}) {
	const baseFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, { ...init, credentials: 'same-origin' }));
	const timeoutOf = () => (typeof options.timeoutMs === 'function' ? options.timeoutMs() : (options.timeoutMs ?? 90_000));
	// One controller per call, aborted by the caller's signal or the timer. Not AbortSignal.any:
	// on Node 20 a combined signal can be garbage-collected mid-request and then never fires.
	const doFetch: typeof fetch = async (input, init) => {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(new DOMException('the server did not answer in time', 'TimeoutError')), timeoutOf());
		const outer = init?.signal;
		const forward = () => controller.abort(outer?.reason);
		if (outer?.aborted) forward();
		else outer?.addEventListener('abort', forward, { once: true });
		try {
			return await baseFetch(input, { ...init, signal: controller.signal });
		} finally {
			clearTimeout(timer);
			outer?.removeEventListener('abort', forward);
		}
	};
	return createTRPCClient<AppRouter>({
		links: [httpLink({ url: `${options.baseUrl ?? ''}/trpc`, fetch: doFetch })]
	});
}

/** The app's calls give up after 90 s; the test harness shortens it to meet a timeout in seconds. */
let appTimeoutMs = 90_000;
export function setAppRequestTimeout(ms: number): void {
	appTimeoutMs = ms;
}

export const api = createApiClient({ timeoutMs: () => appTimeoutMs });

/** A network failure (no response at all), as opposed to an answer from the server. */
export function isNetworkError(e: unknown): boolean {
	// A tRPC error answer always carries a shape; a dropped link or a proxy's HTML page does not.
	return e instanceof TRPCClientError && e.shape === undefined;
}

export function errorMessage(e: unknown): string {
	if (e instanceof TRPCClientError) return e.message;
	if (e instanceof Error) return e.message;
	return String(e);
}

export { TRPCClientError };
