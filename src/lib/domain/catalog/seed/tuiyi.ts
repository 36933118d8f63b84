import type { ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	bankCard,
	CERTIFICATE_DELIVERY,
	consultation,
	FIELD,
	idCard,
	NOTICE_DELIVERY,
	photo,
	proxiedSteps,
	reviewChain
} from './common';

const WINDOW = '退役军人服务站窗口';

export const tuiyiItems: ServiceItemInput[] = [
	{
		code: 'TYJR-YDZ-001',
		mainName: '退役军人、其他优抚对象优待证办理',
		departmentCode: 'TYJR',
		type: 'public_service',
		legalBasis: '《中华人民共和国退役军人保障法》；《退役军人、其他优抚对象优待证管理办法（试行）》',
		acceptanceConditions: [
			'已在退役军人事务部门采集信息、建档立卡',
			'退役军人，或烈士、因公牺牲军人、病故军人遗属等其他优抚对象'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 20,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '退役军人优待证', templateId: 'tpl-veteran-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('TYJR', { firstSkippable: true }),
		materials: [
			idCard(),
			photo({ copies: 1, form: 'electronic', reviewPoints: ['近6个月内白底免冠彩色照片', '不着军装'] }),
			{
				id: 'discharge_certificate',
				name: '退出现役证件（退伍证、转业证、复员证等）或遗属证明',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['证件姓名与身份证一致', '退役时间清楚'],
				notNeededIfVerifiableOnline: true
			}
		],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'veteranCategory',
				label: '申请人类别',
				type: 'select',
				required: true,
				options: ['退役军人', '烈士遗属', '因公牺牲军人遗属', '病故军人遗属']
			},
			FIELD.serviceStart,
			FIELD.serviceEnd
		],
		processSteps: proxiedSteps('乡镇退役军人服务站核对建档立卡信息', '县退役军人事务局审核后报省级制证', '优待证由网格员送证上门或到站领取'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['优待证', '退役军人', '老兵', '军人优待']
	},
	{
		code: 'TYJR-FX-001',
		mainName: '优抚对象定期抚恤补助',
		subName: '在乡退役军人定期生活补助申请',
		departmentCode: 'TYJR',
		type: 'administrative_payment',
		legalBasis: '《军人抚恤优待条例》；《中华人民共和国退役军人保障法》',
		acceptanceConditions: [
			'具有本县户籍',
			'属于在乡复员军人、带病回乡退伍军人、参战参试退役人员或部分农村籍退役士兵等享受定期补助的对象'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 20,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '优抚对象定期抚恤补助审批表' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('TYJR'),
		materials: [
			applicationForm('《优抚对象定期抚恤补助申请表》'),
			idCard(),
			{
				id: 'discharge_certificate',
				name: '退出现役证件（退伍证、复员证等）',
				required: true,
				copies: 1,
				form: 'original_and_copy',
				source: 'applicant',
				reviewPoints: ['原件与复印件一致', '入伍、退役时间清楚']
			},
			{
				id: 'combat_proof',
				name: '参战参试证明',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'other_department',
				reviewPoints: ['档案记载或原部队出具的证明']
			},
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'beneficiaryCategory',
				label: '优抚对象类别',
				type: 'select',
				required: true,
				options: ['在乡复员军人', '带病回乡退伍军人', '参战参试退役人员', '农村籍退役士兵']
			},
			FIELD.serviceStart,
			FIELD.serviceEnd,
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('乡镇退役军人服务站核查档案', '县退役军人事务局审批，按月或按季发放'),
		consultation: consultation(WINDOW),
		keywords: ['优抚', '抚恤补助', '老复员军人', '参战补助']
	}
];
