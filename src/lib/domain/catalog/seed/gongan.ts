import type { ServiceItemInput } from '../item.schema';
import {
	birthCertificate,
	CERTIFICATE_DELIVERY,
	consultation,
	deathCertificate,
	FIELD,
	hukouBook,
	idCard,
	NOTICE_DELIVERY,
	photo,
	proxiedSteps,
	reviewChain
} from './common';

const WINDOW = '公安户籍窗口';

/** The household register itself is stamped, so an online check cannot stand in for it. */
const hukouOriginal = hukouBook({
	source: 'applicant',
	notNeededIfVerifiableOnline: false,
	form: 'original',
	reviewPoints: ['户主页和相关人员页齐全', '户籍地在本县', '无涂改']
});

export const gonganItems: ServiceItemInput[] = [
	{
		code: 'GA-SFZ-001',
		mainName: '居民身份证申领、换领、补领',
		subName: '居民身份证换领',
		departmentCode: 'GA',
		type: 'administrative_license',
		legalBasis: '《中华人民共和国居民身份证法》',
		acceptanceConditions: ['居民身份证有效期满、登记项目变更或证件严重损坏不能辨认', '本人到场采集人像和指纹'],
		statutoryLimitDays: 60,
		promisedLimitDays: 15,
		villageHandling: 'township_only',
		proxyEligible: false,
		commitmentAllowed: false,
		fee: { amountYuan: 20, basis: '居民身份证工本费：换领、补领每证20元' },
		result: { kind: 'certificate', certificateType: '居民身份证', templateId: 'tpl-resident-id-card' },
		deliveryOptions: ['township_window', 'mail'],
		approvalChain: reviewChain('GA', { firstSkippable: true }),
		materials: [
			idCard({ name: '原居民身份证', form: 'original', reviewPoints: ['交回原证', '原证信息与户籍信息一致'] }),
			hukouOriginal
		],
		formFields: [
			{ key: 'renewReason', label: '换领原因', type: 'select', required: true, options: ['有效期满', '登记项目变更', '证件损坏'] }
		],
		processSteps: [
			'本人到乡镇便民服务中心公安专区现场采集人像、指纹',
			'户籍民警审核后上报制证',
			'制证完成后到窗口领取或邮寄送达'
		],
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['身份证', '换身份证', '身份证到期']
	},
	{
		code: 'GA-JZZ-001',
		mainName: '居住证核发',
		departmentCode: 'GA',
		type: 'administrative_confirmation',
		legalBasis: '《居住证暂行条例》',
		acceptanceConditions: [
			'离开常住户口所在地，到本县居住半年以上',
			'有合法稳定就业、合法稳定住所、连续就读条件之一'
		],
		statutoryLimitDays: 15,
		promisedLimitDays: 7,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0, basis: '首次申领免费' },
		result: { kind: 'certificate', certificateType: '居住证', templateId: 'tpl-residence-permit' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('GA'),
		materials: [
			idCard(),
			photo({ copies: 1, form: 'electronic' }),
			{
				id: 'residence_proof',
				name: '合法稳定住所、就业或就读证明（租赁合同、房产证明、劳动合同或学校证明）',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['住所地址在本县', '证明期限覆盖已居住的半年'],
				replaceableByCommitment: true
			}
		],
		formFields: [
			{ key: 'residenceAddress', label: '现居住地址', type: 'text', required: true },
			{ key: 'residenceSince', label: '来本县居住日期', type: 'date', required: true },
			{
				key: 'residenceReason',
				label: '居住事由',
				type: 'select',
				required: true,
				options: ['就业', '就学', '投靠亲友', '其他']
			}
		],
		processSteps: proxiedSteps('辖区派出所核查居住登记信息', '制证后发放'),
		consultation: consultation(WINDOW),
		keywords: ['居住证', '暂住证', '外地人']
	},
	{
		code: 'GA-HJ-001',
		mainName: '户口登记',
		subName: '出生登记',
		departmentCode: 'GA',
		type: 'administrative_confirmation',
		legalBasis: '《中华人民共和国户口登记条例》第七条',
		acceptanceConditions: ['新生儿父母一方为本县常住户口', '婴儿出生后一个月以内申报；逾期的按规定补报'],
		statutoryLimitDays: 20,
		promisedLimitDays: 5,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '居民户口簿', templateId: 'tpl-hukou-page' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('GA'),
		materials: [
			birthCertificate(),
			idCard({ name: '父母双方居民身份证' }),
			hukouOriginal,
			{
				id: 'marriage_certificate',
				name: '父母结婚证',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['持证人与出生医学证明所载父母一致'],
				notNeededIfVerifiableOnline: true
			}
		],
		formFields: [
			FIELD.newbornName,
			FIELD.newbornGender,
			FIELD.newbornBirthDate,
			FIELD.birthCertificateNo,
			FIELD.relationToNewborn,
			FIELD.householdAddress,
			{ key: 'newbornEthnicity', label: '新生儿民族', type: 'text', required: true, help: '随父或随母' }
		],
		processSteps: proxiedSteps('户籍民警审核出生医学证明并登记', '在户口簿上增加新生儿户口页'),
		consultation: consultation(WINDOW),
		keywords: ['报户口', '上户口', '新生儿落户', '出生一件事']
	},
	{
		code: 'GA-HJ-002',
		mainName: '户口登记',
		subName: '死亡注销户口',
		departmentCode: 'GA',
		type: 'administrative_confirmation',
		legalBasis: '《中华人民共和国户口登记条例》第八条',
		acceptanceConditions: ['本县常住户口公民死亡', '农村在死亡后一个月以内，由户主、亲属或村（居）委会申报'],
		statutoryLimitDays: 5,
		promisedLimitDays: 1,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('GA', { firstSkippable: true }),
		materials: [
			deathCertificate(),
			hukouOriginal,
			{
				id: 'deceased_id_card',
				name: '逝者居民身份证（交回注销）',
				required: false,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['证件号码与死亡证明一致', '遗失的由申报人书面说明']
			},
			idCard({ name: '申报人居民身份证' })
		],
		formFields: [FIELD.deceasedName, FIELD.deceasedIdNumber, FIELD.dateOfDeath, FIELD.relationToDeceased],
		processSteps: proxiedSteps('户籍民警核对死亡信息并注销户口', '在户口簿逝者页加盖注销章后交还'),
		consultation: consultation(WINDOW),
		keywords: ['销户', '注销户口', '死亡销户', '身后一件事']
	}
];
