import type {
	ApprovalStepInput,
	DeliveryMethod,
	FormFieldInput,
	MaterialInput
} from '../item.schema';

/*
 * Building blocks shared by the department files. A material or form field that several
 * items ask for is defined once here, so a bundle's merged form (一表登记) sees identical
 * definitions and asks each question once.
 */

type MaterialOverrides = Partial<MaterialInput>;

export function idCard(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'id_card',
		name: '申请人居民身份证',
		required: true,
		copies: 1,
		form: 'original_and_copy',
		source: 'applicant',
		reviewPoints: ['身份证在有效期内', '原件与复印件一致', '姓名、身份证号与申请表一致'],
		...o
	};
}

export function hukouBook(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'hukou_book',
		name: '居民户口簿',
		required: true,
		copies: 1,
		form: 'original_and_copy',
		source: 'online_verifiable',
		reviewPoints: ['户主页和本人页齐全', '户籍地在本县', '原件与复印件一致'],
		notNeededIfVerifiableOnline: true,
		...o
	};
}

export function photo(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'photo',
		name: '近期免冠彩色证件照',
		required: true,
		copies: 2,
		form: 'original',
		source: 'applicant',
		reviewPoints: ['近6个月内白底免冠彩色照片', '五官清晰、不着制式服装', '背面写明姓名'],
		...o
	};
}

export function bankCard(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'bank_card',
		name: '本人银行卡或社会保障卡（金融账户）',
		required: true,
		copies: 1,
		form: 'copy',
		source: 'applicant',
		reviewPoints: ['户名与申请人一致', '卡号清晰完整', '为惠民惠农财政补贴“一卡通”或社保卡金融账户'],
		...o
	};
}

export function applicationForm(name: string, o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'application_form',
		name,
		required: true,
		copies: 1,
		form: 'original',
		source: 'applicant',
		reviewPoints: ['各栏填写完整、无涂改', '申请人签名或按手印齐全', '填写日期准确'],
		sample: '申请人栏填写本人姓名并签名；不会写字的按手印，由代办员注明“代书”并签名。',
		...o
	};
}

/** Used where a guardian or relative applies for someone else (newborn, deceased, incapacitated). */
export function relationProof(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'relation_proof',
		name: '亲属关系证明（户口簿、结婚证或村委会证明）',
		required: true,
		copies: 1,
		form: 'copy',
		source: 'applicant',
		reviewPoints: ['能证明申请人与当事人的亲属关系', '村委会证明加盖公章'],
		...o
	};
}

export function deathCertificate(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'death_certificate',
		name: '《居民死亡医学证明（推断）书》',
		required: true,
		copies: 1,
		form: 'original_and_copy',
		source: 'other_department',
		reviewPoints: ['加盖医疗卫生机构或乡镇卫生院公章', '逝者姓名、身份证号与户口簿一致', '死亡日期清楚'],
		...o
	};
}

export function birthCertificate(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'birth_certificate',
		name: '《出生医学证明》',
		required: true,
		copies: 1,
		form: 'original_and_copy',
		source: 'other_department',
		reviewPoints: ['加盖助产机构出生医学证明专用章', '新生儿姓名、性别、出生日期与申请表一致', '父母信息与身份证一致'],
		...o
	};
}

