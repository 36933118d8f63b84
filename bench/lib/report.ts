/**
 * One line of the benchmark table: a figure, our value, the reference it is compared to, and
 * the ratio (ours ÷ reference, so below 1 is better for times and bytes). A figure that could
 * not be measured keeps its line with the reason, so a gap is never silent.
 */
export interface Figure {
	section: string;
	figure: string;
	ours: string;
	reference: string;
	/** ours ÷ reference; null when there is nothing to divide by. */
	ratio: number | null;
	/** How the number was obtained, caveats. */
	note?: string;
}

export interface BenchSection {
	id: string;
	title: string;
	figures: Figure[];
	/** Extra text for BENCHMARKS.md (method, what the numbers mean). */
	details: string[];
	/** Raw numbers for results.json. */
	raw: Record<string, unknown>;
}

export function skippedSection(id: string, title: string, reason: string): BenchSection {
	return {
		id,
		title,
		figures: [{ section: title, figure: '(not measured)', ours: '—', reference: '—', ratio: null, note: reason }],
		details: [`Not measured in this run: ${reason}`],
		raw: { skipped: reason }
	};
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function ratioText(ratio: number | null): string {
	return ratio === null || !Number.isFinite(ratio) ? '—' : `${ratio.toFixed(2)}×`;
}

export function markdownTable(figures: readonly Figure[]): string {
	const lines = ['| Figure | Ours | Reference | Ratio |', '|---|---|---|---|'];
	for (const f of figures) lines.push(`| ${cell(f.figure)} | ${cell(f.ours)} | ${cell(f.reference)} | ${ratioText(f.ratio)} |`);
	return lines.join('\n');
}

export function consoleTable(figures: readonly Figure[]): string {
	const rows = figures.map((f) => [f.figure, f.ours, f.reference, ratioText(f.ratio)]);
	const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length), 6));
	return rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}
