import { formatCaseNumber } from '../case/case-number';
import { computeResidentIdCheckChar } from '../ids';
import { caseIntakeSchema, type CaseIntake, type MaterialIntake } from '../case/case.schema';
import { serviceItemSchema, type ServiceItem } from '../catalog/item.schema';
import type { IntakeDocumentInput } from './document-input';

// Shared by the documents' unit tests (and handy for a print preview); built through the real schemas so defaults apply.

const idCard = {
	id: 'id-card',
	name: '居民身份证',
	required: true,
	copies: 1,
	form: 'original_and_copy',
	source: 'applicant',
	reviewPoints: ['证件在有效期内', '原件与复印件一致']
} as const;

function item(overrides: Record<string, unknown>): ServiceItem {
	return serviceItemSchema.parse({
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis: '《社会救助暂行办法》',
		acceptanceConditions: ['户籍在本乡镇'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: [{ id: 'final', name: '终审', departmentCode: 'MZ', role: 'township_approver' }],
		formFields: [],
		processSteps: ['申请', '审核', '办结'],
		consultation: '乡镇便民服务中心，工作日 9:00-17:00',
		...overrides
	});
}

/** 低保: commitment allowed for the income proof. */
export const dibao = item({
	code: 'MZ-DIBAO',
	mainName: '最低生活保障',
	subName: '城乡低保申请',
	commitmentAllowed: true,
	materials: [
		idCard,
		{ id: 'hukou', name: '户口簿', required: true, copies: 1, form: 'copy', source: 'applicant', reviewPoints: ['户主页与本人页齐全'] },
		{
			id: 'income',
			name: '家庭收入证明',
			required: true,
			copies: 1,
			form: 'original',
			source: 'other_department',
			reviewPoints: ['有出具单位盖章'],
			replaceableByCommitment: true
		},
		{ id: 'photo', name: '近期免冠照片', required: false, copies: 2, form: 'original', source: 'applicant', reviewPoints: ['白底一寸'] }
	]
});

/** 高龄津贴: no commitment; the hukou is verifiable online. */
export const gaoling = item({
	code: 'MZ-GAOLING',
	mainName: '高龄津贴',
	promisedLimitDays: 15,
	statutoryLimitDays: 20,
	materials: [
		{ ...idCard, reviewPoints: ['证件在有效期内', '年满80周岁'] },
		{ id: 'hukou', name: '户口簿', required: true, copies: 1, form: 'copy', source: 'online_verifiable', reviewPoints: ['户主页与本人页齐全'], notNeededIfVerifiableOnline: true },
		{ id: 'bank', name: '银行卡', required: true, copies: 1, form: 'copy', source: 'applicant', reviewPoints: ['本人账户'] }
	]
});

export function record(itemCode: string, materialId: string, patch: Partial<MaterialIntake> = {}): MaterialIntake {
	return { itemCode, materialId, received: true, checkedPoints: [], replacedByCommitment: false, attachmentHashes: [], ...patch };
}

/** A valid applicant ID number and case number, check characters computed, not typed in. */
export const APPLICANT_ID = '11010119400307123' + computeResidentIdCheckChar('11010119400307123');
export const MASKED_ID = `1101**********${APPLICANT_ID.slice(-4)}`;
export const CASE_NUMBER = formatCaseNumber({ villageCode: '330102001001', date: '2025-03-04', deviceTag: 'A1B', sequence: 123 });

export function intake(patch: Partial<CaseIntake> = {}): CaseIntake {
	return caseIntakeSchema.parse({
		id: '01960000-0000-7000-8000-000000000001',
		caseNumber: CASE_NUMBER,
		itemCodes: ['MZ-DIBAO'],
		catalogVersion: 1,
		villageCode: '330102001001',
		applicant: { name: '张秀英', idNumber: APPLICANT_ID, phone: '13800001234', address: '' },
		form: {},
		materials: [],
		delivery: { method: 'grid_delivery' },
		trips: 1,
		// 23:30 UTC is already the next day in China.
		createdAt: '2025-03-03T23:30:00Z',
		...patch
	});
}

export function input(patch: Partial<IntakeDocumentInput> = {}): IntakeDocumentInput {
	return {
		intake: intake(),
		items: [dibao, gaoling],
		stationName: '前进村便民服务站',
		agentName: '李代办',
		maskedIdNumber: MASKED_ID,
		promisedDate: null,
		statusQueryUrl: 'https://daiban.example.gov.cn/status',
		...patch
	};
}
