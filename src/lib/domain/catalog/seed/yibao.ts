import type { ServiceItemInput } from '../item.schema';
import {
	applicationForm,
	bankCard,
	consultation,
	FIELD,
	hukouBook,
	idCard,
	NOTICE_DELIVERY,
	proxiedSteps,
	reviewChain,
	villageChain
} from './common';

const WINDOW = '医保窗口';

export const yibaoItems: ServiceItemInput[] = [
	{
		code: 'YB-CJYB-001',
		mainName: '城乡居民基本医疗保险参保登记',
		departmentCode: 'YB',
		type: 'public_service',
		legalBasis: '《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）',
		acceptanceConditions: [
			'本县户籍居民（含新生儿）或持本县居住证的常住人口',
			'不属于职工基本医疗保险应参保人员'
		],
		statutoryLimitDays: 5,
		promisedLimitDays: 1,
		villageHandling: 'village_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0, basis: '个人缴费按当年城乡居民医保筹资标准另行缴纳，登记本身不收费' },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: villageChain('YB'),
		materials: [idCard({ name: '参保人居民身份证（新生儿提供户口簿或出生医学证明）' }), hukouBook()],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'insuredCategory',
				label: '参保人员类别',
				type: 'select',
				required: true,
				options: ['普通居民', '新生儿', '在校学生', '低保对象', '特困人员', '重度残疾人', '防止返贫监测对象']
			}
		],
		processSteps: [
			'申请人到村便民服务站提供参保人证件',
			'代办员在医保系统录入参保登记',
			'当场办结，告知缴费渠道和待遇享受期'
		],
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['医保', '居民医保', '新农合', '医保参保', '出生一件事']
	},
	{
		code: 'YB-YLJZ-001',
		mainName: '医疗救助',
		subName: '医疗救助申请',
		departmentCode: 'YB',
		type: 'administrative_payment',
		legalBasis: '《社会救助暂行办法》第六章；《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）',
		acceptanceConditions: [
			'属于特困人员、低保对象、低保边缘家庭成员、防止返贫监测对象或因病致贫重病患者',
			'医疗费用经基本医疗保险、大病保险报销后个人负担仍较重',
			'未在定点医疗机构“一站式”结算中享受医疗救助'
		],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('YB'),
		materials: [
			applicationForm('《医疗救助申请审批表》'),
			idCard(),
			{
				id: 'medical_invoices',
				name: '医疗费用票据及费用明细清单',
				required: true,
				copies: 1,
				form: 'original',
				source: 'applicant',
				reviewPoints: ['票据为原件且加盖收费专用章', '就诊日期在救助申请期限内', '票据姓名与患者一致']
			},
			{
				id: 'discharge_summary',
				name: '出院记录或诊断证明',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['加盖医院公章', '诊断明确']
			},
			{
				id: 'settlement_sheet',
				name: '基本医保、大病保险结算单',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['结算金额与票据一致'],
				notNeededIfVerifiableOnline: true
			},
			bankCard()
		],
		formFields: [
			FIELD.householdAddress,
			{
				key: 'aidCategory',
				label: '救助对象类别',
				type: 'select',
				required: true,
				options: ['特困人员', '低保对象', '低保边缘家庭成员', '防止返贫监测对象', '因病致贫重病患者']
			},
			{ key: 'hospitalName', label: '就诊医院', type: 'text', required: true },
			{ key: 'totalMedicalCost', label: '医疗总费用（元）', type: 'number', required: true },
			FIELD.bankName,
			FIELD.bankAccount
		],
		processSteps: proxiedSteps('县医保局核算政策范围内个人自付费用和救助金额', '救助金发放至申请人银行账户'),
		consultation: consultation(WINDOW),
		keywords: ['医疗救助', '大病救助', '看病报销', '二次报销']
	},
	{
		code: 'YB-MTB-001',
		mainName: '门诊慢特病病种待遇认定',
		departmentCode: 'YB',
		type: 'administrative_confirmation',
		legalBasis: '《中华人民共和国社会保险法》；本省基本医疗保险门诊慢特病管理办法',
		acceptanceConditions: ['已参加本县基本医疗保险且处于待遇享受期', '患有本省规定的门诊慢特病病种'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '门诊慢特病待遇认定通知书' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('YB', { between: [{ id: 'expert_review', name: '专家鉴定' }] }),
		materials: [
			idCard(),
			{
				id: 'diagnosis',
				name: '二级及以上医院诊断证明及相关检查报告',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['诊断证明加盖医院公章', '检查报告在近一年内', '病种与申请病种一致']
			},
			{
				id: 'medical_records',
				name: '近期门诊或住院病历',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['病历记载与诊断一致']
			}
		],
		formFields: [
			{
				key: 'chronicDisease',
				label: '申请病种',
				type: 'select',
				required: true,
				options: ['高血压（Ⅱ级及以上）', '糖尿病', '冠心病', '脑卒中后遗症', '慢性肾功能衰竭透析', '恶性肿瘤门诊治疗', '严重精神障碍', '其他']
			},
			{ key: 'diagnosisHospital', label: '诊断医院', type: 'text', required: true }
		],
		processSteps: proxiedSteps('县医保局组织专家鉴定', '认定通过的自认定次日起享受门诊慢特病待遇'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['慢性病', '慢病卡', '门诊慢特病', '特殊病']
	},
	{
		code: 'YB-ZGYB-001',
		mainName: '职工基本医疗保险退休人员待遇核定',
		departmentCode: 'YB',
		type: 'administrative_confirmation',
		legalBasis: '《中华人民共和国社会保险法》第二十七条',
		acceptanceConditions: ['已办理退休手续', '职工医保累计缴费年限（含视同缴费年限）达到本统筹地区规定'],
		statutoryLimitDays: 20,
		promisedLimitDays: 10,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: false,
		fee: { amountYuan: 0 },
		result: { kind: 'decision', documentName: '职工医保退休人员待遇核定表' },
		deliveryOptions: NOTICE_DELIVERY,
		approvalChain: reviewChain('YB', { firstSkippable: true }),
		materials: [
			idCard(),
			{
				id: 'retirement_approval',
				name: '退休审批表（基本养老金核定表）',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'online_verifiable',
				reviewPoints: ['退休日期清楚', '加盖社保经办机构印章'],
				notNeededIfVerifiableOnline: true
			}
		],
		formFields: [FIELD.retirementDate, FIELD.employerName],
		processSteps: proxiedSteps('县医保局核定缴费年限，不足的一次性告知补缴金额', '核定后按退休人员享受医保待遇'),
		consultation: consultation(WINDOW),
		keywords: ['退休医保', '医保退休', '退休一件事', '视同缴费年限']
	},
	{
		code: 'YB-YDJY-001',
		mainName: '基本医疗保险异地就医备案',
		departmentCode: 'YB',
		type: 'public_service',
		legalBasis:
			'《中华人民共和国社会保险法》；《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
		acceptanceConditions: ['参加本县基本医疗保险', '属于异地长期居住、常驻异地工作、异地转诊或临时外出就医人员'],
		statutoryLimitDays: 5,
		promisedLimitDays: 1,
		villageHandling: 'village_accept_township_complete',
		proxyEligible: true,
		commitmentAllowed: true,
		fee: { amountYuan: 0 },
		result: { kind: 'none' },
		deliveryOptions: ['station_pickup'],
		approvalChain: reviewChain('YB', { firstSkippable: true }),
		materials: [
			idCard(),
			{
				id: 'residence_proof',
				name: '异地居住或工作证明（居住证、工作证明等）',
				required: true,
				copies: 1,
				form: 'copy',
				source: 'applicant',
				reviewPoints: ['居住地或工作地与备案就医地一致'],
				replaceableByCommitment: true
			},
			{
				id: 'referral',
				name: '转诊转院证明（异地转诊就医的）',
				required: false,
				copies: 1,
				form: 'copy',
				source: 'other_department',
				reviewPoints: ['由县内定点医疗机构出具并盖章']
			}
		],
		formFields: [
			{
				key: 'filingType',
				label: '备案类型',
				type: 'select',
				required: true,
				options: ['异地长期居住', '常驻异地工作', '异地转诊就医', '其他临时外出就医']
			},
			{ key: 'destination', label: '就医地（省、市、县）', type: 'text', required: true },
			{ key: 'filingStartDate', label: '备案开始日期', type: 'date', required: true }
		],
		processSteps: proxiedSteps('县医保局在国家异地就医备案系统登记', '备案成功后短信告知，可在就医地直接结算'),
		consultation: consultation(WINDOW),
		crossArea: true,
		keywords: ['异地就医', '医保备案', '外地看病', '异地备案']
	}
];
