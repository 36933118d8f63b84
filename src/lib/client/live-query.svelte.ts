import { liveQuery } from 'dexie';

/**
 * A Dexie live query as a rune: re-runs when the tables it read change (also from another
 * tab or the sync engine). Call during component initialisation.
 */
export function useLiveQuery<T>(query: () => Promise<T>, initial: T): { readonly value: T; readonly error: unknown } {
	let value = $state<T>(initial);
	let error = $state<unknown>(null);
	$effect(() => {
		const sub = liveQuery(query).subscribe({
			next: (v) => {
				value = v;
				error = null;
			},
			error: (e: unknown) => (error = e)
		});
		return () => sub.unsubscribe();
	});
	return {
		get value() {
			return value;
		},
		get error() {
			return error;
		}
	};
}
