import type { ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	CERTIFICATE_DELIVERY,
	consultation,
	disabilityCard,
	FIELD,
	hukouBook,
	idCard,
	NOTICE_DELIVERY,
	photo,
	proxiedSteps,
	reviewChain
} from './common';

const WINDOW = '残联窗口';
const LEGAL_BASIS = '《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》；《残疾人残疾分类和分级》（GB/T 26341）';
const cardPhoto = photo({ copies: 3, reviewPoints: ['近6个月内二寸白底免冠彩色照片', '五官清晰', '背面写明姓名'] });

export const canlianItems: ServiceItemInput[] = [
	{
		code: 'CL-CJZ-001',
		mainName: '残疾人证核发',
		subName: '首次申领',
		departmentCode: 'CL',
		type: 'administrative_confirmation',
		legalBasis: LEGAL_BASIS,
		acceptanceConditions: [
			'具有本县户籍',
			'视力、听力、言语、肢体、智力、精神或多重残疾，符合《残疾人残疾分类和分级》标准',
			'未持有有效的第二代残疾人证'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 15,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0, basis: '残疾评定费用按本县规定由财政补助' },
		result: { kind: 'certificate', certificateType: '残疾人证', templateId: 'tpl-disability-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('CL', { between: [{ id: 'assessment_review', name: '评定结果审核' }] }),
		materials: [
			applicationForm('《中华人民共和国残疾人证申请表》'),
			idCard({ name: '申请人居民身份证（未成年人可提供户口簿）' }),
			hukouBook(),
			cardPhoto,
			{
				id: 'assessment_form',
				name: '《残疾评定表》',
				required: true,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['由县残联指定的评定机构出具', '评定医生签名并加盖评定机构公章', '残疾类别、等级填写清楚']
			},
			{
				id: 'guardian_id',
				name: '监护人居民身份证（智力、精神残疾或未成年人）',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['身份证在有效期内', '与申请人的监护关系清楚']
			}
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.disabilityCategory,
			{ key: 'guardianName', label: '监护人姓名', type: 'text', required: false },
			{ key: 'disabilityCause', label: '致残原因', type: 'select', required: false, options: ['先天', '疾病', '意外伤害', '其他'] }
		],
		processSteps: proxiedSteps(
			'申请人到县残联指定评定机构进行残疾评定（行动不便的可申请上门评定）',
			'县残联审核评定结果',
			'制发第二代残疾人证'
		),
		consultation: consultation(WINDOW),
		keywords: ['残疾证', '办残疾证', '残疾评定']
	},
	{
		code: 'CL-CJZ-002',
		mainName: '残疾人证核发',
		subName: '换领、补领',
		departmentCode: 'CL',
		type: 'administrative_confirmation',
		legalBasis: LEGAL_BASIS,
		acceptanceConditions: ['残疾人证有效期满、损毁、遗失，或残疾类别、等级发生变化，或户籍迁入本县'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '残疾人证', templateId: 'tpl-disability-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('CL', { firstSkippable: true }),
		materials: [
			applicationForm('《中华人民共和国残疾人证申请表》'),
			idCard(),
			cardPhoto,
			disabilityCard({
				name: '原残疾人证（换领时交回）',
				required: false,
				form: 'original',
				source: 'applicant',
				notNeededIfVerifiableOnline: false,
				reviewPoints: ['交回原证', '原证信息与申请人一致']
			})
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.disabilityCategory,
			{
				key: 'reissueReason',
				label: '换领补领原因',
				type: 'select',
				required: true,
				options: ['有效期满换领', '证件损毁换领', '遗失补领', '残疾等级变化换领', '户籍迁入']
			}
		],
		processSteps: proxiedSteps('县残联核对原证信息，等级变化的重新评定', '制发新证'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['残疾证换证', '残疾证补办', '残疾证到期']
	},
	{
		code: 'CL-FJ-001',
		mainName: '残疾人辅助器具适配补贴',
		departmentCode: 'CL',
		type: 'public_service',
		legalBasis: '《中华人民共和国残疾人保障法》；《残疾预防和残疾人康复条例》',
		acceptanceConditions: ['具有本县户籍，持有第二代残疾人证', '经评估确需适配辅助器具'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('CL'),
		materials: [
			applicationForm('《残疾人辅助器具适配申请表》'),
			idCard(),
			disabilityCard(),
			{
				id: 'fitting_assessment',
				name: '辅助器具适配评估表',
				required: false,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['由县辅具服务机构出具', '适配器具与残疾类别相符']
			}
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.disabilityCategory,
			{
				key: 'deviceType',
				label: '申请适配器具',
				type: 'select',
				required: true,
				options: ['轮椅', '助听器', '助行器', '假肢矫形器', '盲杖及助视器', '坐便椅', '其他']
			}
		],
		processSteps: proxiedSteps('县辅具服务机构评估适配', '发放器具或补贴'),
		consultation: consultation(WINDOW),
		keywords: ['辅具', '轮椅', '助听器', '假肢']
	}
];
