import type { FormField, Material, ServiceItem } from './item.schema';

/** Two items define the same form key differently: asking it once would lose one meaning. */
export interface FormFieldConflict {
	key: string;
	itemCodes: string[];
	message: string;
}

export interface MergedForm {
	/** Each key once, in first-seen order; `required` if any item requires it. */
	fields: FormField[];
	/** Which items ask for each key, so the answer can be copied into every item's part of the case. */
	sources: Record<string, string[]>;
	conflicts: FormFieldConflict[];
}

function differences(a: FormField, b: FormField): string[] {
	const diffs: string[] = [];
	if (a.label !== b.label) diffs.push(`label "${a.label}" vs "${b.label}"`);
	if (a.type !== b.type) diffs.push(`type ${a.type} vs ${b.type}`);
	if ((a.options ?? []).join('\u0000') !== (b.options ?? []).join('\u0000')) diffs.push('different options');
	return diffs;
}

/** 一表登记: the items' form fields with a shared key asked once. Help text and `required` may differ; meaning may not. */
export function mergeFormFields(items: readonly ServiceItem[]): MergedForm {
	const fields: FormField[] = [];
	const byKey = new Map<string, { index: number; firstItem: string }>();
	const sources: Record<string, string[]> = {};
	const conflicts = new Map<string, FormFieldConflict>();

	for (const item of items) {
		for (const field of item.formFields) {
			const seen = byKey.get(field.key);
			if (!seen) {
				byKey.set(field.key, { index: fields.length, firstItem: item.code });
				fields.push({ ...field });
				sources[field.key] = [item.code];
				continue;
			}
			sources[field.key]?.push(item.code);
			const kept = fields[seen.index] as FormField;
			const diffs = differences(kept, field);
			if (diffs.length > 0) {
				const existing = conflicts.get(field.key);
				if (existing) existing.itemCodes.push(item.code);
				else
					conflicts.set(field.key, {
						key: field.key,
						itemCodes: [seen.firstItem, item.code],
						message: `form field "${field.key}" is defined differently by ${seen.firstItem} and ${item.code}: ${diffs.join('; ')}`
					});
				continue;
			}
			const help = kept.help ?? field.help;
			fields[seen.index] = { ...kept, required: kept.required || field.required, ...(help === undefined ? {} : { help }) };
		}
	}
	return { fields, sources, conflicts: [...conflicts.values()] };
}

/** One line of the one-time notification slip for a case that spans several items. */
export interface CaseMaterial {
	material: Material;
	itemCodes: string[];
}

/**
 * The materials a case needs, for the one-time notification slip (一次性告知单). A material that several
 * items ask for under the same id and name (the applicant's ID card in a bundle) is listed once, with
 * every item's review points, the strictest requirement, and a shortcut only if every item grants it.
 */
export function materialsForCase(items: readonly ServiceItem[]): CaseMaterial[] {
	const merged = new Map<string, CaseMaterial>();
	for (const item of items) {
		for (const m of item.materials) {
			const key = `${m.id}\u0000${m.name}`;
			const seen = merged.get(key);
			if (!seen) {
				merged.set(key, { material: { ...m, reviewPoints: [...m.reviewPoints] }, itemCodes: [item.code] });
				continue;
			}
			const a = seen.material;
			seen.itemCodes.push(item.code);
			seen.material = {
				...a,
				required: a.required || m.required,
				copies: Math.max(a.copies, m.copies),
				form: a.form === m.form ? a.form : 'original_and_copy',
				reviewPoints: [...new Set([...a.reviewPoints, ...m.reviewPoints])],
				replaceableByCommitment: a.replaceableByCommitment && m.replaceableByCommitment,
				notNeededIfVerifiableOnline: a.notNeededIfVerifiableOnline && m.notNeededIfVerifiableOnline
			};
		}
	}
	return [...merged.values()];
}
