// What the server holds, read the way township staff read it: the app's own tRPC client in Node,
// logged in as the demo front desk (综合受理). Specs use it to check "every case and photo exactly once".
import { createHash } from 'node:crypto';
import { createApiClient, type ApiClient } from '../../../src/lib/client/trpc';

const SESSION_COOKIE = 'daiban_session';

export interface TownshipApi {
	api: ApiClient;
	/** Every case of the township in these statuses (paged through case.queue). */
	allCases(statuses?: string[]): Promise<{ id: string; caseNumber: string; materials: { attachmentHashes: string[] }[] }[]>;
	/** Events of one case (its timeline): a case applied twice would show two `submit`s. */
	eventTypes(caseId: string): Promise<string[]>;
	attachmentStatus(caseId: string): Promise<{ present: string[]; missing: string[]; complete: boolean }>;
	/** Downloads an attachment and returns the SHA-256 of the bytes the server serves. */
	downloadHash(hash: string, caseId: string): Promise<string>;
}

export async function townshipApi(baseURL: string, username = 'intake', password = 'daiban-intake'): Promise<TownshipApi> {
	const res = await fetch(`${baseURL}/trpc/auth.login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password, deviceName: 'e2e township check' }),
		signal: AbortSignal.timeout(30_000)
	});
	if (res.status !== 200) throw new Error(`login of ${username} failed: HTTP ${res.status} ${await res.text()}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (!cookie) throw new Error('login set no session cookie');
	const withCookie: typeof fetch = (input, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		return fetch(input, { ...init, headers });
	};
	const api = createApiClient({ baseUrl: baseURL, fetch: withCookie, timeoutMs: 30_000 });
	return {
		api,
		async allCases(statuses = ['received']) {
			const out: Awaited<ReturnType<TownshipApi['allCases']>> = [];
			for (let offset = 0, page = 0; page < 1_000; page++) {
				const res = await api.case.queue.query({ statuses: statuses as never, limit: 200, offset });
				out.push(...res.cases);
				offset += res.cases.length;
				if (res.cases.length === 0 || offset >= res.total) break;
			}
			return out;
		},
		async eventTypes(caseId) {
			const detail = await api.case.get.query({ caseId });
			return detail.events.map((e) => e.type);
		},
		attachmentStatus: (caseId) => api.attachments.status.query({ caseId }),
		async downloadHash(hash, caseId) {
			const got = await withCookie(`${baseURL}/attachments/${hash}?case=${caseId}`, { signal: AbortSignal.timeout(30_000) });
			if (got.status !== 200) throw new Error(`GET /attachments/${hash}: HTTP ${got.status}`);
			return createHash('sha256').update(Buffer.from(await got.arrayBuffer())).digest('hex');
		}
	};
}
