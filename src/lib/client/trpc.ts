import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
// Type-only: the client bundles no server code (tRPC's end-to-end types).
import type { AppRouter } from '../../../server/src/routers/app.router';

export type ApiClient = ReturnType<typeof createApiClient>;

/** One request per call (no batching): a dropped link then loses one call, not a batch of them. */
export function createApiClient(baseUrl = '') {
	return createTRPCClient<AppRouter>({
		links: [httpLink({ url: `${baseUrl}/trpc`, fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }) })]
	});
}

export const api = createApiClient();

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
