import { markdownTable, type BenchSection } from './report';

/** How to reproduce each section's numbers (kept beside the renderer so the doc never drifts). */
const REPRODUCE: Record<string, string> = {
	'rural-sync':
		'`npm run build && npm run bench -- --only=rural-sync` with the sizes of the run (see the top). ' +
		'The bench starts the real server (PGlite, demo seed, `DAIBAN_TEST_HARNESS=1`) and its throttling proxy ' +
		'(bench/throttle-proxy.ts) in front of it, opens `/harness` through the proxy in headless Chromium, creates the cases ' +
		'with the app’s own intake code and syncs with the app’s own engine (Dexie outbox, tus uploads). The peer: ' +
		'pouchdb-server (in-memory) behind its own proxy with the same profile; pouchdb-browser in the same Chromium ' +
		'replicates the same documents with the same photos as attachments.',
	'rural-sync-peer': 'Part of the rural sync run above (`--only=rural-sync`).',
	capacity:
		'`npm run bench -- --only=capacity` (PostgreSQL from `DAIBAN_TEST_PG_URL`/`DATABASE_URL`, else a throwaway cluster as ' +
		'`scripts/pg-cluster.mjs` makes). One village and one agent per device are added to the database before the ' +
		'server starts; each simulated device (tests/fixtures/sync-sim.ts: the app’s sync engine and Dexie on ' +
		'fake-indexeddb) logs in, takes its cases offline, and then all devices sync at once.',
	'back-office':
		'`npm run bench -- --only=back-office` (needs PostgreSQL as above). Plans are rewritten into docs/bench/*.txt.',
	app: '`npm run build && npm run bench -- --only=app`.'
};

export interface RenderInput {
	mode: string;
	startedAt: string;
	seconds: number;
	machine: string;
	load: string;
	sections: BenchSection[];
	failures: string[];
	options?: { quick: boolean; cases: number; photosPerCase: number; photoBytes: number };
	/** Hand-written reading of the numbers (docs/bench/findings.md), kept across runs. */
	findings?: string;
}

export function renderBenchmarksDoc(results: RenderInput): string {
	const out: string[] = [];
	out.push('# Benchmarks');
	out.push('');
	out.push(
		'Written by `npm run bench` (bench/run.ts; issue #9). Benchmarks never fail on a number: the run fails only when a ' +
			'benchmark breaks. `npm run bench -- --quick` runs in `npm test` (stage `bench`) to keep them working; its sizes are ' +
			'small, so read the full run’s numbers for decisions. Ratios are ours ÷ reference: below 1.00× is better than the ' +
			'reference for times and bytes.'
	);
	out.push('');
	out.push(`- Run: **${results.mode}** mode, started ${results.startedAt}, ${results.seconds} s.`);
	out.push(`- Machine: ${results.machine}. Two cores are shared by the server, the database, the browser and the bench itself.`);
	out.push(`- Load: ${results.load}. A load above the core count means other work competed for the CPU: compare ratios, not absolute times.`);
	if (results.options) {
		const o = results.options;
		const args = [o.quick ? '--quick' : '', `--cases=${o.cases}`, `--photos=${o.photosPerCase}`, `--photo-kb=${o.photoBytes / 1024}`].filter(Boolean);
		out.push(`- This run: \`npm run build && npm run bench -- ${args.join(' ')}\` (defaults: 200 cases × 3 photos × 40 KiB; quick: 5 × 1 × 40 KiB).`);
	}
	if (results.failures.length) out.push(`- Broken in this run: ${results.failures.join('; ')}.`);
	out.push('');
	if (results.findings) out.push('## Findings', '', results.findings.trim(), '');
	out.push('## All figures');
	out.push('');
	for (const s of results.sections) {
		out.push(`### ${s.title}`);
		out.push('');
		out.push(markdownTable(s.figures));
		out.push('');
		const notes = s.figures.filter((f) => f.note).map((f) => `- *${f.figure}*: ${f.note}`);
		if (notes.length) out.push(...notes, '');
		for (const d of s.details) out.push(d, '');
		const how = REPRODUCE[s.id];
		if (how) out.push(`**Reproduce:** ${how}`, '');
	}
	return `${out.join('\n').trimEnd()}\n`;
}
