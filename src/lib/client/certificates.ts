import { api, TRPCClientError } from './trpc';
import type { DeliveryAssignmentInput } from '$lib/domain/certificates';

/** The certificate window's online calls and file addresses (server/src/routes/certificate-files.ts). */
export type QueueEntry = Awaited<ReturnType<typeof api.certificates.queue.query>>[number];
export type IssuedCertificate = Awaited<ReturnType<typeof api.certificates.list.query>>[number];
export type DeliveryOptions = Awaited<ReturnType<typeof api.certificates.deliveryOptions.query>>;

export const certificatesApi = {
	queue: () => api.certificates.queue.query(),
	today: () => api.certificates.list.query({}),
	issue: (caseId: string, itemCode: string) => api.certificates.issue.mutate({ caseId, itemCode }),
	reprint: (certificateId: string, reason: string) => api.certificates.reprint.mutate({ certificateId, reason }),
	deliveryOptions: (caseId: string) => api.certificates.deliveryOptions.query({ caseId }),
	assignDelivery: (input: DeliveryAssignmentInput) => api.certificates.assignDelivery.mutate(input)
};

/** The first print needs no print id; a reprint's id (from `reprint`) unlocks one more download. */
export function certificatePdfUrl(certificateId: string, printId?: string): string {
	return `/api/certificates/${certificateId}.pdf${printId ? `?print=${encodeURIComponent(printId)}` : ''}`;
}

export const BATCH_PDF_URL = '/api/certificates/batch.pdf';

export const publicApi = {
	verify: (payload: string) => api.public.verifyCertificate.query({ payload }),
	caseStatus: (caseNumber: string, phoneLast4: string) => api.public.caseStatus.query({ caseNumber, phoneLast4 })
};

/** The tRPC error code of a failed call (e.g. NOT_FOUND, TOO_MANY_REQUESTS), or null. */
export function errorCode(e: unknown): string | null {
	return e instanceof TRPCClientError ? ((e.data as { code?: string } | undefined)?.code ?? null) : null;
}

/**
 * Fetches a certificate PDF and hands it to the browser as a download. Fetching first (instead of a
 * plain link) lets the page show the server's reason when it refuses, e.g. "a reprint needs a reason".
 */
export async function downloadPdf(url: string, filename: string): Promise<void> {
	const res = await fetch(url, { credentials: 'same-origin' });
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { message?: string } | null;
		throw new Error(body?.message ?? `HTTP ${res.status}`);
	}
	const objectUrl = URL.createObjectURL(await res.blob());
	try {
		const a = document.createElement('a');
		a.href = objectUrl;
		a.download = filename;
		document.body.append(a);
		a.click();
		a.remove();
	} finally {
		// The click has started the download; revoking on the next task is safe.
		setTimeout(() => URL.revokeObjectURL(objectUrl), 0);
	}
}