export const FIELD = {
	householdAddress: {
		key: 'householdAddress',
		label: '户籍地址',
		type: 'text',
		required: true,
		help: '按户口簿填写到村（社区）、村民小组'
	},
	familySize: { key: 'familySize', label: '家庭人口（人）', type: 'number', required: true },
	bankName: {
		key: 'bankName',
		label: '开户银行',
		type: 'select',
		required: true,
		options: ['中国农业银行', '中国邮政储蓄银行', '农商银行（农村信用社）', '中国工商银行', '中国建设银行', '中国银行']
	},
	bankAccount: {
		key: 'bankAccount',
		label: '银行账号',
		type: 'text',
		required: true,
		help: '本人名下“一卡通”或社会保障卡金融账户'
	},
	maritalStatus: {
		key: 'maritalStatus',
		label: '婚姻状况',
		type: 'select',
		required: true,
		options: ['未婚', '已婚', '离异', '丧偶']
	},
	newbornName: { key: 'newbornName', label: '新生儿姓名', type: 'text', required: true },
	newbornGender: { key: 'newbornGender', label: '新生儿性别', type: 'select', required: true, options: ['男', '女'] },
	newbornBirthDate: { key: 'newbornBirthDate', label: '新生儿出生日期', type: 'date', required: true },
	birthCertificateNo: {
		key: 'birthCertificateNo',
		label: '出生医学证明编号',
		type: 'text',
		required: true,
		help: '证明右上角的字母加数字编号'
	},
	relationToNewborn: {
		key: 'relationToNewborn',
		label: '申请人与新生儿关系',
		type: 'select',
		required: true,
		options: ['父亲', '母亲', '其他监护人']
	},
	deceasedName: { key: 'deceasedName', label: '逝者姓名', type: 'text', required: true },
	deceasedIdNumber: { key: 'deceasedIdNumber', label: '逝者身份证号', type: 'id_number', required: true },
	dateOfDeath: { key: 'dateOfDeath', label: '死亡日期', type: 'date', required: true },
	relationToDeceased: {
		key: 'relationToDeceased',
		label: '申请人与逝者关系',
		type: 'select',
		required: true,
		options: ['配偶', '子女', '父母', '兄弟姐妹', '其他亲属', '村（居）委会']
	},
	disabilityCategory: {
		key: 'disabilityCategory',
		label: '残疾类别',
		type: 'select',
		required: true,
		options: ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾', '多重残疾']
	},
	disabilityLevel: {
		key: 'disabilityLevel',
		label: '残疾等级',
		type: 'select',
		required: true,
		options: ['一级', '二级', '三级', '四级']
	},
	cardBank: {
		key: 'cardBank',
		label: '社会保障卡合作银行',
		type: 'select',
		required: true,
		options: ['中国农业银行', '中国邮政储蓄银行', '农商银行（农村信用社）', '中国工商银行', '中国建设银行', '中国银行']
	},
	mailingAddress: { key: 'mailingAddress', label: '邮寄地址（选择邮寄时填写）', type: 'text', required: false },
	serviceStart: { key: 'serviceStart', label: '入伍时间', type: 'date', required: true },
	serviceEnd: { key: 'serviceEnd', label: '退役时间', type: 'date', required: true },
	uscc: {
		key: 'uscc',
		label: '统一社会信用代码',
		type: 'text',
		required: true,
		help: '营业执照上的18位代码'
	},
	premisesAddress: { key: 'premisesAddress', label: '经营场所', type: 'text', required: true, help: '详细到村、组、门牌号' },
	retirementDate: { key: 'retirementDate', label: '退休（达到领取年龄）日期', type: 'date', required: true },
	employerName: { key: 'employerName', label: '原工作单位（灵活就业填“个人”）', type: 'text', required: true },
	landArea: {
		key: 'landArea',
		label: '承包地面积（亩）',
		type: 'number',
		required: true,
		help: '以农村土地承包经营权证或确权登记面积为准'
	},
	houseSite: { key: 'houseSite', label: '拟建房位置（四至）', type: 'textarea', required: true, help: '东至、西至、南至、北至' },
	buildingArea: { key: 'buildingArea', label: '拟建房占地面积（平方米）', type: 'number', required: true },
	buildingFloors: { key: 'buildingFloors', label: '建筑层数', type: 'select', required: true, options: ['1层', '2层', '3层'] }
} satisfies Record<string, FormFieldInput>;

/**
 * 初审 then 终审, both by the department's back-room approver at the township centre.
 * Low-risk items let the first review be skipped so one approver may sign off directly.
 */
export function reviewChain(
	departmentCode: string,
	opts: { firstSkippable?: boolean; between?: { id: string; name: string }[] } = {}
): ApprovalStepInput[] {
	return [
		{ id: 'first_review', name: '初审', departmentCode, role: 'township_approver', skippable: opts.firstSkippable ?? false },
		...(opts.between ?? []).map((s) => ({ ...s, departmentCode, role: 'township_approver' as const })),
		{ id: 'final_review', name: '终审', departmentCode, role: 'township_approver' }
	];
}

export const CERTIFICATE_DELIVERY: DeliveryMethod[] = ['station_pickup', 'grid_delivery', 'mail', 'township_window'];
export const NOTICE_DELIVERY: DeliveryMethod[] = ['station_pickup', 'grid_delivery', 'township_window'];

export function consultation(window: string): string {
	return (
		`工作日上午8:30—12:00、下午14:30—17:30（冬季14:00—17:00），可在本村便民服务站由代办员代办，` +
		`或到乡镇便民服务中心${window}办理。咨询：本村代办员、乡镇便民服务中心${window}，或拨打12345政务服务便民热线。`
	);
}

/** The usual village-proxied flow, with the item-specific middle steps in between. */
export function proxiedSteps(...middle: string[]): string[] {
	return [
		'申请人到村便民服务站（或由代办员上门）提交申请，代办员按一次性告知单核对材料',
		'乡镇便民服务中心综合窗口受理，材料不全的一次性告知补正',
		...middle,
		'办结后通过村便民服务站、网格员送达或邮寄送达结果'
	];
}

export function disabilityCard(o: MaterialOverrides = {}): MaterialInput {
	return {
		id: 'disability_card',
		name: '第二代《中华人民共和国残疾人证》',
		required: true,
		copies: 1,
		form: 'original_and_copy',
		source: 'online_verifiable',
		reviewPoints: ['残疾人证在有效期内', '残疾类别、等级与申请事项相符', '原件与复印件一致'],
		notNeededIfVerifiableOnline: true,
		...o
	};
}

/** 村级直接办结: the agent completes the item in the department's system; no township approver takes part. */
export function villageChain(departmentCode: string): ApprovalStepInput[] {
	return [{ id: 'village_complete', name: '村级办结', departmentCode, role: 'village_agent' }];
}
