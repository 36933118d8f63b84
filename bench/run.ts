/**
 * `npm run bench` (full) and `npm run bench -- --quick` (CI): measures Daiban on this machine and
 * writes docs/BENCHMARKS.md and .tmp/bench/results.json. A benchmark never fails on a number;
 * the run fails (exit 1) only when a benchmark breaks (an error, a lost case).
 *
 *   npm run bench -- --quick                 # small sizes, 3G only, ~3 minutes on 2 cores
 *   npm run bench -- --only=back-office,app  # some sections
 *   npm run bench -- --cases=200 --photos=3 --photo-kb=40   # the rural sync's data
 *   npm run bench -- --no-write              # print only
 *   npm run bench -- --render                # rewrite the report from the saved raw numbers
 *   npm run bench -- --quick --doc=docs/BENCHMARKS.md   # where the report goes
 *
 * The full run writes docs/BENCHMARKS.md and the plans in docs/bench/; a quick run writes them
 * under .tmp/bench/ so CI never overwrites the full run's numbers with its small ones.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arch, cpus, loadavg, totalmem, release } from 'node:os';
import { openBenchPostgres, type BenchPostgres } from './lib/pg';
import { consoleTable, skippedSection, type BenchSection } from './lib/report';
import { renderBenchmarksDoc } from './lib/doc';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECTION_IDS = ['rural-sync', 'capacity', 'back-office', 'app'] as const;
type SectionId = (typeof SECTION_IDS)[number];

export interface RunOptions {
	quick: boolean;
	only: Set<SectionId>;
	write: boolean;
	/** Where BENCHMARKS.md and the plans go. */
	docPath: string;
	/** Raw numbers (a quick run keeps its own file, so it never replaces a full run's). */
	resultsPath: string;
	plansDir: string;
	cases: number;
	photosPerCase: number;
	photoBytes: number;
}

function parseArgs(argv: string[]): RunOptions {
	const quick = argv.includes('--quick');
	const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	const number = (name: string, fallback: number) => {
		const raw = value(name);
		if (raw === undefined) return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${raw}"`);
		return n;
	};
	const onlyRaw = value('only');
	const only = new Set<SectionId>();
	for (const id of (onlyRaw ?? SECTION_IDS.join(',')).split(',').filter(Boolean)) {
		if (!(SECTION_IDS as readonly string[]).includes(id)) throw new Error(`unknown section "${id}"; sections: ${SECTION_IDS.join(', ')}`);
		only.add(id as SectionId);
	}
	return {
		quick,
		only,
		write: !argv.includes('--no-write'),
		docPath: join(ROOT, value('doc') ?? (quick ? '.tmp/bench/BENCHMARKS.md' : 'docs/BENCHMARKS.md')),
		resultsPath: join(ROOT, quick ? '.tmp/bench/results-quick.json' : '.tmp/bench/results.json'),
		plansDir: join(ROOT, quick ? '.tmp/bench/plans' : 'docs/bench'),
		cases: number('cases', quick ? 5 : 200),
		photosPerCase: number('photos', quick ? 1 : 3),
		photoBytes: number('photo-kb', 40) * 1024
	};
}

function machine(): string {
	const cpu = cpus();
	return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()} ${arch()}, Node ${process.version}`;
}

function writeReport(docPath: string, results: Omit<Parameters<typeof renderBenchmarksDoc>[0], 'findings'>) {
	const findingsPath = join(ROOT, 'docs', 'bench', 'findings.md');
	const findings = existsSync(findingsPath) ? readFileSync(findingsPath, 'utf8') : undefined;
	writeFileSync(docPath, renderBenchmarksDoc({ ...results, findings }));
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (process.argv.includes('--render')) {
		const saved = JSON.parse(readFileSync(options.resultsPath, 'utf8')) as Parameters<typeof writeReport>[1];
		writeReport(options.docPath, saved);
		console.log(`[bench] wrote ${options.docPath} from ${options.resultsPath}`);
		return;
	}
	const log = (msg: string) => console.log(msg);
	const started = new Date();
	// Other work on the machine skews every figure: the load is part of the record.
	const loadAtStart = loadavg()[0] ?? 0;
	const t0 = performance.now();
	const sections: BenchSection[] = [];
	const failures: string[] = [];
	let pgh: BenchPostgres | { unavailable: string } | undefined;
	const postgres = async () => (pgh ??= await openBenchPostgres(log));

	const run = async (id: SectionId, title: string, fn: () => Promise<BenchSection | BenchSection[]>) => {
		if (!options.only.has(id)) return;
		log(`\n[bench] ${title}`);
		const s0 = performance.now();
		try {
			const result = await fn();
			sections.push(...(Array.isArray(result) ? result : [result]));
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			console.error(`[bench] ${id} BROKE: ${message}`);
			failures.push(`${id}: ${message.split('\n')[0]}`);
			sections.push(skippedSection(id, title, `the benchmark broke: ${message.split('\n')[0]}`));
		}
		log(`[bench] ${id} took ${((performance.now() - s0) / 1000).toFixed(1)} s`);
	};

	try {
		await run('rural-sync', 'Sync over a rural link (Chromium, app code) and the PouchDB peer', async () => {
			const { runRuralSync } = await import('./rural-sync');
			return runRuralSync({ ...options, root: ROOT, log });
		});
		await run('capacity', 'Server capacity: simulated devices pushing and pulling', async () => {
			const { runCapacity } = await import('./capacity');
			return runCapacity({ quick: options.quick, postgres, log });
		});
		await run('back-office', 'Back office at county scale (PostgreSQL)', async () => {
			const p = await postgres();
			if ('unavailable' in p) return skippedSection('back-office', 'Back office at county scale', `no PostgreSQL: ${p.unavailable}`);
			const { runBackOffice } = await import('./back-office');
			return runBackOffice(p, {
				cases: options.quick ? 20_000 : 1_000_000,
				repetitions: options.quick ? 30 : 200,
				docsDir: options.plansDir,
				log
			});
		});
		await run('app', 'App weight and start (Chromium)', async () => {
			const { runAppStart } = await import('./app-start');
			return runAppStart({ quick: options.quick, root: ROOT, log });
		});
	} finally {
		if (pgh && !('unavailable' in pgh)) pgh.stop();
	}

	const figures = sections.flatMap((s) => s.figures);
	log(`\n${'='.repeat(78)}\nDaiban benchmarks (${options.quick ? 'quick' : 'full'}) on ${machine()}\n${'='.repeat(78)}`);
	log(consoleTable(figures));
	const results = {
		mode: options.quick ? 'quick' : 'full',
		startedAt: started.toISOString(),
		seconds: Math.round((performance.now() - t0) / 1000),
		machine: machine(),
		load: `load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (1-minute, ${cpus().length} cores)`,
		options: { ...options, only: [...options.only] },
		sections,
		failures
	};
	mkdirSync(join(ROOT, '.tmp', 'bench'), { recursive: true });
	writeFileSync(options.resultsPath, `${JSON.stringify(results, null, 2)}\n`);
	if (options.write) {
		writeReport(options.docPath, results);
		log(`[bench] wrote ${options.docPath} and ${options.resultsPath} in ${results.seconds} s`);
	}
	if (failures.length) {
		console.error(`[bench] ${failures.length} benchmark(s) broke:\n  ${failures.join('\n  ')}`);
		process.exitCode = 1;
	}
}

await main();
