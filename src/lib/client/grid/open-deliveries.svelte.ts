import { liveQuery } from 'dexie';
import { getDb, type LocalDelivery } from '../db/db';
import { LockError } from '../lock/lock-error';
import { deliveryRecords, openDelivery, type OpenDelivery, type RecordWithState } from './delivery-store';

/**
 * The grid worker's deliveries, decrypted, as runes that follow the database (sync, other tabs).
 * Decryption runs outside the live query: WebCrypto promises are not Dexie's.
 * Call during component initialisation.
 */
export function useDeliveries(filter: () => string | null = () => null) {
	let raw = $state<LocalDelivery[] | null>(null);
	let opened = $state<OpenDelivery[]>([]);
	let records = $state<RecordWithState[]>([]);
	let locked = $state(false);
	let error = $state<string | null>(null);
	let loaded = $state(false);

	$effect(() => {
		const only = filter();
		const sub = liveQuery(() => (only ? getDb().deliveries.where('caseId').equals(only).toArray() : getDb().deliveries.toArray())).subscribe({
			next: (rows) => (raw = rows),
			error: (e: unknown) => (error = e instanceof Error ? e.message : String(e))
		});
		const subRecords = liveQuery(() => deliveryRecords(getDb())).subscribe({
			next: (r) => (records = only ? r.filter((x) => x.caseId === only) : r)
		});
		return () => {
			sub.unsubscribe();
			subRecords.unsubscribe();
		};
	});

	$effect(() => {
		const rows = raw;
		if (rows === null) return;
		let live = true;
		Promise.all(rows.map(openDelivery)).then(
			(list) => {
				if (!live) return;
				opened = list;
				locked = false;
				loaded = true;
			},
			(e: unknown) => {
				if (!live) return;
				if (e instanceof LockError && e.code === 'LOCKED') locked = true;
				else error = e instanceof Error ? e.message : String(e);
				loaded = true;
			}
		);
		return () => {
			live = false;
		};
	});

	return {
		get list() {
			return opened;
		},
		get records() {
			return records;
		},
		get locked() {
			return locked;
		},
		get error() {
			return error;
		},
		get loaded() {
			return loaded;
		}
	};
}
