import { tick } from 'svelte';
import { fieldId } from '$lib/client/catalog-admin';

/** Moves an entry one place up (-1) or down (+1); the list is returned new, the old one left as it was. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
	const to = index + by;
	if (to < 0 || to >= list.length) return [...list];
	const next = [...list];
	const [entry] = next.splice(index, 1);
	if (entry !== undefined) next.splice(to, 0, entry);
	return next;
}

/** After an entry is added, moved or removed, keyboard focus goes to where the user will continue. */
export async function focusField(path: string): Promise<void> {
	await tick();
	document.getElementById(fieldId(path))?.focus();
}
