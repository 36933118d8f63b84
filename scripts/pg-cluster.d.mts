// Types of pg-cluster.mjs for the TypeScript that reuses it (the benchmarks).
export interface Cluster {
	url: string;
	port: number;
	dir: string;
	stop: () => void;
}
export function findPgBinDir(env?: NodeJS.ProcessEnv): string | null;
export function ensurePgBinDir(options?: { env?: NodeJS.ProcessEnv; install?: boolean }): { binDir: string } | { binDir: null; reason: string };
export function startCluster(options: { binDir: string; log?: (msg: string) => void }): Promise<Cluster>;
