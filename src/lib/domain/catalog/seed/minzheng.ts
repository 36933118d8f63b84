import type { MaterialInput, ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	bankCard,
	consultation,
	deathCertificate,
	disabilityCard,
	FIELD,
	hukouBook,
	idCard,
	NOTICE_DELIVERY,
	proxiedSteps,
	relationProof,
	reviewChain
} from './common';

const WINDOW = '民政窗口';

/** Household-level authorisation every adult member signs, so the county can check bank, vehicle and property records. */
const economicCheckAuthorisation: MaterialInput = {
	id: 'economic_check_authorisation',
	name: '家庭经济状况核对授权书',
	required: true,
	copies: 1,
	form: 'original',
	source: 'applicant',
	reviewPoints: ['共同生活的全部成年家庭成员本人签名或按手印', '授权书日期在申请日前后一个月内']
};

export const minzhengItems: ServiceItemInput[] = [
	{
		code: 'MZ-DB-001',
		mainName: '最低生活保障对象认定',
		subName: '最低生活保障申请',
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis: '《社会救助暂行办法》第二章；《最低生活保障审核确认办法》（民发〔2021〕57号）',
		acceptanceConditions: [
			'申请人具有本县户籍，以家庭为单位，由共同生活的一名家庭成员提出申请',
			'共同生活家庭成员人均收入低于当地最低生活保障标准',
			'家庭财产状况符合当地规定（无商品房、无非生活必需的机动车辆等）',
			'如实申报家庭收入、财产状况，并签署家庭经济状况核对授权书'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 20,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '最低生活保障审核确认决定书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('MZ', { between: [{ id: 'household_survey', name: '入户调查' }] }),
		materials: [
			applicationForm('《最低生活保障申请书》'),
			idCard({ name: '共同生活家庭成员居民身份证' }),
			hukouBook(),
			{
				id: 'income_proof',
				name: '家庭成员收入证明（工资、务工、经营收入）',
				required: true,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['列明全部共同生活家庭成员的收入', '单位出具的证明加盖公章', '无单位的由本人如实申报并签名'],
				replaceableByCommitment: true,
				sample: '本人在本村务农，年种植收入约6000元，另在县城务工月收入约2000元。'
			},
			economicCheckAuthorisation,
			{
				id: 'hardship_proof',
				name: '特殊困难证明（残疾人证、病历、诊断证明等）',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['诊断证明加盖医院公章', '残疾人证在有效期内']
			},
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.familySize,
			{ key: 'monthlyIncome', label: '家庭月总收入（元）', type: 'number', required: true },
			{
				key: 'povertyReason',
				label: '致贫原因',
				type: 'select',
				required: true,
				options: ['因病', '因残', '因灾', '缺乏劳动力', '其他']
			},
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps(
			'乡镇人民政府组织入户调查，县民政局开展家庭经济状况核对',
			'调查结果在申请人所在村公示7天',
			'乡镇（县民政局）审核确认，作出准予或不予决定',
			'准予的自批准次月起按月发放低保金'
		),
		consultation: consultation(WINDOW),
		keywords: ['低保', '低保申请', '最低生活保障申请', '低保户']
	},
	{
		code: 'MZ-TK-001',
		mainName: '特困人员认定',
		subName: '特困人员救助供养申请',
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis: '《社会救助暂行办法》第三章；《特困人员认定办法》（民发〔2021〕43号）',
		acceptanceConditions: [
			'本县户籍的老年人、残疾人或未满16周岁的未成年人',
			'无劳动能力、无生活来源',
			'无法定赡养、抚养、扶养义务人，或其法定义务人无履行义务能力'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 20,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '特困人员救助供养审核确认决定书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('MZ', { between: [{ id: 'household_survey', name: '入户调查' }] }),
		materials: [
			applicationForm('《特困人员救助供养申请书》', {
				sample: '本人无劳动能力、无生活来源，无法定赡养义务人，申请特困人员救助供养。'
			}),
			idCard(),
			hukouBook(),
			{
				id: 'obligor_statement',
				name: '法定义务人情况说明（村委会出具）',
				required: true,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['写明有无法定赡养、抚养、扶养义务人及其履行能力', '村委会盖章并有经办人签名']
			},
			economicCheckAuthorisation,
			disabilityCard({ required: false }),
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			{ key: 'supportType', label: '供养方式', type: 'select', required: true, options: ['分散供养', '集中供养'] },
			{
				key: 'selfCareAbility',
				label: '生活自理能力',
				type: 'select',
				required: true,
				options: ['具备生活自理能力', '部分丧失生活自理能力', '完全丧失生活自理能力']
			},
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps(
			'乡镇人民政府入户调查、评估生活自理能力',
			'调查结果在申请人所在村公示7天',
			'审核确认后自批准当月起发放基本生活费、照料护理费'
		),
		consultation: consultation(WINDOW),
		keywords: ['特困', '五保', '特困供养', '救助供养']
	},
	{
		code: 'MZ-LSJZ-001',
		mainName: '临时救助对象认定',
		subName: '临时救助申请',
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis: '《社会救助暂行办法》第十章；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）',
		acceptanceConditions: [
			'因火灾、交通事故等意外事件，或家庭成员突发重大疾病，导致基本生活暂时出现严重困难的家庭',
			'因生活必需支出突然增加超出家庭承受能力，导致基本生活暂时出现严重困难的最低生活保障家庭',
			'遭遇其他特殊困难的家庭或个人'
		],
		statutoryLimitDays: 15,
		promisedLimitDays: 5,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '临时救助审批决定书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('MZ'),
		materials: [
			applicationForm('《临时救助申请审批表》'),
			idCard(),
			hukouBook(),
			{
				id: 'hardship_proof',
				name: '困难情况证明（医疗费用票据、事故证明、受灾证明等）',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['与申请的困难事由一致', '票据或证明真实、日期在近6个月内'],
				replaceableByCommitment: true
			},
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.familySize,
			{
				key: 'emergencyReason',
				label: '困难事由',
				type: 'select',
				required: true,
				options: ['火灾', '交通事故', '重大疾病', '自然灾害', '其他']
			},
			{ key: 'requestedAmount', label: '申请救助金额（元）', type: 'number', required: false },
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('乡镇人民政府核实困难情况，情况紧急的先行救助', '审批后发放救助金或实物'),
		consultation: consultation(WINDOW),
		keywords: ['临时救助', '急难救助', '救急难']
	},
	{
		code: 'MZ-GLJT-001',
		mainName: '高龄津贴发放',
		subName: '高龄津贴申领',
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis: '《中华人民共和国老年人权益保障法》第三十三条；本省高龄津贴发放管理办法',
		acceptanceConditions: ['具有本县户籍', '年满80周岁（以身份证出生日期为准）'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('MZ', { firstSkippable: true }),
		materials: [applicationForm('《高龄津贴申领登记表》'), idCard(), hukouBook(), bankCard()],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'livingArrangement',
				label: '居住情况',
				type: 'select',
				required: true,
				options: ['独居', '与配偶同住', '与子女同住', '入住养老机构']
			},
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('乡镇民政办核对年龄和户籍', '自审核通过次月起按月发放高龄津贴'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['高龄补贴', '长寿补贴', '八十岁补贴']
	},
	{
		code: 'MZ-SZ-001',
		mainName: '惠民殡葬补贴发放',
		subName: '丧葬补助申领',
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis: '《殡葬管理条例》；本省基本殡葬服务费用减免和惠民殡葬补贴实施办法',
		acceptanceConditions: [
			'逝者具有本县户籍',
			'遗体在殡仪馆火化，或按规定实行生态安葬',
			'由逝者亲属或村（居）委会在逝者去世后6个月内申请'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('MZ'),
		materials: [
			applicationForm('《惠民殡葬补贴申请表》'),
			idCard(),
			deathCertificate(),
			{
				id: 'cremation_proof',
				name: '火化证明',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'other_department',
				reviewPoints: ['殡仪馆出具并盖章', '逝者姓名与死亡证明一致'],
				notNeededIfVerifiableOnline: true
			},
			relationProof(),
			bankCard()
		],
		formFields: [
			FIELD.deceasedName,
			FIELD.deceasedIdNumber,
			FIELD.dateOfDeath,
			FIELD.relationToDeceased,
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('乡镇民政办核对火化信息和户籍', '补贴资金发放至申请人银行账户'),
		consultation: consultation(WINDOW),
		keywords: ['丧葬补助', '殡葬补贴', '火化补贴', '身后一件事']
	},
	{
		code: 'MZ-LXBT-001',
		mainName: '困难残疾人生活补贴和重度残疾人护理补贴',
		subName: '残疾人两项补贴申请',
		departmentCode: 'MZ',
		type: 'administrative_payment',
		legalBasis:
			'《中华人民共和国残疾人保障法》；《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）',
		acceptanceConditions: [
			'具有本县户籍，持有第二代《中华人民共和国残疾人证》',
			'申请生活补贴的：最低生活保障家庭中的残疾人',
			'申请护理补贴的：残疾等级为一级、二级且需要长期照护的重度残疾人'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('MZ'),
		materials: [
			applicationForm('《困难残疾人生活补贴和重度残疾人护理补贴申请审批表》'),
			idCard(),
			disabilityCard(),
			hukouBook(),
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.disabilityCategory,
			FIELD.disabilityLevel,
			{
				key: 'subsidyType',
				label: '申请补贴类型',
				type: 'select',
				required: true,
				options: ['困难残疾人生活补贴', '重度残疾人护理补贴', '两项补贴均申请']
			},
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('乡镇民政办会同残联专干核对残疾等级和低保身份', '自审核通过当月起按月发放补贴'),
		consultation: consultation(WINDOW),
		keywords: ['两项补贴', '残疾人补贴', '护理补贴', '生活补贴']
	}
];
