import { z } from 'zod';
import { roleSchema } from '../roles';

/** 事项类型 */
export const itemTypeSchema = z.enum([
	'administrative_license', // 行政许可
	'administrative_confirmation', // 行政确认
	'administrative_payment', // 行政给付
	'public_service', // 公共服务
	'other_power' // 其他行政权力
]);

/** 村级办理方式 */
export const villageHandlingSchema = z.enum([
	'village_accept_township_complete', // 村级受理、乡级办结
	'village_complete', // 村级直接办结
	'township_only' // 仅乡镇受理 (not proxied at village level)
]);

/** 材料来源 */
export const materialSourceSchema = z.enum([
	'applicant', // 申请人自备
	'other_department', // 其他部门出具
	'online_verifiable' // 可网上核验
]);

export const materialSchema = z.object({
	id: z.string().regex(/^[a-z0-9_-]+$/, 'material id: lower-case letters, digits, _ and -'),
	name: z.string().min(1),
	required: z.boolean(),
	copies: z.number().int().min(1).max(20),
	form: z.enum(['original', 'copy', 'original_and_copy', 'electronic']),
	source: materialSourceSchema,
	/** 收件审核要点: what the receiver must check on this material. */
	reviewPoints: z.array(z.string().min(1)).min(1),
	/** 减证便民: may the applicant's commitment letter stand in for it? */
	replaceableByCommitment: z.boolean().default(false),
	/** 减证便民: not needed when it can be verified online. */
	notNeededIfVerifiableOnline: z.boolean().default(false),
	/** How to fill it in (sample), shown in the service guide. */
	sample: z.string().optional()
});
export type Material = z.infer<typeof materialSchema>;
/** What a catalog author writes: defaulted fields may be left out. */
export type MaterialInput = z.input<typeof materialSchema>;

/** One step of the back-room approval chain. */
export const approvalStepSchema = z.object({
	id: z.string().min(1),
	name: z.string().min(1), // e.g. 初审, 终审
	departmentCode: z.string().min(1),
	role: roleSchema,
	/** Low-risk items may skip a step (e.g. no separate first review). */
	skippable: z.boolean().default(false)
});
export type ApprovalStep = z.infer<typeof approvalStepSchema>;
export type ApprovalStepInput = z.input<typeof approvalStepSchema>;

/** A field of the applicant form, generated into the intake UI. */
export const formFieldSchema = z.object({
	key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'field key: a letter, then letters, digits or _'),
	label: z.string().min(1),
	type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'id_number', 'phone', 'checkbox']),
	required: z.boolean().default(false),
	options: z.array(z.string()).optional(),
	help: z.string().optional()
});
export type FormField = z.infer<typeof formFieldSchema>;
export type FormFieldInput = z.input<typeof formFieldSchema>;

export const deliveryMethodSchema = z.enum([
	'station_pickup', // 村便民服务站自取
	'grid_delivery', // 网格员送证上门
	'mail', // 邮寄
	'township_window' // 乡镇窗口领取
]);
export type DeliveryMethod = z.infer<typeof deliveryMethodSchema>;

export const itemResultSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('none') }),
	z.object({
		kind: z.literal('certificate'),
		certificateType: z.string().min(1), // e.g. 残疾人证
		templateId: z.string().min(1)
	}),
	z.object({ kind: z.literal('decision'), documentName: z.string().min(1) })
]);
export type ItemResult = z.infer<typeof itemResultSchema>;
export type ItemType = z.infer<typeof itemTypeSchema>;
export type VillageHandling = z.infer<typeof villageHandlingSchema>;
export type MaterialSource = z.infer<typeof materialSourceSchema>;

/** 政务服务事项 */
export const serviceItemSchema = z
	.object({
		code: z.string().regex(/^[A-Z0-9-]{4,40}$/, 'item code: 4-40 upper-case letters, digits or -'),
		mainName: z.string().min(1), // 主项名称
		subName: z.string().optional(), // 子项名称
		departmentCode: z.string().min(1),
		type: itemTypeSchema,
		legalBasis: z.string().min(1), // 设定依据
		acceptanceConditions: z.array(z.string().min(1)).min(1), // 受理条件
		statutoryLimitDays: z.number().int().min(1).max(365), // 法定时限 (working days)
		promisedLimitDays: z.number().int().min(1).max(365), // 承诺时限 (working days)
		villageHandling: villageHandlingSchema,
		proxyEligible: z.boolean(), // 可代办
		commitmentAllowed: z.boolean(), // 告知承诺制
		fee: z.object({ amountYuan: z.number().min(0), basis: z.string().optional() }),
		result: itemResultSchema,
		deliveryOptions: z.array(deliveryMethodSchema).min(1),
		approvalChain: z.array(approvalStepSchema).min(1),
		materials: z.array(materialSchema),
		formFields: z.array(formFieldSchema),
		/** Steps of the process, for the service guide (办事指南). */
		processSteps: z.array(z.string().min(1)).min(1),
		/** Where and when to apply, how to consult. */
		consultation: z.string().min(1),
		/** 跨区通办: may any station of the county accept it? */
		crossArea: z.boolean().default(false),
		keywords: z.array(z.string()).default([])
	})
	.superRefine((item, ctx) => {
		if (item.promisedLimitDays > item.statutoryLimitDays) {
			ctx.addIssue({
				code: 'custom',
				path: ['promisedLimitDays'],
				message: `promised limit (${item.promisedLimitDays}) must not exceed the statutory limit (${item.statutoryLimitDays})`
			});
		}
		const ids = new Set<string>();
		for (const [i, m] of item.materials.entries()) {
			if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'id'], message: `duplicate material id ${m.id}` });
			ids.add(m.id);
		}
		if (!item.commitmentAllowed && item.materials.some((m) => m.replaceableByCommitment)) {
			ctx.addIssue({
				code: 'custom',
				path: ['commitmentAllowed'],
				message: 'a material is replaceable by commitment but the item does not allow commitment'
			});
		}
	});
export type ServiceItem = z.infer<typeof serviceItemSchema>;
export type ServiceItemInput = z.input<typeof serviceItemSchema>;

/** 一件事: several items filed once with one merged form, approved in parallel. */
export const bundleSchema = z.object({
	code: z.string().regex(/^[A-Z0-9-]{4,40}$/),
	name: z.string().min(1),
	description: z.string().min(1),
	itemCodes: z.array(z.string()).min(2),
	promisedLimitDays: z.number().int().min(1).max(365)
});
export type Bundle = z.infer<typeof bundleSchema>;

/** A department (部门) owning items and approval steps; `code` is a short ASCII code such as `MZ`. */
export const departmentSchema = z.object({ code: z.string().min(1), name: z.string().min(1) });
export type Department = z.infer<typeof departmentSchema>;

/**
 * The items one village station publishes as the ones it handles for villagers (代办事项清单; a typical
 * station lists about 30, DOMAIN.md). The agent's item picker shows them first.
 */
export const stationListSchema = z.object({
	villageCode: z.string().regex(/^\d{12}$/, 'village code: 12 digits'),
	itemCodes: z.array(z.string().min(1)).max(500)
});
export type StationList = z.infer<typeof stationListSchema>;

/** The whole catalog as one versioned document; devices keep the version a case was started under. */
export const catalogSchema = z.object({
	version: z.number().int().min(1),
	publishedAt: z.string(),
	departments: z.array(departmentSchema),
	items: z.array(serviceItemSchema),
	bundles: z.array(bundleSchema),
	/** Documents published before station lists existed have none. */
	stationLists: z.array(stationListSchema).default([])
});
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
