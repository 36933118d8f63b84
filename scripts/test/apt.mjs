// Installing a Debian package when a tool the tests need is missing: only as root, only where
// apt-get exists (a fresh Debian CI machine). Everywhere else the caller explains what to install.
import { spawnSync } from 'node:child_process';
import { isRoot, which } from './util.mjs';

let updated = false;

/** True when this process can install Debian packages itself. */
export function canAptInstall() {
	return process.platform === 'linux' && isRoot() && which('apt-get') !== null;
}

/** Installs `packages` with apt-get (running `apt-get update` once per process). Throws on failure. */
export function aptInstall(packages, why) {
	console.log(`\n[apt] ${why}: installing ${packages.join(' ')} with apt-get (we are root on Debian)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (args) => {
		const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
		if (r.status !== 0) {
			throw new Error(`apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
		}
	};
	if (!updated) {
		run(['update']);
		updated = true;
	}
	run(['install', '-y', ...packages]);
	console.log(`[apt] installed ${packages.join(' ')}\n`);
}
