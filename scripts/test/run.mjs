// Runs one stage's command in its own process group, so a timeout or Ctrl-C can stop the whole
// tree (npm -> sh -> svelte-check, playwright -> web server, ...), not just the direct child.
import { spawn } from 'node:child_process';

/** The running stage, if any: signal handlers in scripts/test.mjs forward to it. */
let current = null;

let stopping = false;

/** Stops the running stage with `signal`; no stage starts after this. */
export function stopStages(signal) {
	stopping = true;
	signalCurrent(signal);
}

/** Sends `signal` to the running stage's process group (no-op when none runs). */
export function signalCurrent(signal) {
	if (!current?.pid) return;
	try {
		process.kill(-current.pid, signal);
	} catch {
		// already gone
	}
}

/**
 * Runs `cmd args` with inherited stdout/stderr and no stdin.
 * @returns {Promise<{ exitCode: number, timedOut: boolean }>} exitCode 124 on timeout, 127 when not runnable.
 */
export function runCommand(cmd, args, { env = process.env, cwd = process.cwd(), timeoutMs = 0 } = {}) {
	if (stopping) return Promise.resolve({ exitCode: 130, timedOut: false });
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
		current = child;
		let timedOut = false;
		let killTimer = null;
		const timer =
			timeoutMs > 0
				? setTimeout(() => {
						timedOut = true;
						console.error(`\n[test] ${cmd} ${args.join(' ')}: no result after ${Math.round(timeoutMs / 1000)}s, stopping it`);
						signalCurrent('SIGTERM');
						killTimer = setTimeout(() => signalCurrent('SIGKILL'), 10_000);
					}, timeoutMs)
				: null;
		let settled = false;
		const done = (exitCode) => {
			if (settled) return;
			settled = true;
			if (timer) clearTimeout(timer);
			if (killTimer) clearTimeout(killTimer);
			if (current === child) current = null;
			// Nothing of a finished stage may linger (a server holding a port or a data dir).
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// the group is already empty
			}
			resolve({ exitCode: timedOut ? 124 : exitCode, timedOut });
		};
		child.on('error', (error) => {
			console.error(`[test] cannot run ${cmd}: ${error.message}`);
			done(127);
		});
		child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
	});
}
