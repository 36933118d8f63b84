import { describe, expect, it } from 'vitest';
import type { LocalCase } from '../db/db';
import { caseMilestones } from './milestones';

const base: LocalCase = {
	id: '0190a6f0-0000-7000-8000-000000000001',
	caseNumber: 'X',
	status: 'received',
	syncState: 'sent',
	updatedAt: '2026-11-25T03:00:00.000Z',
	receivedAt: '2026-11-23T02:00:00.000Z',
	intake: { createdAt: '2026-11-23T01:00:00.000Z' } as LocalCase['intake'],
	corrections: [
		{
			deficiencies: [
				{ itemCode: 'A', materialId: 'id', problem: '不清晰' },
				{ itemCode: 'A', materialId: 'photo', problem: '缺少' }
			],
			requestedAt: '2026-11-24T02:00:00.000Z',
			returnTo: 'received',
			closedAt: '2026-11-25T03:00:00.000Z',
			outcome: 'resubmitted'
		}
	]
};

describe('caseMilestones', () => {
	it('lists taken, received, the correction asked and answered (pending until confirmed), and the status now', () => {
		expect(caseMilestones(base).map((m) => m.kind)).toEqual(['created', 'received', 'correction_requested', 'correction_closed', 'status']);
		expect(caseMilestones(base)[2]).toMatchObject({ deficiencies: 2 });
		expect(caseMilestones(base)[3]).toMatchObject({ outcome: 'resubmitted', pending: true });
		expect(caseMilestones({ ...base, syncState: 'received' })[3]).toMatchObject({ pending: false });
	});

	it('adds acceptance and the stopped clock from the clock dates, in order', () => {
		const accepted = { ...base, corrections: [], clock: { startedOn: '2026-11-24', limitDays: 3, pauses: [], stoppedOn: '2026-11-26' } };
		expect(caseMilestones(accepted).map((m) => m.kind)).toEqual(['created', 'received', 'accepted', 'clock_stopped', 'status']);
	});

	it('a draft has only its creation and status', () => {
		const draft: LocalCase = { ...base, status: 'draft', syncState: 'local', receivedAt: null, corrections: undefined };
		expect(caseMilestones(draft).map((m) => m.kind)).toEqual(['created', 'status']);
	});
});
