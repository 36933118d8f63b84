import { z } from 'zod';

/** Organisation tree: county (县) → township (乡镇) → village (村) → grid (网格). */
export const gridSchema = z.object({
	code: z.string().regex(/^\d{12}-\d{2}$/, 'grid code is the village code, a dash and two digits'),
	name: z.string().min(1)
});
export const villageSchema = z.object({
	/** 12-digit statistical division code (统计用区划代码). */
	code: z.string().regex(/^\d{12}$/, 'village code must be 12 digits'),
	name: z.string().min(1),
	grids: z.array(gridSchema)
});
export const townshipSchema = z.object({
	code: z.string().regex(/^\d{9}$/, 'township code must be 9 digits'),
	name: z.string().min(1),
	villages: z.array(villageSchema)
});
export const countySchema = z.object({
	code: z.string().regex(/^\d{6}$/, 'county code must be 6 digits'),
	name: z.string().min(1),
	townships: z.array(townshipSchema)
});
export const departmentSchema = z.object({
	code: z.string().min(1),
	name: z.string().min(1)
});
export type Grid = z.infer<typeof gridSchema>;
export type Village = z.infer<typeof villageSchema>;
export type Township = z.infer<typeof townshipSchema>;
export type County = z.infer<typeof countySchema>;
export type Department = z.infer<typeof departmentSchema>;
