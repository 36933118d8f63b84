import { startServer, type ServerProcess } from '../../tests/fixtures/spawn-server';

/** How long a server may take to start: the machine may be loaded (7 helpers share 2 cores). */
const START_TIMEOUT_MS = 120_000;

/** Starts the real server process (node --import tsx server/src/main.ts) and waits for its ready line. */
export async function startBenchServer(env: Record<string, string | undefined>): Promise<ServerProcess & { url: string }> {
	const outcome = await startServer({ LOG_LEVEL: 'warn', ...env }, START_TIMEOUT_MS);
	if (outcome.kind !== 'ready') throw new Error(`the server exited (${JSON.stringify(outcome.exit)}) instead of starting:\n${outcome.server.output()}`);
	return Object.assign(outcome.server, { url: outcome.url });
}
