import type { ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	bankCard,
	CERTIFICATE_DELIVERY,
	consultation,
	deathCertificate,
	FIELD,
	hukouBook,
	idCard,
	NOTICE_DELIVERY,
	photo,
	proxiedSteps,
	relationProof,
	reviewChain,
	villageChain
} from './common';

const WINDOW = '社保窗口';

export const rensheItems: ServiceItemInput[] = [
	{
		code: 'RS-CJYL-001',
		mainName: '城乡居民基本养老保险参保登记',
		departmentCode: 'RS',
		type: 'public_service',
		legalBasis: '《中华人民共和国社会保险法》；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）',
		acceptanceConditions: [
			'年满16周岁（不含在校学生）',
			'非国家机关和事业单位工作人员，且不属于职工基本养老保险制度覆盖范围',
			'在户籍地参保'
		],
		statutoryLimitDays: 5,
		promisedLimitDays: 1,
		villageHandling: 'village_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0, basis: '个人缴费按本人选择的缴费档次另行缴纳，登记本身不收费' },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: villageChain('RS'),
		materials: [idCard(), hukouBook(), applicationForm('《城乡居民基本养老保险参保登记表》')],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'contributionLevel',
				label: '缴费档次（元/年）',
				type: 'select',
				required: true,
				options: ['200', '300', '500', '800', '1000', '1500', '2000', '3000', '5000']
			},
			{
				key: 'specialGroup',
				label: '特殊群体类别',
				type: 'select',
				required: false,
				options: ['无', '低保对象', '特困人员', '重度残疾人', '防止返贫监测对象'],
				help: '特殊群体由政府代缴部分或全部最低档次养老保险费'
			}
		],
		processSteps: [
			'申请人到村便民服务站提供身份证、户口簿',
			'代办员核对参保资格并在社保系统录入参保登记',
			'当场办结，告知缴费渠道（社保卡、银行、手机缴费）'
		],
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['居民养老', '新农保', '养老保险参保', '城乡居民养老保险']
	},
	{
		code: 'RS-CJYL-002',
		mainName: '城乡居民基本养老保险待遇申领',
		departmentCode: 'RS',
		type: 'administrative_payment',
		legalBasis: '《中华人民共和国社会保险法》；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）',
		acceptanceConditions: [
			'参加城乡居民基本养老保险且年满60周岁',
			'累计缴费满15年，或按规定补缴后满15年',
			'未领取国家规定的其他基本养老保障待遇'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('RS', { firstSkippable: true }),
		materials: [
			applicationForm('《城乡居民基本养老保险待遇申领表》'),
			idCard(),
			hukouBook(),
			bankCard({ name: '本人社会保障卡（金融账户已激活）' })
		],
		formFields: [FIELD.householdAddress, FIELD.bankName, FIELD.bankAccount],
		processSteps: proxiedSteps('乡镇社保所核对缴费年限和待遇资格', '县社保中心核定待遇，自符合条件次月起按月发放'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['养老金领取', '养老待遇', '六十岁领养老金']
	},
	{
		code: 'RS-CJYL-003',
		mainName: '城乡居民基本养老保险注销登记',
		subName: '参保人死亡待遇停发及个人账户余额、丧葬补助金领取',
		departmentCode: 'RS',
		type: 'administrative_payment',
		legalBasis: '《中华人民共和国社会保险法》第十四条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）',
		acceptanceConditions: [
			'参保人死亡，由其法定继承人或指定受益人申请',
			'参保人出国（境）定居或已享受其他基本养老保障待遇的，由本人申请'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('RS'),
		materials: [
			applicationForm('《城乡居民基本养老保险注销登记表》'),
			idCard(),
			deathCertificate({ notNeededIfVerifiableOnline: true, source: 'online_verifiable' }),
			relationProof(),
			bankCard({ name: '继承人或受益人本人银行卡' })
		],
		formFields: [
			FIELD.deceasedName,
			FIELD.deceasedIdNumber,
			FIELD.dateOfDeath,
			FIELD.relationToDeceased,
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps(
			'乡镇社保所停发待遇并核算多领待遇、个人账户余额',
			'县社保中心审核，将个人账户余额和丧葬补助金支付给继承人'
		),
		consultation: consultation(WINDOW),
		keywords: ['养老保险注销', '待遇停发', '丧葬费', '身后一件事']
	},
	{
		code: 'RS-SBK-001',
		mainName: '社会保障卡申领',
		subName: '首次申领',
		departmentCode: 'RS',
		type: 'public_service',
		legalBasis: '《中华人民共和国社会保险法》第五十八条；本省社会保障卡管理办法',
		acceptanceConditions: ['已参加本县社会保险或具有本县户籍', '未持有有效的全国统一社会保障卡'],
		statutoryLimitDays: 30,
		promisedLimitDays: 15,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '社会保障卡', templateId: 'tpl-social-security-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('RS', { firstSkippable: true }),
		materials: [
			idCard({ name: '持卡人居民身份证（未成年人可提供户口簿）' }),
			photo({ copies: 1, form: 'electronic', reviewPoints: ['近6个月内白底免冠彩色照片', '符合社保卡制卡照片规格'] })
		],
		formFields: [FIELD.householdAddress, FIELD.cardBank, FIELD.mailingAddress],
		processSteps: proxiedSteps('乡镇社保所采集信息并提交制卡', '合作银行制卡，社保卡发放至乡镇出证窗口'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['社保卡', '社保卡办理', '办社保卡']
	},
	{
		code: 'RS-SBK-002',
		mainName: '社会保障卡补换',
		subName: '挂失补卡、损坏换卡',
		departmentCode: 'RS',
		type: 'public_service',
		legalBasis: '《中华人民共和国社会保险法》第五十八条；本省社会保障卡管理办法',
		acceptanceConditions: ['社会保障卡遗失并已办理正式挂失，或卡片损坏、信息变更、有效期满'],
		statutoryLimitDays: 30,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0, basis: '本县补换卡工本费由财政承担' },
		result: { kind: 'certificate', certificateType: '社会保障卡', templateId: 'tpl-social-security-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('RS', { firstSkippable: true }),
		materials: [
			idCard(),
			photo({ copies: 1, form: 'electronic', reviewPoints: ['近6个月内白底免冠彩色照片', '符合社保卡制卡照片规格'] }),
			{
				id: 'old_card',
				name: '原社会保障卡（损坏换卡时交回）',
				required: false,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['卡面姓名、社会保障号码与申请人一致']
			}
		],
		formFields: [
			{
				key: 'replaceReason',
				label: '补换原因',
				type: 'select',
				required: true,
				options: ['遗失补卡', '损坏换卡', '信息变更', '有效期满换卡']
			},
			FIELD.cardBank,
			FIELD.mailingAddress
		],
		processSteps: proxiedSteps('乡镇社保所确认挂失状态并提交制卡', '新卡发放至乡镇出证窗口'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['社保卡补办', '社保卡挂失', '社保卡换卡']
	},
	{
		code: 'RS-JYSY-001',
		mainName: '就业失业登记',
		subName: '失业登记',
		departmentCode: 'RS',
		type: 'public_service',
		legalBasis: '《中华人民共和国就业促进法》；《就业服务与就业管理规定》',
		acceptanceConditions: ['在法定劳动年龄内，有劳动能力和就业要求', '处于无业状态'],
		statutoryLimitDays: 10,
		promisedLimitDays: 3,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '就业创业证', templateId: 'tpl-employment-card' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('RS', { firstSkippable: true }),
		materials: [
			idCard(),
			applicationForm('《就业失业登记表》'),
			{
				id: 'termination_proof',
				name: '解除或终止劳动合同证明',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'other_department',
				reviewPoints: ['原用人单位盖章', '解除日期清楚']
			}
		],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'education',
				label: '文化程度',
				type: 'select',
				required: true,
				options: ['小学及以下', '初中', '高中/中专', '大专', '本科及以上']
			},
			{ key: 'jobIntention', label: '求职意向', type: 'text', required: false }
		],
		processSteps: proxiedSteps('乡镇社保所登记并提供职业指导、岗位推荐'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['失业登记', '就业登记', '就业创业证', '找工作']
	},
	{
		code: 'RS-ZGYL-001',
		mainName: '企业职工基本养老保险待遇申领',
		subName: '退休申请',
		departmentCode: 'RS',
		type: 'administrative_payment',
		legalBasis:
			'《中华人民共和国社会保险法》第十六条；《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》',
		acceptanceConditions: ['达到法定退休年龄（含按规定弹性提前或延迟退休）', '累计缴费达到国家规定的最低缴费年限'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '基本养老金核定表' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('RS'),
		materials: [
			applicationForm('《基本养老保险待遇申领表》'),
			idCard(),
			{
				id: 'personnel_file',
				name: '本人档案（有视同缴费年限的）',
				required: false,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['档案由存档机构密封移交', '出生日期、参加工作时间记载一致']
			},
			bankCard({ name: '本人社会保障卡（金融账户已激活）' })
		],
		formFields: [FIELD.retirementDate, FIELD.employerName, FIELD.bankName, FIELD.bankAccount],
		processSteps: proxiedSteps('县社保中心审核缴费年限、核定基本养老金', '自退休次月起按月发放基本养老金'),
		consultation: consultation(WINDOW),
		keywords: ['退休', '办理退休', '退休一件事', '职工养老金']
	}
];
