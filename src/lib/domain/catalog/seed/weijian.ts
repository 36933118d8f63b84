import type { ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	bankCard,
	CERTIFICATE_DELIVERY,
	consultation,
	FIELD,
	hukouBook,
	idCard,
	NOTICE_DELIVERY,
	photo,
	proxiedSteps,
	reviewChain,
	villageChain
} from './common';

const WINDOW = '卫健窗口';

export const weijianItems: ServiceItemInput[] = [
	{
		code: 'WJ-SYDJ-001',
		mainName: '生育登记',
		departmentCode: 'WJ',
		type: 'public_service',
		legalBasis: '《中华人民共和国人口与计划生育法》；本省人口与计划生育条例',
		acceptanceConditions: ['夫妻一方户籍在本县，或在本县居住', '怀孕后至子女出生后办理均可'],
		statutoryLimitDays: 5,
		promisedLimitDays: 1,
		villageHandling: 'village_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: villageChain('WJ'),
		materials: [idCard({ name: '夫妻双方居民身份证' }), hukouBook()],
		formFields: [
			FIELD.householdAddress,
			{ key: 'spouseName', label: '配偶姓名', type: 'text', required: true },
			{ key: 'spouseIdNumber', label: '配偶身份证号', type: 'id_number', required: true },
			{ key: 'childOrder', label: '生育孩次', type: 'select', required: true, options: ['第一孩', '第二孩', '第三孩及以上'] },
			FIELD.newbornBirthDate
		],
		processSteps: ['代办员核对夫妻双方信息', '在全员人口信息系统登记', '当场办结，告知孕产期保健服务'],
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['生育登记', '准生证', '生育服务证', '出生一件事']
	},
	{
		code: 'WJ-JLFZ-001',
		mainName: '农村部分计划生育家庭奖励扶助',
		subName: '奖励扶助对象资格确认',
		departmentCode: 'WJ',
		type: 'administrative_payment',
		legalBasis:
			'《中华人民共和国人口与计划生育法》；《国务院办公厅转发人口计生委财政部关于开展对农村部分计划生育家庭实行奖励扶助制度试点工作意见的通知》（国办发〔2004〕21号）',
		acceptanceConditions: [
			'本人及配偶均为农村居民户口',
			'1973年至2001年期间没有违反计划生育法律法规和政策规定生育',
			'现存一个子女或两个女孩，或子女死亡现无子女',
			'年满60周岁'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 20,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('WJ'),
		materials: [
			applicationForm('《农村部分计划生育家庭奖励扶助对象申报表》'),
			idCard(),
			hukouBook(),
			{
				id: 'fertility_statement',
				name: '婚育情况证明（村委会出具）',
				required: true,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['写明子女数量、出生时间和现存情况', '村委会盖章并经村民评议公示'],
				replaceableByCommitment: true
			},
			{
				id: 'one_child_certificate',
				name: '《独生子女父母光荣证》',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['持证人与申请人一致']
			},
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.maritalStatus,
			{
				key: 'childrenStatus',
				label: '子女情况',
				type: 'select',
				required: true,
				options: ['现存一个子女', '现存两个女孩', '子女死亡现无子女']
			},
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps(
			'村民评议并在村务公开栏公示',
			'乡镇卫健办初审，县卫健委确认资格',
			'奖励扶助金按年度发放至本人账户'
		),
		consultation: consultation(WINDOW),
		keywords: ['独生子女奖励', '奖励扶助', '计生奖扶', '独生子女父母']
	},
	{
		code: 'WJ-LNYD-001',
		mainName: '老年人优待证办理',
		departmentCode: 'WJ',
		type: 'public_service',
		legalBasis: '《中华人民共和国老年人权益保障法》；本省老年人优待办法',
		acceptanceConditions: ['年满60周岁', '本县户籍，或在本县居住的非本县户籍老年人'],
		statutoryLimitDays: 10,
		promisedLimitDays: 3,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '老年人优待证', templateId: 'tpl-senior-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('WJ', { firstSkippable: true }),
		materials: [idCard(), photo({ copies: 1 })],
		formFields: [
			FIELD.householdAddress,
			{ key: 'emergencyContact', label: '紧急联系人', type: 'text', required: false },
			{ key: 'emergencyPhone', label: '紧急联系人电话', type: 'phone', required: false }
		],
		processSteps: proxiedSteps('乡镇老龄办核对年龄', '制证后由网格员送证上门或到站领取'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['老年证', '优待证', '敬老卡', '老年人优待']
	}
];
