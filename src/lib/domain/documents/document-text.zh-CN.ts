import type { DeliveryMethod, Material } from '../catalog/item.schema';
import type { MaterialStatus } from './intake-materials';

/**
 * Every fixed word printed on the intake documents (四单一书).
 *
 * These are official documents: they are printed in Chinese whatever language the UI is
 * set to, so this text deliberately lives here and not in the UI message catalogues. A
 * translated catalogue must never reach a printed slip. Renderers (the Svelte print view,
 * a future PDF export) take their chrome words from here too, so one file holds the
 * complete wording a reviewer from the township has to approve.
 */
export const DOCUMENT_TEXT = {
	/** Words the renderer draws around a model (not part of any one document). */
	chrome: {
		documentNumber: '编号',
		cutLine: '沿此线裁开',
		seal: '（盖章）',
		date: '日期',
		/** Left blank for hand-filled dates. */
		blankDate: '　　　　年　　月　　日',
		signatureImageAlt: '申请人签名',
		/** Spoken for the tick boxes, which screen readers cannot see. */
		checked: '已核对',
		unchecked: '未核对',
		qrImageAlt: '办件进度查询二维码'
	},
	/** Suffixes of the document numbers: `<case number>-<suffix>`, pinyin initials of the slip. */
	numberSuffix: {
		one_time_notification: 'GZ', // 告知
		review_points: 'SH', // 审核
		receipt_notice: 'SJ', // 收件
		receipt_archive: 'DA', // 档案
		commitment_letter: 'CN' // 承诺
	},
	label: {
		caseNumber: '办件编号',
		applicant: '申请人',
		idNumber: '身份证号码',
		items: '办理事项',
		bundle: '一件事',
		station: '代办点',
		agent: '代办员',
		intakeDate: '收件日期',
		intakeTime: '收件时间',
		delivery: '结果送达方式',
		trips: '申请人跑动次数',
		none: '无'
	},
	materialStatus: {
		received: '已收取',
		replaced_by_commitment: '告知承诺替代',
		verify_online: '网上核验，无需提交',
		missing: '缺少，需补齐',
		optional_not_provided: '未提供（非必要）'
	} satisfies Record<MaterialStatus, string>,
	materialForm: {
		original: '原件',
		copy: '复印件',
		original_and_copy: '原件及复印件',
		electronic: '电子材料'
	} satisfies Record<Material['form'], string>,
	required: { yes: '必要', no: '非必要' },
	delivery: {
		station_pickup: '村便民服务站自取',
		grid_delivery: '网格员送证上门',
		mail: '邮寄送达',
		township_window: '乡镇便民服务中心窗口领取'
	} satisfies Record<DeliveryMethod, string>,

	itemName: (mainName: string, subName?: string) => (subName ? `${mainName}（${subName}）` : mainName),
	listJoin: (parts: readonly string[]) => parts.join('、'),
	copies: (n: number) => `${n}份`,
	workingDays: (n: number) => `${n}个工作日`,
	/** A 'YYYY-MM-DD' date as printed on official documents. */
	date: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
	dateTime: (date: string, hh: string, mm: string) => `${date} ${hh}:${mm}`,

	oneTimeNotification: {
		title: '一次性告知单',
		stubTitle: '一次性告知单（存根）',
		materialsHeading: '办理所需全部材料',
		columns: { index: '序号', name: '材料名称', items: '适用事项', requirement: '要求', status: '收取情况' },
		requirement: (required: string, form: string, copies: string) => `${required}；${form}；${copies}`,
		missingHeading: '需补齐的材料',
		complete: '所需材料已齐全，无需补齐。',
		notice: [
			'以上为办理所列事项需要的全部材料，现一次性告知。',
			'标注“缺少，需补齐”的材料，请补齐后交代办员或送至乡镇便民服务中心，材料齐全后按规定办理。',
			'标注“告知承诺替代”的材料，由申请人签署告知承诺书代替提交。',
			'标注“网上核验，无需提交”的材料，由工作人员通过网上核验，申请人无需提交。',
			'除本告知单所列材料外，工作人员不得要求申请人提交其他材料。'
		],
		stubSummary: (received: number, missing: number, commitment: number) =>
			`已收取${received}项，缺少${missing}项，告知承诺替代${commitment}项`,
		stubMaterials: '材料收取情况',
		stubMissing: '缺少的材料',
		applicantSign: '申请人（签收）',
		agentSign: '代办员（签字）'
	},

	reviewPoints: {
		title: '收件审核要点',
		columns: { index: '序号', name: '材料名称', status: '收取情况', points: '审核要点（☑ 已核对）' },
		summary: (checked: number, total: number) => `已核对审核要点 ${checked}/${total} 项。`,
		uncheckedReceived: (names: string) => `已收取但审核要点未全部核对的材料：${names}。`,
		notice: ['审核要点由收件人逐项核对，核对结果随办件存档，作为首问负责和责任追究的依据。'],
		reviewerSign: '收件人（审核人）'
	},

	receiptNotice: {
		title: '收件通知单',
		promisedLimit: '承诺办结时限',
		promisedDate: '预计办结日期',
		fromAcceptance: (days: string) => `自受理之日起${days}内办结`,
		materialsHeading: '已收取的材料',
		columns: { index: '序号', name: '材料名称', form: '形式及份数', status: '收取情况' },
		noMaterials: '未收取材料。',
		queryHeading: '办理进度查询',
		query: (url: string, caseNumber: string) =>
			`访问 ${url}（或扫描下方二维码），输入办件编号 ${caseNumber} 和您手机号码的后4位，即可查询办理进度。`,
		qrCaption: '扫码查询办理进度',
		notice: [
			'本通知单是收件凭证，请妥善保管，领取办理结果时请出示。',
			'承诺时限按工作日计算，自受理之日起算；需要补正材料的，补正期间不计入时限。'
		],
		agentSign: '代办员（签字）'
	},

	receiptArchive: {
		title: '收件档案单',
		itemsHeading: '办理事项',
		itemColumns: { index: '序号', code: '事项编码', name: '事项名称', limit: '承诺时限' },
		materialsHeading: '材料收取记录',
		materialColumns: {
			index: '序号',
			name: '材料名称',
			items: '适用事项',
			form: '形式及份数',
			status: '收取情况',
			points: '审核要点核对',
			photos: '附件照片'
		},
		pointsChecked: (checked: number, total: number) => `${checked}/${total}`,
		photos: (n: number) => `${n}张`,
		trips: (n: number) => `${n}次`,
		notice: ['本单随办件归档保存。'],
		receiverSign: '收件人（签字）',
		applicantSign: '申请人（签字）'
	},

	commitmentLetter: {
		title: '告知承诺书',
		noticeHeading: '一、行政机关告知',
		notice: (items: string) => [
			`申请人申请办理${items}，下表所列证明材料可以书面承诺方式代替提交。现将有关事项告知如下：`,
			'（一）申请人应当符合办理条件，并对所填写信息和所承诺内容的真实性负责；',
			'（二）行政机关将在办理过程中或办结后对承诺内容进行核查，申请人应当予以配合；',
			'（三）申请人作出不实承诺的，行政机关将依法终止办理、责令限期整改或者撤销已作出的决定，依法追究相应法律责任，并将不实承诺信息记入信用记录；涉嫌犯罪的，依法移送司法机关。'
		],
		materialsHeading: '以承诺代替提交的材料',
		columns: { index: '序号', name: '材料名称', items: '适用事项' },
		pledgeHeading: '二、申请人承诺',
		pledge: [
			'本人已知晓并理解行政机关告知的全部内容；',
			'本人符合上述事项的办理条件，上表所列证明事项属实，所填写的信息和提交的材料真实、准确、完整；',
			'本人愿意接受行政机关的核查；如有不实承诺，愿意承担相应的法律责任。'
		],
		footer: ['本承诺书经申请人签字后生效，随办件归档。'],
		applicantSign: '承诺人（签字）',
		agentSign: '代办员（签字）'
	}
} as const;
