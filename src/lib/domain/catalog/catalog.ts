import { DomainError } from '../errors';
import { mergeFormFields, type MergedForm } from './form-merge';
import type { Bundle, Catalog, ServiceItem } from './item.schema';

export { materialsForCase, mergeFormFields, type CaseMaterial, type FormFieldConflict, type MergedForm } from './form-merge';
export { validateCatalog, formatPath, type CatalogProblem, type CatalogValidation } from './catalog-validation';

export function findItem(catalog: Pick<Catalog, 'items'>, code: string): ServiceItem | undefined {
	return catalog.items.find((i) => i.code === code);
}

export function findBundle(catalog: Pick<Catalog, 'bundles'>, code: string): Bundle | undefined {
	return catalog.bundles.find((b) => b.code === code);
}

export function departmentName(catalog: Pick<Catalog, 'departments'>, code: string): string | undefined {
	return catalog.departments.find((d) => d.code === code)?.name;
}

/**
 * The bundle's items in the bundle's order. A missing item is an error, not a silent omission: filing a
 * bundle without one of its items would break the "one thing, done once" promise.
 */
export function itemsOfBundle(catalog: Pick<Catalog, 'items'>, bundle: Pick<Bundle, 'code' | 'itemCodes'>): ServiceItem[] {
	return bundle.itemCodes.map((code) => {
		const item = findItem(catalog, code);
		if (!item) throw new DomainError('NOT_FOUND', `bundle ${bundle.code} refers to unknown item ${code}`, { bundleCode: bundle.code, itemCode: code });
		return item;
	});
}

/** 一表登记 for a bundle: see mergeFormFields. A validated catalog has no conflicts. */
export function mergedBundleForm(catalog: Pick<Catalog, 'items'>, bundle: Pick<Bundle, 'code' | 'itemCodes'>): MergedForm {
	return mergeFormFields(itemsOfBundle(catalog, bundle));
}
