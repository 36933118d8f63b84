import { uuidv7 } from 'uuidv7';
import { getDb, type SessionRecord } from './db/db';
import { getMeta, META, setMeta } from './db/meta';
import { api } from './trpc';

/**
 * Who is logged in on this device. Kept in IndexedDB so the app opens offline; the first
 * login needs the network. A different user logging in on the same device starts from a
 * clean local database, so nobody sees another person's cases.
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
		const previous = await db.session.get('current');
		const res = await api.auth.login.mutate({ username, password, deviceName, deviceId: previous?.deviceId });
		const record: SessionRecord = {
			key: 'current',
			user: res.user,
			deviceId: res.device.id,
			deviceTag: res.device.tag,
			loggedInAt: new Date().toISOString()
		};
		await db.transaction('rw', db.tables, async () => {
			if (previous && previous.user.id !== res.user.id) {
				await Promise.all(db.tables.map((t) => t.clear()));
			}
			await db.session.put(record);
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
		await getDb().session.delete('current');
		this.current = null;
	}
}

export const session = new SessionState();
