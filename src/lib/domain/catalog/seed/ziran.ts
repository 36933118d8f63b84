import type { ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	CERTIFICATE_DELIVERY,
	consultation,
	FIELD,
	hukouBook,
	idCard,
	proxiedSteps,
	reviewChain
} from './common';

const WINDOW = '自然资源窗口';

export const ziranItems: ServiceItemInput[] = [
	{
		code: 'ZRZY-XCJS-001',
		mainName: '乡村建设规划许可证核发',
		subName: '农村村民住宅建设',
		departmentCode: 'ZRZY',
		type: 'administrative_license',
		legalBasis: '《中华人民共和国城乡规划法》第四十一条；《中华人民共和国土地管理法》第六十二条',
		acceptanceConditions: [
			'符合国土空间规划、村庄规划和用途管制要求',
			'已取得或同步申请农村宅基地批准',
			'一户一宅，建房面积、层数和高度符合本县农村村民住房建设标准'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '乡村建设规划许可证', templateId: 'tpl-rural-planning-permit' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('ZRZY', { between: [{ id: 'site_survey', name: '现场踏勘' }] }),
		materials: [
			applicationForm('《农村宅基地和建房（规划许可）申请表》'),
			idCard(),
			hukouBook(),
			{
				id: 'homestead_approval',
				name: '《农村宅基地批准书》',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['批准的位置、面积与申请一致'],
				notNeededIfVerifiableOnline: true
			},
			{
				id: 'house_drawing',
				name: '农房设计图或通用图集选用图',
				required: true,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['标明层数、高度、占地面积', '选用通用图集的注明图号']
			},
			{
				id: 'village_opinion',
				name: '村民委员会意见',
				required: true,
				copies: 1,
				form: 'original',
				source: 'other_department',
				reviewPoints: ['村委会签署意见并盖章', '经村民小组讨论并公示无异议']
			},
			{
				id: 'neighbour_opinion',
				name: '四邻意见书',
				required: false,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['四邻签名或按手印齐全']
			}
		],
		formFields: [
			FIELD.houseSite,
			FIELD.buildingArea,
			FIELD.buildingFloors,
			{
				key: 'constructionType',
				label: '建设类型',
				type: 'select',
				required: true,
				options: ['原址翻建', '新建', '改扩建']
			}
		],
		processSteps: proxiedSteps('乡镇自然资源所组织现场踏勘', '审查建设位置、层数、面积', '核发乡村建设规划许可证，开工前放线、竣工后验收'),
		consultation: consultation(WINDOW),
		keywords: ['建房许可', '规划许可证', '盖房子', '农村建房']
	},
	{
		code: 'ZRZY-LMCF-001',
		mainName: '林木采伐许可证核发',
		subName: '农村居民采伐自留山和个人承包集体林地林木',
		departmentCode: 'ZRZY',
		type: 'administrative_license',
		legalBasis: '《中华人民共和国森林法》第五十六条；《中华人民共和国森林法实施条例》',
		acceptanceConditions: [
			'采伐的林木权属清楚、无争议',
			'符合年森林采伐限额和采伐技术规程',
			'不属于禁止采伐的公益林、自然保护地等区域'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 5,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'certificate', certificateType: '林木采伐许可证', templateId: 'tpl-timber-felling-permit' },
		deliveryOptions: CERTIFICATE_DELIVERY,
		approvalChain: reviewChain('ZRZY'),
		materials: [
			applicationForm('《林木采伐申请表》'),
			idCard(),
			{
				id: 'forest_right_proof',
				name: '林权证、不动产权证书（林地）或承包合同',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['权利人与申请人一致', '采伐地块在权属范围内'],
				notNeededIfVerifiableOnline: true
			},
			{
				id: 'felling_design',
				name: '伐区调查设计或采伐作业说明',
				required: true,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['注明采伐地点、面积、树种、蓄积、方式', '附更新造林措施'],
				replaceableByCommitment: true
			}
		],
		formFields: [
			{ key: 'fellingLocation', label: '采伐地点（小地名）', type: 'text', required: true },
			{ key: 'treeSpecies', label: '树种', type: 'text', required: true },
			{
				key: 'fellingMethod',
				label: '采伐方式',
				type: 'select',
				required: true,
				options: ['皆伐', '择伐', '渐伐', '更新采伐', '卫生伐']
			},
			{ key: 'fellingVolume', label: '采伐蓄积（立方米）', type: 'number', required: true },
			{ key: 'fellingArea', label: '采伐面积（亩）', type: 'number', required: true },
			{ key: 'replantingPlan', label: '更新造林措施', type: 'textarea', required: false }
		],
		processSteps: proxiedSteps('林业站现场核实采伐地块', '核发林木采伐许可证，采伐后当年或次年完成更新造林'),
		consultation: consultation(WINDOW),
		keywords: ['砍树', '采伐证', '伐木', '林木采伐']
	}
];
