/**
 * Fixed wording of the township's decision notices. Official paper: always Chinese, never
 * from the UI catalogues (see document-text.zh-CN.ts for the intake slips).
 */
export const DECISION_TEXT = {
	numberSuffix: {
		acceptance_notice: 'SL', // 受理
		correction_notice: 'BZ', // 补正
		not_accepted_notice: 'BSL', // 不受理
		approval_decision: 'ZY', // 准予
		refusal_decision: 'BY' // 不予
	},
	label: {
		caseNumber: '办件编号',
		applicant: '申请人',
		idNumber: '身份证号码',
		items: '申请事项',
		item: '许可事项',
		applicationDate: '申请日期',
		decisionDate: '决定日期',
		authority: '办理机关',
		department: '承办部门'
	},
	date: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
	listJoin: (parts: readonly string[]) => parts.join('、'),
	itemName: (mainName: string, subName?: string) => (subName ? `${mainName}（${subName}）` : mainName),
	workingDays: (n: number) => `${n}个工作日`,
	authoritySign: '办理机关（盖章）',
	remedy:
		'申请人如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。',

	acceptance: {
		title: '受理通知书',
		body: (name: string, items: string) => `${name}：您申请办理的${items}，申请材料齐全、符合法定形式，本机关决定予以受理。`,
		promisedLimit: '承诺办结时限',
		promisedDate: '预计办结日期',
		footer: ['办理时限按工作日计算，自受理之日起算；需要补正材料的，补正期间不计入时限。', '办理进度可凭办件编号和手机号码后4位查询。']
	},
	correction: {
		title: '补正材料通知书',
		body: (name: string, items: string) =>
			`${name}：您申请办理的${items}，经审查，申请材料不齐全或者不符合法定形式。现将需要补正的全部内容一次性告知如下：`,
		heading: '需要补正的材料及问题',
		columns: { index: '序号', item: '事项', material: '材料', problem: '存在的问题' },
		wholeApplication: '申请表（整体）',
		footer: [
			'请按上述要求一次性补正后，交代办员或送至乡镇便民服务中心。',
			'补正期间不计入办理时限；逾期不补正的，视为放弃申请。',
			'除本通知书所列内容外，工作人员不得要求补正其他材料。'
		]
	},
	notAccepted: {
		title: '不予受理通知书',
		body: (name: string, items: string) => `${name}：您申请办理的${items}，经审查，本机关决定不予受理。`,
		reasonHeading: '不予受理的理由',
		footer: [] as string[]
	},
	approval: {
		title: '准予许可决定书',
		body: (name: string, item: string) => `${name}：您申请办理的${item}，经审查，符合法定条件和标准，本机关决定准予许可。`,
		basisHeading: '依据',
		noteHeading: '审批意见'
	},
	refusal: {
		title: '不予许可决定书',
		body: (name: string, item: string) => `${name}：您申请办理的${item}，经审查，本机关决定不予许可。`,
		reasonHeading: '不予许可的理由',
		basisHeading: '法律依据'
	}
} as const;
