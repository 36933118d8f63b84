import { z } from 'zod';

/**
 * The life of a case (办件), DOMAIN.md "A case and its life".
 * `draft` and `submitted` exist only on the device; the server first sees a case as `received`.
 */
export const caseStatusSchema = z.enum([
	'draft', // on the device, being filled in
	'submitted', // queued in the device's outbox
	'received', // stored on the server, waiting for the front desk
	'correction_requested', // 补正: back to the agent, clock paused
	'not_accepted', // 不予受理 (final)
	'accepted', // 受理: clock running, review not yet started
	'under_review', // 后台审批, step by step (a bundle: branches in parallel)
	'approved',
	'refused', // 不予许可 (final)
	'certificate_issued', // 出证
	'out_for_delivery', // assigned to a grid worker
	'ready_for_pickup', // at the village station or township window
	'mailed',
	'delivered',
	'completed', // 办结
	'withdrawn' // 撤回 by the applicant (final)
]);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Statuses from which nothing further happens (except a rating on `completed`). */
export const FINAL_STATUSES: readonly CaseStatus[] = ['not_accepted', 'refused', 'completed', 'withdrawn'];

/** Statuses the device may still edit: the device owns a case only in these (docs/SYNC.md). */
export const DEVICE_OWNED_STATUSES: readonly CaseStatus[] = ['draft', 'submitted', 'correction_requested'];
