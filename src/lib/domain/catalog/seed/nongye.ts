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
	proxiedSteps,
	reviewChain
} from './common';

const WINDOW = '农业农村窗口';

export const nongyeItems: ServiceItemInput[] = [
	{
		code: 'NYNC-ZJD-001',
		mainName: '农村宅基地审批',
		subName: '农村村民宅基地申请',
		departmentCode: 'NYNC',
		type: 'administrative_license',
		legalBasis:
			'《中华人民共和国土地管理法》第六十二条；《中华人民共和国土地管理法实施条例》；《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）',
		acceptanceConditions: [
			'本集体经济组织成员，以户为单位申请',
			'一户只能拥有一处宅基地，面积不超过本省规定的标准',
			'符合国土空间规划和村庄规划，不占用永久基本农田',
			'经村民小组会议讨论通过并公示无异议'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 15,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '农村宅基地批准书', templateId: 'tpl-homestead-approval' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('NYNC', { between: [{ id: 'site_survey', name: '实地审查' }] }),
		materials: [
			applicationForm('《农村宅基地和建房（规划许可）申请表》'),
			idCard({ name: '申请户主及家庭成员居民身份证' }),
			hukouBook(),
			{
				id: 'group_meeting_record',
				name: '村民小组会议记录及公示材料',
				required: true,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['参会人数符合规定并签名', '公示不少于5个工作日且无异议', '村委会盖章']
			},
			{
				id: 'homestead_pledge',
				name: '《农村宅基地使用承诺书》',
				required: true,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['承诺“建新拆旧”“一户一宅”', '申请人签名或按手印']
			},
			{
				id: 'old_homestead_agreement',
				name: '原宅基地退出协议（有原宅基地的）',
				required: false,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['写明退出期限', '村集体经济组织盖章']
			}
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.familySize,
			FIELD.houseSite,
			FIELD.buildingArea,
			FIELD.buildingFloors,
			{
				key: 'existingHomestead',
				label: '现有宅基地情况',
				type: 'select',
				required: true,
				options: ['无宅基地', '原址翻建', '原宅基地退出后新建']
			}
		],
		processSteps: proxiedSteps(
			'乡镇农业农村办会同自然资源所实地审查（联审）',
			'乡镇人民政府审批，核发农村宅基地批准书',
			'开工前实地丈量批放到户，竣工后验收'
		),
		consultation: consultation(WINDOW),
		keywords: ['宅基地', '批宅基地', '农村建房', '建房审批']
	},
	{
		code: 'NYNC-GDBT-001',
		mainName: '耕地地力保护补贴发放',
		departmentCode: 'NYNC',
		type: 'administrative_payment',
		legalBasis: '《中华人民共和国农业法》；《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）',
		acceptanceConditions: [
			'拥有耕地承包权的种地农民',
			'补贴面积为实际种植的耕地；已改为林地、建设用地或长年抛荒的耕地不予补贴'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 20,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('NYNC'),
		materials: [
			idCard(),
			{
				id: 'land_contract',
				name: '农村土地承包经营权证或承包合同',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['承包方代表与申请人一致', '地块面积与确权数据一致'],
				notNeededIfVerifiableOnline: true
			},
			{
				id: 'planting_statement',
				name: '耕地实际种植情况证明（村委会出具）',
				required: true,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['写明实际种植面积和作物', '村委会盖章'],
				replaceableByCommitment: true
			},
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			FIELD.landArea,
			{ key: 'plantedArea', label: '实际种植面积（亩）', type: 'number', required: true },
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('村级申报面积在村务公开栏公示7天', '乡镇农业农村办审核汇总，县农业农村局复核', '补贴资金通过“一卡通”发放'),
		consultation: consultation(WINDOW),
		keywords: ['种粮补贴', '地力补贴', '耕地补贴', '农业补贴']
	},
	{
		code: 'NYNC-NJBT-001',
		mainName: '农机购置与应用补贴',
		departmentCode: 'NYNC',
		type: 'administrative_payment',
		legalBasis: '《中华人民共和国农业机械化促进法》；本省农机购置与应用补贴实施方案',
		acceptanceConditions: [
			'从事农业生产的个人或农业生产经营组织',
			'购买列入本省补贴范围的农机具并已完成购机',
			'在购机当年的申请期限内申请'
		],
		statutoryLimitDays: 30,
		promisedLimitDays: 15,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('NYNC', { between: [{ id: 'machine_check', name: '机具核验' }] }),
		materials: [
			applicationForm('《农机购置与应用补贴申请表》'),
			idCard(),
			{
				id: 'purchase_invoice',
				name: '购机发票',
				required: true,
				copies: 1,
				form: 'original_and_copy',
				source: 'applicant',
				reviewPoints: ['发票可在税务平台查验', '机具型号、出厂编号与补贴目录一致', '购机人与申请人一致']
			},
			{
				id: 'machine_photo',
				name: '人机合影及机具铭牌照片',
				required: true,
				copies: 1,
				form: 'electronic',
				source: 'applicant',
				reviewPoints: ['照片清晰可见铭牌和出厂编号', '申请人本人与机具合影']
			},
			bankCard()
		],
		formFields: [
			{ key: 'machineType', label: '机具品目', type: 'text', required: true },
			{ key: 'machineModel', label: '机具型号', type: 'text', required: true },
			{ key: 'purchaseDate', label: '购机日期', type: 'date', required: true },
			{ key: 'purchasePrice', label: '购机价格（元）', type: 'number', required: true },
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('县农机中心核验机具', '补贴资金兑付至购机者账户'),
		consultation: consultation(WINDOW),
		keywords: ['农机补贴', '买农机', '拖拉机补贴']
	}
];
