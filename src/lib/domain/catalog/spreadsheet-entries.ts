import type { ApprovalStep, ApprovalStepInput, FormField, FormFieldInput, Material, MaterialInput } from './item.schema';
import { escapeValue, joinFields, joinList, splitFields, splitList, unescapeValue } from './spreadsheet-cells';
import {
	COMMITMENT_FLAG,
	fieldTypeLabels,
	materialFormLabels,
	materialSourceLabels,
	NO,
	ONLINE_FLAG,
	OPTIONAL_FIELD,
	OPTIONAL_MATERIAL,
	REQUIRED_FIELD,
	REQUIRED_MATERIAL,
	roleLabels,
	SKIPPABLE,
	YES
} from './spreadsheet-labels';

/*
 * One line of a multi-entry cell, fields separated by "|":
 *   申请材料: 编号|名称|必要/非必要|份数|原件/复印件/原件及复印件/电子件|申请人自备/其他部门出具/可网上核验|审核要点（；分隔）|减证便民（可承诺替代；可网上核验免提交）|填写样例
 *   审批环节: 编号|环节名称|部门编码或名称|角色（后台审批、村级代办员…）|可跳过
 *   表单字段: 字段键|标签|类型（文本、数字、下拉选择…）|必填/选填|选项（；分隔）|填写说明
 * Trailing empty fields may be left out.
 */

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
const field = (value: string): string => escapeValue(value, 'field');

export function encodeMaterial(m: Material): string {
	const flags = [...(m.replaceableByCommitment ? [COMMITMENT_FLAG] : []), ...(m.notNeededIfVerifiableOnline ? [ONLINE_FLAG] : [])];
	return joinFields([
		field(m.id),
		field(m.name),
		m.required ? REQUIRED_MATERIAL : OPTIONAL_MATERIAL,
		String(m.copies),
		materialFormLabels.label(m.form),
		materialSourceLabels.label(m.source),
		joinList(m.reviewPoints, 'sub'),
		joinList(flags, 'sub'),
		field(m.sample ?? '')
	]);
}

export function decodeMaterial(entry: string): Decoded<MaterialInput> {
	const f = splitFields(entry);
	if (f.length < 7 || f.length > 9) return fail(`应有7至9个以“|”分隔的字段，实有${f.length}个`);
	const [id = '', name = '', required = '', copies = '', form = '', source = '', points = '', flagCell = '', sample = ''] = f;
	if (required !== REQUIRED_MATERIAL && required !== OPTIONAL_MATERIAL) return fail(`必要性应为“${REQUIRED_MATERIAL}”或“${OPTIONAL_MATERIAL}”，实为“${required}”`);
	if (!/^\d+$/.test(copies)) return fail(`份数应为正整数，实为“${copies}”`);
	const formValue = materialFormLabels.parse(form);
	if (!formValue) return fail(`材料形式应为${materialFormLabels.names.join('、')}之一，实为“${form}”`);
	const sourceValue = materialSourceLabels.parse(source);
	if (!sourceValue) return fail(`材料来源应为${materialSourceLabels.names.join('、')}之一，实为“${source}”`);
	const flags = splitList(flagCell);
	const unknown = flags.filter((x) => x !== COMMITMENT_FLAG && x !== ONLINE_FLAG);
	if (unknown.length > 0) return fail(`减证便民只能填“${COMMITMENT_FLAG}”“${ONLINE_FLAG}”，实为“${unknown.join('；')}”`);
	const sampleText = unescapeValue(sample);
	return {
		ok: true,
		value: {
			id: unescapeValue(id),
			name: unescapeValue(name),
			required: required === REQUIRED_MATERIAL,
			copies: Number(copies),
			form: formValue,
			source: sourceValue,
			reviewPoints: splitList(points),
			replaceableByCommitment: flags.includes(COMMITMENT_FLAG),
			notNeededIfVerifiableOnline: flags.includes(ONLINE_FLAG),
			...(sampleText ? { sample: sampleText } : {})
		}
	};
}

export function encodeStep(s: ApprovalStep): string {
	return joinFields([field(s.id), field(s.name), field(s.departmentCode), roleLabels.label(s.role), s.skippable ? SKIPPABLE : '']);
}

/** `resolveDepartment` accepts a department code or name and returns the code. */
export function decodeStep(entry: string, resolveDepartment: (s: string) => string | undefined): Decoded<ApprovalStepInput> {
	const f = splitFields(entry);
	if (f.length < 4 || f.length > 5) return fail(`应有4至5个以“|”分隔的字段，实有${f.length}个`);
	const [id = '', name = '', dept = '', role = '', skip = ''] = f;
	const departmentCode = resolveDepartment(unescapeValue(dept));
	if (!departmentCode) return fail(`部门“${unescapeValue(dept)}”不存在`);
	const roleValue = roleLabels.parse(role);
	if (!roleValue) return fail(`角色应为${roleLabels.names.join('、')}之一，实为“${role}”`);
	if (![SKIPPABLE, YES, NO, ''].includes(skip)) return fail(`最后一个字段应为“${SKIPPABLE}”或留空，实为“${skip}”`);
	return {
		ok: true,
		value: { id: unescapeValue(id), name: unescapeValue(name), departmentCode, role: roleValue, skippable: skip === SKIPPABLE || skip === YES }
	};
}

export function encodeFormField(ff: FormField): string {
	return joinFields([
		field(ff.key),
		field(ff.label),
		fieldTypeLabels.label(ff.type),
		ff.required ? REQUIRED_FIELD : OPTIONAL_FIELD,
		joinList(ff.options ?? [], 'sub'),
		field(ff.help ?? '')
	]);
}

export function decodeFormField(entry: string): Decoded<FormFieldInput> {
	const f = splitFields(entry);
	if (f.length < 4 || f.length > 6) return fail(`应有4至6个以“|”分隔的字段，实有${f.length}个`);
	const [key = '', label = '', type = '', required = '', options = '', help = ''] = f;
	const typeValue = fieldTypeLabels.parse(type);
	if (!typeValue) return fail(`字段类型应为${fieldTypeLabels.names.join('、')}之一，实为“${type}”`);
	if (required !== REQUIRED_FIELD && required !== OPTIONAL_FIELD) return fail(`应为“${REQUIRED_FIELD}”或“${OPTIONAL_FIELD}”，实为“${required}”`);
	const optionList = splitList(options);
	const helpText = unescapeValue(help);
	return {
		ok: true,
		value: {
			key: unescapeValue(key),
			label: unescapeValue(label),
			type: typeValue,
			required: required === REQUIRED_FIELD,
			...(optionList.length > 0 ? { options: optionList } : {}),
			...(helpText ? { help: helpText } : {})
		}
	};
}
