import type { Page } from '@playwright/test';
import type { HarnessCase, HarnessCounts, HarnessProgress } from '../../../src/lib/client/harness/harness';

type Harness = {
	createSubmittedCases(n: number, photosPerCase: number, photoBytes: number): Promise<HarnessCase[]>;
	syncNow(): Promise<HarnessProgress>;
	progress(): HarnessProgress;
	counts(): Promise<HarnessCounts>;
};
type WithHarness = { daibanHarness: Harness };

/** The /harness page: the app's real client code, driven from the spec (docs/SYNC.md, "Test harness"). */
export class HarnessPage {
	constructor(readonly page: Page) {}

	async open(): Promise<void> {
		await this.page.goto('/harness');
		await this.page.getByTestId('harness-ready').waitFor({ timeout: 15_000 });
	}

	createSubmittedCases(n: number, photosPerCase = 0, photoBytes = 20_000): Promise<HarnessCase[]> {
		return this.page.evaluate(
			([a, b, c]) => (window as unknown as WithHarness).daibanHarness.createSubmittedCases(a, b, c),
			[n, photosPerCase, photoBytes] as const
		);
	}

	syncNow(): Promise<HarnessProgress> {
		return this.page.evaluate(() => (window as unknown as WithHarness).daibanHarness.syncNow());
	}

	progress(): Promise<HarnessProgress> {
		return this.page.evaluate(() => (window as unknown as WithHarness).daibanHarness.progress());
	}

	counts(): Promise<HarnessCounts> {
		return this.page.evaluate(() => (window as unknown as WithHarness).daibanHarness.counts());
	}

	/** Syncs until the outbox and the photo queue are empty; bounded in rounds (faults make rounds fail). */
	async syncUntilEmpty(maxRounds: number): Promise<{ rounds: number; counts: HarnessCounts }> {
		for (let round = 1; round <= maxRounds; round++) {
			await this.syncNow();
			const counts = await this.counts();
			if (counts.outboxPending === 0 && counts.attachmentsPending === 0) return { rounds: round, counts };
		}
		throw new Error(`outbox or photos still pending after ${maxRounds} sync rounds: ${JSON.stringify(await this.counts())}`);
	}
}
