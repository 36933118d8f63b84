import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
// Type-only: the client bundles no server code (tRPC's end-to-end types).
import type { AppRouter } from '../../../server/src/routers/app.router';
import { DEVICE_REVOKED } from '$lib/domain/admin/admin.schema';
import { wipeDevice } from './wipe-device';

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
	/**
	 * Called when the server answers that this device was revoked (data.reason DEVICE_REVOKED); it
	 * wipes the device and replaces the page. The call that saw the answer then never settles, so
	 * no caller goes on to use the database being deleted.
	 */
	onDeviceRevoked?: () => Promise<void>;
}

/** Whether a 401 answer says the device was revoked; read from a copy, so tRPC still gets the body. */
async function isDeviceRevoked(res: Response): Promise<boolean> {
	if (res.status !== 401) return false;
	try {
		const body = (await res.clone().json()) as { error?: { data?: { reason?: unknown } } } | null;
		return body?.error?.data?.reason === DEVICE_REVOKED;
	} catch {
		return false;
	}
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
			const res = await baseFetch(input, { ...init, signal: controller.signal });
			if (options.onDeviceRevoked && (await isDeviceRevoked(res))) {
				await options.onDeviceRevoked();
				return new Promise<Response>(() => {});
			}
			return res;
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

/** The app's client: a revoked device wipes its local data on the first answer that says so. */
export const api = createApiClient({ onDeviceRevoked: wipeDevice, timeoutMs: () => appTimeoutMs });

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
