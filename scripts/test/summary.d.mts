// Types for summary.mjs (plain JS so that `node scripts/test.mjs` needs no TypeScript loader).
export interface Counts {
	passed: number;
	failed: number;
	skipped: number;
	notes: string[];
}
export interface StageResult extends Counts {
	status: 'passed' | 'failed';
}
export interface Totals {
	passed: number;
	failed: number;
	skipped: number;
}
export function readReport(file: string): unknown;
export function countVitest(report: Record<string, unknown>): Counts;
export function countPlaywright(report: Record<string, unknown>): Counts;
export function settleStage(input: { exitCode: number; counts?: Counts | null; counted?: boolean }): StageResult;
export function totals(stages: Totals[]): Totals;
export function summaryLine(totals: Totals): string;
