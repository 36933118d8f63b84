import { describe, expect, it } from 'vitest';
import { formatCaseNumber } from '../case/case-number';
import { caseIn } from '../case/lifecycle.fixtures';
import { projectDelivery } from './projection';
import { attemptsLeft, deliveryInstant, failedAttemptText, idLast4Matches, lifecycleRecipient, nextFailureReturnsToStation, placeText } from './delivery-rules';
import { deliveryRecordArgsSchema } from './delivery.schema';

const ID = '36012119400101009X';

function source() {
	const workflow = caseIn('out_for_delivery');
	return {
		id: workflow.caseId,
		caseNumber: formatCaseNumber({ villageCode: '360121100201', date: '2026-11-23', deviceTag: 'T01', sequence: 1 }),
		villageCode: workflow.villageCode,
		intake: {
			applicant: { name: '王秀兰', idNumber: ID, phone: '13800138000', address: '澄湖村一组 8 号', gridCode: 'G-01' },
			// Present on the server's row; the projection must never carry them.
			materials: [{ itemCode: 'X', materialId: 'id-card', received: true, attachmentHashes: ['f'.repeat(64)] }],
			form: { income: 1200 },
			delivery: { method: 'grid_delivery' as const }
		},
		workflow,
		changeSeq: 7
	};
}

describe('delivery projection', () => {
	it('carries only hand-over fields: masked ID, no materials, no form, no photos', () => {
		const p = projectDelivery(source(), { orgNames: new Map([['G-01', '第一网格']]), items: [], qrPayloads: new Map() });
		const wire = JSON.stringify(p);
		expect(wire).not.toContain(ID);
		expect(p.personal.maskedId).toBe('3601**********009X');
		for (const banned of ['materials', 'form', 'income', 'f'.repeat(64), 'intake', 'attachment']) expect(wire).not.toContain(banned);
		expect(Object.keys(p).sort()).toEqual(
			['assignedAt', 'caseId', 'caseNumber', 'certificates', 'changeSeq', 'failedAttempts', 'gridCode', 'gridName', 'personal', 'villageCode', 'villageName'].sort()
		);
		expect(p.gridName).toBe('第一网格');
	});
});

describe('delivery rules', () => {
	it('checks the last 4 of the ID, X in either case', () => {
		expect(idLast4Matches(ID, '009x')).toBe(true);
		expect(idLast4Matches(ID, '009X')).toBe(true);
		expect(idLast4Matches(ID, '0091')).toBe(false);
	});
	it('the third failed attempt returns the certificate to the station', () => {
		expect(nextFailureReturnsToStation(0)).toBe(false);
		expect(nextFailureReturnsToStation(1)).toBe(false);
		expect(nextFailureReturnsToStation(2)).toBe(true);
		expect(attemptsLeft(2)).toBe(1);
		expect(attemptsLeft(5)).toBe(0);
		expect(failedAttemptText({ reason: 'nobody_home', note: ' 邻居说外出 ', nextPlannedDate: '2026-11-25' })).toBe('nobody_home (next try 2026-11-25): 邻居说外出');
	});
	it('names the recipient, the place and a time never in the server’s future', () => {
		expect(lifecycleRecipient({ kind: 'applicant' }, '王秀兰')).toEqual({ name: '王秀兰', relation: 'applicant' });
		expect(lifecycleRecipient({ kind: 'proxy', name: '李四', relation: 'family_member', relationNote: '儿子' }, '王秀兰')).toEqual({ name: '李四（儿子）', relation: 'family_member' });
		expect(placeText({ lat: 28.1, lng: 115.2, accuracy: 9.6 })).toBe('28.100000,115.200000 ±10 m');
		expect(placeText(undefined)).toBeUndefined();
		const now = new Date('2026-11-23T10:00:00Z');
		expect(deliveryInstant('2026-11-23T09:00:00Z', now)).toBe('2026-11-23T09:00:00.000Z');
		expect(deliveryInstant('2026-11-24T09:00:00Z', now)).toBe(now.toISOString());
	});
	it('refuses a hand-over without proof hashes or with a malformed ID tail', () => {
		const base = { caseId: '019a0000-0000-7000-8000-000000000000', recipient: { kind: 'applicant' }, signatureHash: 'a'.repeat(64), photoHash: 'b'.repeat(64), at: '2026-11-23T09:00:00Z', rating: { level: 'satisfied' } };
		expect(deliveryRecordArgsSchema.safeParse({ ...base, idLast4: '009X' }).success).toBe(true);
		expect(deliveryRecordArgsSchema.safeParse({ ...base, idLast4: '09X' }).success).toBe(false);
		expect(deliveryRecordArgsSchema.safeParse({ ...base, idLast4: '009X', photoHash: 'nope' }).success).toBe(false);
	});
});
