import type { DbOrTx } from '../db/database';
import type { WorkflowState } from '../../../src/lib/domain/case/workflow';
import { deliveryTombstoneId } from '../../../src/lib/domain/delivery/delivery-rules';
import { deliveryRepository } from '../repositories/delivery.repository';

/** The grid worker whose device holds this case as a delivery, or null. */
export function deliveryHolder(state: WorkflowState | null): string | null {
	if (!state || state.status !== 'out_for_delivery') return null;
	return state.delivery.assignments.at(-1)?.gridWorkerId ?? null;
}

/**
 * Called wherever a case's workflow changes: when the delivery leaves the device of the grid
 * worker who held it (reassigned, delivered, sent to pickup or mail), that worker's next pull
 * carries a tombstone for it (docs/SYNC.md, "Grid scope and tombstones"). Same transaction and
 * change number as the case update, so the tombstone and the change are seen together.
 */
export async function recordDeliveryScopeChange(
	tx: DbOrTx,
	change: { caseId: string; villageCode: string; before: WorkflowState | null; after: WorkflowState; changeSeq: number }
): Promise<void> {
	const before = deliveryHolder(change.before);
	if (before === null || before === deliveryHolder(change.after)) return;
	await deliveryRepository.upsertTombstone(tx, {
		entityId: deliveryTombstoneId(change.caseId, before),
		userId: before,
		villageCode: change.villageCode,
		changeSeq: change.changeSeq
	});
}
