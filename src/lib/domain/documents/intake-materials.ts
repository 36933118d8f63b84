import type { CaseIntake, MaterialIntake } from '../case/case.schema';
import type { Material, ServiceItem } from '../catalog/item.schema';

/** Where one material stands at intake, as the documents report it. */
export type MaterialStatus =
	| 'received'
	| 'replaced_by_commitment'
	| 'verify_online'
	| 'missing'
	| 'optional_not_provided';

/** One (item, material) pair with what the agent recorded for it. */
export interface ItemMaterial {
	readonly item: ServiceItem;
	readonly material: Material;
	readonly record: MaterialIntake | undefined;
	readonly status: MaterialStatus;
}

/**
 * One printed material line. In a bundle (一件事) the same paper often serves several items
 * (the applicant's ID card, the household register), so lines are merged by material name
 * and name every item they serve: the applicant is asked for it once.
 */
export interface MaterialLine {
	readonly name: string;
	readonly items: readonly ServiceItem[];
	readonly required: boolean;
	/** The most any merged item asks for. */
	readonly copies: number;
	readonly forms: readonly Material['form'][];
	readonly status: MaterialStatus;
	readonly perItem: readonly ItemMaterial[];
	/** Review points of all merged items, in catalog order, without repeats. */
	readonly reviewPoints: readonly { readonly point: string; readonly checked: boolean }[];
	readonly attachmentCount: number;
}

export function materialStatus(item: ServiceItem, material: Material, record: MaterialIntake | undefined): MaterialStatus {
	if (record?.received) return 'received';
	// A commitment only stands in for a material the catalog says it may replace. If the record
	// claims otherwise the documents must not print a letter the law does not allow: the
	// material is still owed.
	if (record?.replacedByCommitment && item.commitmentAllowed && material.replaceableByCommitment) {
		return 'replaced_by_commitment';
	}
	if (material.notNeededIfVerifiableOnline) return 'verify_online';
	return material.required ? 'missing' : 'optional_not_provided';
}

/**
 * When merged items disagree. Merging by name means one paper: once it is in the agent's hands
 * it serves every item on the line, however the intake UI recorded it (once, or per item).
 * Otherwise the line shows what still asks something of someone: a paper owed by any item is
 * owed, even if another item would verify it online or accept a commitment for it.
 */
const STATUS_PRECEDENCE: readonly MaterialStatus[] = [
	'received',
	'missing',
	'replaced_by_commitment',
	'verify_online',
	'optional_not_provided'
];

function mergedStatus(statuses: readonly MaterialStatus[]): MaterialStatus {
	for (const s of STATUS_PRECEDENCE) if (statuses.includes(s)) return s;
	return 'optional_not_provided';
}

export function resolveMaterialLines(intake: CaseIntake, items: readonly ServiceItem[]): MaterialLine[] {
	const groups = new Map<string, ItemMaterial[]>();
	for (const item of items) {
		for (const material of item.materials) {
			const record = intake.materials.find((m) => m.itemCode === item.code && m.materialId === material.id);
			const entry: ItemMaterial = { item, material, record, status: materialStatus(item, material, record) };
			const key = material.name.trim();
			const group = groups.get(key);
			if (group) group.push(entry);
			else groups.set(key, [entry]);
		}
	}

	return [...groups.entries()].map(([name, perItem]) => {
		const points: string[] = [];
		for (const e of perItem) for (const p of e.material.reviewPoints) if (!points.includes(p)) points.push(p);
		return {
			name,
			items: [...new Set(perItem.map((e) => e.item))],
			required: perItem.some((e) => e.material.required),
			copies: Math.max(...perItem.map((e) => e.material.copies)),
			forms: [...new Set(perItem.map((e) => e.material.form))],
			status: mergedStatus(perItem.map((e) => e.status)),
			perItem,
			// One paper, one check: a point ticked on any item's record was checked on it.
			reviewPoints: points.map((point) => ({
				point,
				checked: perItem.some((e) => e.record?.checkedPoints.includes(point) ?? false)
			})),
			attachmentCount: new Set(perItem.flatMap((e) => e.record?.attachmentHashes ?? [])).size
		};
	});
}
