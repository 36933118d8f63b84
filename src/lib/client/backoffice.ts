import Papa from 'papaparse';
import { api } from './trpc';
import type { QueueFilterInput } from '$lib/domain/backoffice/queue-filter';
import { DASHBOARD_CSV_COLUMNS, dashboardTableRows, type Dashboard, type DashboardPeriod } from '$lib/domain/dashboard/dashboard';

/** The back office's online calls (township staff work online; nothing here is cached offline). */

export type QueuePageData = Awaited<ReturnType<typeof api.backoffice.queue.query>>;
export type QueueOptionsData = Awaited<ReturnType<typeof api.backoffice.queueOptions.query>>;
export type OverdueData = Awaited<ReturnType<typeof api.backoffice.overdue.query>>;
export type FollowUpData = Awaited<ReturnType<typeof api.backoffice.followUps.query>>[number];
export type AuditData = Awaited<ReturnType<typeof api.backoffice.audit.query>>;

export const loadQueue = (filter: QueueFilterInput) => api.backoffice.queue.query(filter);
export const loadQueueOptions = () => api.backoffice.queueOptions.query();
export const loadActorNames = (ids: string[]) => api.backoffice.actorNames.query({ ids: [...new Set(ids)].slice(0, 200) });
export const loadOverdue = () => api.backoffice.overdue.query();
export const loadDashboard = (period: DashboardPeriod) => api.backoffice.dashboard.query(period);
export const loadAudit = (caseId: string) => api.backoffice.audit.query({ caseId });
export const loadFollowUps = (statuses: ('open' | 'answered' | 'closed')[]) => api.backoffice.followUps.query({ statuses });
export const answerFollowUp = (kind: 'rating' | 'problem', id: string, response: string) =>
	api.backoffice.answerFollowUp.mutate({ kind, id, response });
export const closeFollowUp = (kind: 'rating' | 'problem', id: string, response?: string) =>
	api.backoffice.closeFollowUp.mutate({ kind, id, ...(response ? { response } : {}) });

/** A photo of a case's material, served after the server's row-level check. */
export function attachmentUrl(hash: string, caseId: string): string {
	return `/attachments/${hash}?case=${encodeURIComponent(caseId)}`;
}

/** The dashboard as CSV (papaparse quotes and escapes; a BOM so spreadsheet programs read UTF-8 Chinese). */
export function dashboardCsv(dashboard: Dashboard, overallLabel: string): string {
	return `\uFEFF${Papa.unparse({ fields: [...DASHBOARD_CSV_COLUMNS], data: dashboardTableRows(dashboard, overallLabel) })}`;
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.click();
	// Revoked later: the browser reads the blob after the click returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
