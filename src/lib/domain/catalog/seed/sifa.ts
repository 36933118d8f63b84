import type { ServiceItemInput } from '../item.schema';
import { applicationForm, consultation, idCard, NOTICE_DELIVERY, proxiedSteps, reviewChain } from './common';

const WINDOW = '司法所窗口';

export const sifaItems: ServiceItemInput[] = [
	{
		code: 'SF-FLYZ-001',
		mainName: '法律援助',
		subName: '公民申请法律援助',
		departmentCode: 'SF',
		type: 'public_service',
		legalBasis: '《中华人民共和国法律援助法》第三十一条、第四十一条、第四十三条',
		acceptanceConditions: [
			'因经济困难没有委托代理人',
			'属于请求给予社会保险待遇、支付劳动报酬、给付赡养费抚养费扶养费、工伤或交通事故赔偿等法律援助事项'
		],
		statutoryLimitDays: 7,
		promisedLimitDays: 3,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '给予法律援助决定书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('SF'),
		materials: [
			applicationForm('《法律援助申请表》'),
			idCard(),
			{
				id: 'financial_hardship',
				name: '经济困难状况说明',
				required: true,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['写明家庭成员、收入和财产情况', '申请人签名'],
				replaceableByCommitment: true,
				sample: '本人家庭共4口人，主要收入为务农，年收入约2万元，无力支付律师费用。'
			},
			{
				id: 'case_materials',
				name: '与案件有关的材料（劳动合同、欠条、判决书、事故认定书等）',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['能说明案件基本事实', '复印件清晰']
			}
		],
		formFields: [
			{
				key: 'caseType',
				label: '案件类型',
				type: 'select',
				required: true,
				options: ['劳动报酬', '社会保险待遇', '赡养费抚养费扶养费', '工伤', '交通事故', '婚姻家庭', '其他']
			},
			{ key: 'opposingParty', label: '对方当事人', type: 'text', required: true },
			{ key: 'caseSummary', label: '案情摘要', type: 'textarea', required: true }
		],
		processSteps: proxiedSteps('县法律援助中心审查经济困难状况和援助事项', '作出给予或不予法律援助决定，指派律师或法律援助人员'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['法律援助', '打官司', '请律师', '讨薪']
	},
	{
		code: 'SF-RMTJ-001',
		mainName: '人民调解',
		subName: '民间纠纷调解申请',
		departmentCode: 'SF',
		type: 'public_service',
		legalBasis: '《中华人民共和国人民调解法》',
		acceptanceConditions: ['当事人自愿申请调解的民间纠纷', '纠纷未经人民法院、公安机关或其他行政机关受理或解决'],
		statutoryLimitDays: 30,
		promisedLimitDays: 15,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0, basis: '《中华人民共和国人民调解法》：人民调解不收取任何费用' },
		result: { kind: 'decision', documentName: '人民调解协议书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('SF', { firstSkippable: true }),
		materials: [
			idCard(),
			{
				id: 'dispute_evidence',
				name: '与纠纷有关的证据材料',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['复印件清晰']
			}
		],
		formFields: [
			{
				key: 'disputeType',
				label: '纠纷类型',
				type: 'select',
				required: true,
				options: ['婚姻家庭', '邻里纠纷', '土地山林', '宅基地', '劳务', '其他']
			},
			{ key: 'otherParty', label: '对方当事人', type: 'text', required: true },
			{ key: 'disputeSummary', label: '纠纷简要情况', type: 'textarea', required: true }
		],
		processSteps: proxiedSteps('乡镇人民调解委员会受理并组织调解', '达成协议的制作人民调解协议书'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['调解', '纠纷', '矛盾调解']
	}
];
