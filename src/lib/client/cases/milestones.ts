import type { LocalCase } from '../db/db';
import type { CaseStatus } from '$lib/domain/case/status';

/**
 * A case's timeline on the device, read off what the device holds (docs/DECISIONS.md, "Case
 * timeline on the device"): taken, received by the township, each correction round asked and
 * answered, accepted (clock start), result ready (clock stop), and where it stands now. The full
 * event log (who did what, from which device) stays on the server, where the township reads it.
 */
export type Milestone =
	| { kind: 'created'; at: string }
	| { kind: 'received'; at: string }
	| { kind: 'correction_requested'; at: string; deficiencies: number }
	| { kind: 'correction_closed'; at: string; outcome: 'resubmitted' | 'withdrawn' | 'not_accepted'; pending: boolean }
	| { kind: 'accepted'; at: string }
	| { kind: 'clock_stopped'; at: string }
	| { kind: 'status'; at: string; status: CaseStatus };

export function caseMilestones(c: LocalCase): Milestone[] {
	const list: Milestone[] = [{ kind: 'created', at: c.intake.createdAt }];
	if (c.receivedAt) list.push({ kind: 'received', at: c.receivedAt });
	for (const round of c.corrections ?? []) {
		list.push({ kind: 'correction_requested', at: round.requestedAt, deficiencies: round.deficiencies.length });
		if (round.closedAt !== null && round.outcome !== null) {
			// Answered here and not yet confirmed by the server.
			const pending = round.outcome === 'resubmitted' && c.syncState === 'sent';
			list.push({ kind: 'correction_closed', at: round.closedAt, outcome: round.outcome, pending });
		}
	}
	if (c.clock?.startedOn) list.push({ kind: 'accepted', at: c.clock.startedOn });
	if (c.clock?.stoppedOn) list.push({ kind: 'clock_stopped', at: c.clock.stoppedOn });
	// Stable sort: a date-only milestone sorts before the same day's instants, which is close enough.
	list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	list.push({ kind: 'status', at: c.updatedAt, status: c.status });
	return list;
}
