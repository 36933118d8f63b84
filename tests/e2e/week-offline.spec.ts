import { test, expect, agentReadyForOffline, goOffline, goOnline } from './support/fixtures';
import { HarnessPage } from './page-models/harness.page';
import { expectOnServerExactlyOnce } from './support/server-check';

/**
 * A station that was offline for a week: 200 cases with 3 photos each (600 small, real JPEGs)
 * made offline through the app's own code, then the link comes back. The header's progress bar
 * advances through the cases (items) and the photos (bytes), and at the end the township holds
 * every case and every photo exactly once, byte-identical, and the device has nothing left to send.
 */

const CASES = 200;
const PHOTOS = 3;
const PHOTO_BYTES = 3_000;

type Seen = { text: string; value: string | null; max: string | null };

test('a week offline: 200 cases and 600 photos catch up with a visible progress bar, nothing lost or doubled', async ({ page, context, baseURL }) => {
	test.setTimeout(240_000);
	await agentReadyForOffline(page);
	const harness = new HarnessPage(page);
	await harness.open();

	await goOffline(context);
	const made = await harness.createSubmittedCases(CASES, PHOTOS, PHOTO_BYTES);
	expect(made).toHaveLength(CASES);
	expect(new Set(made.flatMap((c) => c.photoHashes)).size).toBe(CASES * PHOTOS);
	expect(await harness.counts()).toMatchObject({ outboxPending: CASES, attachmentsPending: CASES * PHOTOS });

	// Record every state of the header's progress bar, however brief.
	await page.evaluate(() => {
		const seen: Seen[] = [];
		(window as unknown as { seenProgress: Seen[] }).seenProgress = seen;
		const record = () => {
			const box = document.querySelector('[data-testid="sync-progress"]');
			const bar = box?.querySelector('progress');
			if (!box || !bar) return;
			const entry = { text: box.textContent?.trim() ?? '', value: bar.getAttribute('value'), max: bar.getAttribute('max') };
			const last = seen.at(-1);
			if (!last || last.text !== entry.text || last.value !== entry.value) seen.push(entry);
		};
		new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
	});

	// The link comes back: the app syncs on its own (the `online` event), no button pressed.
	await goOnline(context);
	await expect
		.poll(async () => harness.counts(), { timeout: 180_000, intervals: [1_000] })
		.toMatchObject({ outboxPending: 0, attachmentsPending: 0 });
	// Photos are sent after the cases; a round may still be finishing its pull.
	await expect(page.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });

	const seen = await page.evaluate(() => (window as unknown as { seenProgress: Seen[] }).seenProgress);
	const pushes = seen.filter((s) => s.text.startsWith('发送办件'));
	const uploads = seen.filter((s) => s.text.startsWith('上传材料'));
	expect(pushes.length, 'the bar showed the cases going out').toBeGreaterThan(1);
	expect(pushes.some((s) => s.text.endsWith(`/${CASES}`))).toBe(true);
	// Bytes: the bar's value rose through many steps towards the total of all 600 photos.
	const values = uploads.map((s) => Number(s.value));
	expect(new Set(values).size, 'upload progress advanced in steps').toBeGreaterThan(10);
	expect(values.every((v, i) => i === 0 || v >= (values[i - 1] ?? 0))).toBe(true);
	expect(Number(uploads.at(-1)?.max)).toBeGreaterThanOrEqual(CASES * PHOTOS * PHOTO_BYTES);

	const counts = await harness.counts();
	expect(counts).toMatchObject({
		outboxPending: 0,
		outboxQuarantined: 0,
		attachments: CASES * PHOTOS,
		attachmentsUploaded: CASES * PHOTOS,
		attachmentsQuarantined: 0
	});
	expect(counts.cases).toBeGreaterThanOrEqual(CASES);
	await expectOnServerExactlyOnce(baseURL ?? '', made);
});
