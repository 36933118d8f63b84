import type { MaterialInput, ServiceItemInput } from '../item.schema';
import { applicationForm, CERTIFICATE_DELIVERY, consultation, FIELD, idCard, NOTICE_DELIVERY, proxiedSteps, reviewChain } from './common';

const WINDOW = '市场监管窗口';
const REGISTRATION_BASIS =
	'《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》；《中华人民共和国市场主体登记管理条例实施细则》';

/** 住所（经营场所）申报承诺制: the operator's commitment may replace the premises proof. */
function premisesProof(required: boolean): MaterialInput {
	return {
		id: 'premises_proof',
		name: '经营场所使用证明（房产证明、租赁协议或村委会证明）',
		required,
		copies: 1,
		form: 'copy',
		source: 'applicant',
		reviewPoints: ['场所地址与申请书一致', '租赁协议有出租方签名', '不属于违法建筑或禁止经营的场所'],
		replaceableByCommitment: true
	};
}

function licenceOriginal(): MaterialInput {
	return {
		id: 'business_licence',
		name: '营业执照正、副本',
		required: true,
		copies: 1,
		form: 'original',
		source: 'applicant',
		reviewPoints: ['正、副本齐全', '统一社会信用代码与申请书一致']
	};
}

export const shichangItems: ServiceItemInput[] = [
	{
		code: 'SCJG-GTGSH-001',
		mainName: '个体工商户登记',
		subName: '个体工商户设立登记',
		departmentCode: 'SCJG',
		type: 'administrative_license',
		legalBasis: REGISTRATION_BASIS,
		acceptanceConditions: [
			'有经营能力的自然人，以个人或家庭经营',
			'有固定的经营场所',
			'经营范围不属于法律、行政法规禁止的项目'
		],
		statutoryLimitDays: 3,
		promisedLimitDays: 1,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '营业执照', templateId: 'tpl-business-licence-individual' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('SCJG', { firstSkippable: true }),
		materials: [
			applicationForm('《个体工商户登记（备案）申请书》', {
				sample: '经营范围按《经营范围规范表述目录》选择，如：日用百货销售；食品销售（仅销售预包装食品）。'
			}),
			idCard({ name: '经营者居民身份证' }),
			premisesProof(true)
		],
		formFields: [
			{ key: 'businessName', label: '个体工商户名称（可不起字号）', type: 'text', required: false },
			{ key: 'businessScope', label: '经营范围', type: 'textarea', required: true },
			FIELD.premisesAddress,
			{ key: 'capitalWan', label: '资金数额（万元）', type: 'number', required: true },
			{ key: 'employees', label: '从业人员（人）', type: 'number', required: true },
			{ key: 'organizationForm', label: '组成形式', type: 'select', required: true, options: ['个人经营', '家庭经营'] }
		],
		processSteps: proxiedSteps('市场监管所核准登记', '打印营业执照，一窗出证'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['个体户', '办执照', '营业执照', '开店']
	},
	{
		code: 'SCJG-GTGSH-002',
		mainName: '个体工商户登记',
		subName: '个体工商户变更登记',
		departmentCode: 'SCJG',
		type: 'administrative_license',
		legalBasis: REGISTRATION_BASIS,
		acceptanceConditions: ['已登记的个体工商户，登记事项发生变更'],
		statutoryLimitDays: 3,
		promisedLimitDays: 1,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '营业执照', templateId: 'tpl-business-licence-individual' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('SCJG', { firstSkippable: true }),
		materials: [
			applicationForm('《个体工商户登记（备案）申请书》'),
			idCard({ name: '经营者居民身份证' }),
			licenceOriginal(),
			premisesProof(false)
		],
		formFields: [
			FIELD.uscc,
			{
				key: 'changeItem',
				label: '变更事项',
				type: 'select',
				required: true,
				options: ['经营者', '名称', '经营范围', '经营场所', '组成形式', '资金数额']
			},
			{ key: 'changeContent', label: '变更后内容', type: 'textarea', required: true }
		],
		processSteps: proxiedSteps('市场监管所核准变更', '换发营业执照，收回原执照'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['个体户变更', '执照变更', '换执照']
	},
	{
		code: 'SCJG-GTGSH-003',
		mainName: '个体工商户登记',
		subName: '个体工商户注销登记',
		departmentCode: 'SCJG',
		type: 'administrative_license',
		legalBasis: REGISTRATION_BASIS,
		acceptanceConditions: ['个体工商户不再从事经营活动', '无未结清的债权债务或已作出承诺'],
		statutoryLimitDays: 3,
		promisedLimitDays: 1,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '准予注销登记通知书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('SCJG', { firstSkippable: true }),
		materials: [applicationForm('《个体工商户注销登记申请书》'), idCard({ name: '经营者居民身份证' }), licenceOriginal()],
		formFields: [
			FIELD.uscc,
			{
				key: 'cancelReason',
				label: '注销原因',
				type: 'select',
				required: true,
				options: ['决定停止经营', '经营者死亡或丧失经营能力', '被吊销营业执照', '其他']
			}
		],
		processSteps: proxiedSteps('市场监管所核准注销', '收回营业执照，出具准予注销登记通知书'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['个体户注销', '注销执照', '关店']
	},
	{
		code: 'SCJG-SPBA-001',
		mainName: '仅销售预包装食品经营者备案',
		departmentCode: 'SCJG',
		type: 'other_power',
		legalBasis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》',
		acceptanceConditions: ['已取得营业执照的经营者', '仅销售预包装食品，不从事散装食品和现制现售'],
		statutoryLimitDays: 3,
		promisedLimitDays: 1,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: reviewChain('SCJG', { firstSkippable: true }),
		materials: [
			applicationForm('《仅销售预包装食品备案信息采集表》'),
			idCard({ name: '经营者居民身份证' }),
			{
				id: 'business_licence',
				name: '营业执照',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['经营范围含食品销售（仅销售预包装食品）'],
				notNeededIfVerifiableOnline: true
			}
		],
		formFields: [
			FIELD.uscc,
			FIELD.premisesAddress,
			{
				key: 'storageCondition',
				label: '贮存条件',
				type: 'select',
				required: true,
				options: ['常温', '冷藏冷冻', '常温及冷藏冷冻']
			}
		],
		processSteps: proxiedSteps('市场监管所当场备案并公示备案编号'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['小卖部', '食品备案', '预包装食品', '超市']
	}
];
