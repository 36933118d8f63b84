import { describe, expect, it } from 'vitest';
import { ACTORS, CERT_ITEM, DECISION_ITEM, drive, newCase, day } from '../case/lifecycle.fixtures';
import { caseIntakeSchema } from '../case/case.schema';
import { formatCaseNumber } from '../case/case-number';
import {
	buildCorrectionNotice,
	buildDecisionNotice,
	buildNotAcceptedNotice,
	noticesOf,
	type DecisionNoticeInput
} from './decision-notices';

const intake = caseIntakeSchema.parse({
	id: '01890a5d-ac96-7000-8000-000000000001',
	caseNumber: formatCaseNumber({ villageCode: '330106001001', date: '2025-03-03', deviceTag: 'K7Q', sequence: 1 }),
	itemCodes: [CERT_ITEM.code],
	catalogVersion: 1,
	villageCode: '330106001001',
	applicant: { name: '李四', idNumber: '11010519491231002X', phone: '13800138000' },
	form: {},
	materials: [],
	delivery: { method: 'station_pickup' },
	trips: 1,
	createdAt: '2025-03-03T09:00:00+08:00'
});

const input: DecisionNoticeInput = {
	intake,
	items: [CERT_ITEM, DECISION_ITEM],
	departments: [{ code: 'CL', name: '残联' }],
	authorityName: '澄湖乡便民服务中心',
	maskedIdNumber: '1101**********002X'
};
const text = (doc: ReturnType<typeof buildCorrectionNotice>) => JSON.stringify(doc);

describe('decision notices', () => {
	it('lists every deficiency of a correction on one notice, with material names', () => {
		const doc = buildCorrectionNotice(input, {
			index: 0,
			requestedAt: '2025-03-04T10:00:00+08:00',
			deficiencies: [
				{ itemCode: CERT_ITEM.code, materialId: 'id-card', problem: '复印件模糊' },
				{ itemCode: CERT_ITEM.code, materialId: 'photo', problem: '不是近期照片' },
				{ itemCode: CERT_ITEM.code, problem: '申请表未签字' }
			]
		});
		expect(doc.title).toBe('补正材料通知书');
		const table = doc.sections.find((s) => s.kind === 'table');
		expect(table?.kind === 'table' && table.rows.map((r) => r[2])).toEqual(['身份证', '照片', '申请表（整体）']);
		expect(text(doc)).toContain('不是近期照片');
		expect(text(doc)).toContain('2025年3月4日');
		expect(text(doc)).not.toContain('11010519491231002X');
		expect(doc.documentNumber).toMatch(/-BZ1$/);
	});

	it('refuses an unmasked ID and an empty correction', () => {
		expect(() => buildNotAcceptedNotice({ ...input, maskedIdNumber: '11010519491231002X' }, { at: day(1), reason: '不属于本机关职权' })).toThrow(/unmasked/);
		expect(() => buildCorrectionNotice(input, { index: 0, requestedAt: day(1), deficiencies: [] })).toThrow(/at least one/);
	});

	it('finds the notices each decision produced and builds them from the recorded decisions', () => {
		const A = ACTORS;
		const corrected = drive(newCase(), [
			[{ type: 'submit' }, A.agent],
			[{ type: 'receive' }, A.agent],
			[{ type: 'request_correction', deficiencies: [{ itemCode: CERT_ITEM.code, materialId: 'photo', problem: '模糊' }] }, A.intake],
			[{ type: 'resubmit', materials: [{ itemCode: CERT_ITEM.code, materialId: 'photo', received: true }] }, A.agent],
			[{ type: 'accept' }, A.intake],
			[{ type: 'start_review' }, A.intake],
			[{ type: 'approve_step', itemCode: CERT_ITEM.code, stepId: 'first' }, A.approverCL],
			[{ type: 'refuse_step', itemCode: CERT_ITEM.code, stepId: 'final', reason: '不符合评定标准', legalBasis: '《残疾人证管理办法》第八条' }, A.approverCL]
		]);
		const refs = noticesOf(corrected);
		expect(refs).toEqual([
			{ kind: 'correction_notice', ref: '0' },
			{ kind: 'acceptance_notice', ref: '' },
			{ kind: 'refusal_decision', ref: CERT_ITEM.code }
		]);
		const refusal = buildDecisionNotice(input, corrected, refs[2]!, null);
		expect(refusal.title).toBe('不予许可决定书');
		expect(text(refusal)).toContain('《残疾人证管理办法》第八条');
		expect(text(refusal)).toContain('不符合评定标准');
		expect(text(refusal)).toContain('残联');
		const acceptance = buildDecisionNotice(input, corrected, refs[1]!, { at: day(4), promisedDate: '2025-03-18' });
		expect(text(acceptance)).toContain('2025年3月18日');
		expect(text(acceptance)).toContain('7个工作日');
		expect(() => buildDecisionNotice(input, corrected, { kind: 'approval_decision', ref: CERT_ITEM.code }, null)).toThrow(/has no approval_decision/);
		expect(() => buildDecisionNotice(input, corrected, { kind: 'not_accepted_notice', ref: '' }, null)).toThrow(/NOT|has no/);
	});
});
