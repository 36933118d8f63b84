import { uuidv7 } from 'uuidv7';
import { getDb, type SessionRecord } from './db/db';
import { getMeta, META, setMeta } from './db/meta';
import { deviceLock } from './lock/lock.svelte';
import { api } from './trpc';

const LAST_USER = 'session.lastUser';

/** Another person's work on this device has not reached the township yet: switching would lose it. */
export class UnsyncedWorkError extends Error {
	constructor(
		readonly previousUsername: string,
		readonly pending: number
	) {
		super(`${previousUsername} still has ${pending} unsynced item(s) on this device`);
		this.name = 'UnsyncedWorkError';
	}
}

/**
 * Who is logged in on this device. Kept in IndexedDB so the app opens offline; the first
 * login needs the network. A different user logging in on the same device starts from a
 * clean local database, so nobody sees another person's cases — but never while the previous
 * person's outbox still holds work the township has not received.
 */
class SessionState {
	current = $state<SessionRecord | null>(null);
	loaded = $state(false);

	async load(): Promise<void> {
		this.current = (await getDb().session.get('current')) ?? null;
		this.loaded = true;
	}

	async login(username: string, password: string, deviceName: string): Promise<SessionRecord> {
		const db = getDb();
		// The last user survives logout (the session row does not), so a different person
		// logging in next is recognised even after the previous one logged out.
		const last = await getMeta<{ userId: string; username: string; deviceId: string } | null>(db, LAST_USER, null);
		if (last && last.username !== username.trim()) {
			const unsent = await db.outbox.count();
			if (unsent > 0) throw new UnsyncedWorkError(last.username, unsent);
		}
		const res = await api.auth.login.mutate({ username, password, deviceName, deviceId: last?.deviceId });
		const record: SessionRecord = {
			key: 'current',
			user: res.user,
			deviceId: res.device.id,
			deviceTag: res.device.tag,
			loggedInAt: new Date().toISOString()
		};
		await db.transaction('rw', db.tables, async () => {
			if (last && last.userId !== res.user.id) {
				await Promise.all(db.tables.map((t) => t.clear()));
			}
			await db.session.put(record);
			await setMeta(db, LAST_USER, { userId: res.user.id, username: res.user.username, deviceId: res.device.id });
			if (!(await getMeta<string | null>(db, META.clientId, null))) await setMeta(db, META.clientId, uuidv7());
		});
		this.current = record;
		return record;
	}

	async logout(): Promise<void> {
		try {
			await api.auth.logout.mutate();
		} catch {
			// Offline: the server session expires on its own; the device forgets it now.
		}
		await this.#forget();
	}

	/**
	 * Ends every session of this user on every device (a lost phone, a shared password), then this
	 * one. Needs the network: unlike a plain logout, pretending offline would promise what did not
	 * happen, so a failure is thrown to the caller and nothing is forgotten here.
	 */
	async logoutEverywhere(): Promise<void> {
		await api.auth.logoutEverywhere.mutate();
		await this.#forget();
	}

	async #forget(): Promise<void> {
		await getDb().session.delete('current');
		// The data key leaves memory; its wrapped copy stays for this user's next login.
		deviceLock.forget();
		this.current = null;
	}
}

export const session = new SessionState();
