import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync, unlinkSync, constants } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no cross-process lock: two processes on one folder corrupt it (TOOLCHAIN
 * pitfall 9). We take an exclusive lock file holding our pid; a stale lock whose process
 * is gone is taken over, a live one makes start-up fail with a clear message.
 */
export class DataDirLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holderPid: number
	) {
		super(
			`DATA_DIR ${dataDir} is in use by another Daiban server (pid ${holderPid}). ` +
				'Stop that server or choose another DATA_DIR.'
		);
		this.name = 'DataDirLockedError';
	}
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM means it exists but belongs to someone else: still alive.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export interface DataDirLock {
	release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
	mkdirSync(dataDir, { recursive: true });
	const lockPath = join(dataDir, 'daiban.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
			writeFileSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			return {
				release() {
					if (released) return;
					released = true;
					try {
						if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(lockPath);
					} catch {
						// Already gone: nothing to release.
					}
				}
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const holder = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
			if (Number.isFinite(holder) && holder !== process.pid && processIsAlive(holder)) {
				throw new DataDirLockedError(dataDir, holder);
			}
			// Stale lock from a crashed server (e.g. SIGKILL): remove it and try once more.
			unlinkSync(lockPath);
		}
	}
	throw new Error(`could not lock DATA_DIR ${dataDir}`);
}
