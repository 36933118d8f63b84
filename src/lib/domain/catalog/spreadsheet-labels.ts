import { labels } from './spreadsheet-cells';

/** The Chinese words counties use in published item lists; import also accepts the English codes. */

export const itemTypeLabels = labels({
	administrative_license: '行政许可',
	administrative_confirmation: '行政确认',
	administrative_payment: '行政给付',
	public_service: '公共服务',
	other_power: '其他行政权力'
});

export const handlingLabels = labels({
	village_accept_township_complete: '村级受理、乡级办结',
	village_complete: '村级直接办结',
	township_only: '仅乡镇受理'
});

export const deliveryLabels = labels({
	station_pickup: '村便民服务站自取',
	grid_delivery: '网格员送证上门',
	mail: '邮寄',
	township_window: '乡镇窗口领取'
});

export const resultKindLabels = labels({ none: '无', certificate: '证照', decision: '决定文书' });

export const materialFormLabels = labels({
	original: '原件',
	copy: '复印件',
	original_and_copy: '原件及复印件',
	electronic: '电子件'
});

export const materialSourceLabels = labels({
	applicant: '申请人自备',
	other_department: '其他部门出具',
	online_verifiable: '可网上核验'
});

export const fieldTypeLabels = labels({
	text: '文本',
	textarea: '多行文本',
	number: '数字',
	date: '日期',
	select: '下拉选择',
	id_number: '身份证号',
	phone: '手机号',
	checkbox: '勾选'
});

export const roleLabels = labels({
	village_agent: '村级代办员',
	township_intake: '前台受理',
	township_approver: '后台审批',
	township_issuer: '综合出证',
	grid_worker: '网格员',
	supervisor: '中心负责人',
	it_admin: '系统管理员'
});

export const YES = '是';
export const NO = '否';
export const REQUIRED_MATERIAL = '必要';
export const OPTIONAL_MATERIAL = '非必要';
export const REQUIRED_FIELD = '必填';
export const OPTIONAL_FIELD = '选填';
export const SKIPPABLE = '可跳过';
export const COMMITMENT_FLAG = '可承诺替代';
export const ONLINE_FLAG = '可网上核验免提交';
