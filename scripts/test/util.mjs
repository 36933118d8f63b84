// Small helpers shared by scripts/test.mjs, scripts/pg-cluster.mjs and scripts/ensure-chromium.mjs.
import { accessSync, constants, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** True when `file` exists, is a regular file (or a link to one) and is executable. */
export function isExecutable(file) {
	try {
		if (!statSync(file).isFile()) return false;
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Full path of `cmd` on PATH, or null. */
export function which(cmd, path = process.env.PATH ?? '') {
	for (const dir of path.split(delimiter)) {
		if (dir && isExecutable(join(dir, cmd))) return join(dir, cmd);
	}
	return null;
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
		});
	});
}

/** Quotes one word for /bin/sh. */
export function shellQuote(word) {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${String(word).replace(/'/g, `'\\''`)}'`;
}

/** A connection URL with its password hidden, for logs. */
export function redactUrl(url) {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return '(unparseable URL)';
	}
}
