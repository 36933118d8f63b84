import { api } from './trpc';
import type { CaseEventInput } from '$lib/domain/case/events';

/** The township's online calls; the server runs the lifecycle and its answer is final. */
export type CaseDetail = Awaited<ReturnType<typeof api.case.get.query>>;

export function loadCase(caseId: string): Promise<CaseDetail> {
	return api.case.get.query({ caseId });
}

export function act(caseId: string, event: CaseEventInput): Promise<CaseDetail> {
	return api.case.act.mutate({ caseId, event });
}
