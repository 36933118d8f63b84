import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startThrottleProxy, type ThrottleProxy } from './throttle-proxy';
import { PROFILES, SETUP_LINK, type LinkProfile, type ProfileId } from './link/profiles';
import { physicalLimitMs } from './link/physical-limit';
import { resentBytes } from './link/resent-bytes';
import { startPouchPeer } from './peer/pouch-peer';
import { startBenchServer } from './lib/server';
import { CHROMIUM_ARGS, chromiumPath } from './lib/browser';
import type { BenchSection, Figure } from './lib/report';
import { kib, ms } from './lib/stats';

/**
 * Sync over a rural link. The village agent's day of work (n cases, p photos each) is made on
 * the device by the app's own code (the /harness page: createDraft, storePhoto, submitDraft) while
 * offline; then the link comes back, throttled by our proxy, and the app's own scheduler and sync
 * engine send it (push, tus uploads, pull) until nothing is left. The proxy counts the bytes.
 * The same shape of data then goes from PouchDB in the same browser to pouchdb-server through
 * the same kind of link. Last, a resumed upload: the link is cut in the middle of a photo, and
 * the bytes sent twice are counted from the HTTP requests the proxy saw.
 */

export interface RuralSyncOptions {
	quick: boolean;
	root: string;
	cases: number;
	photosPerCase: number;
	photoBytes: number;
	log: (msg: string) => void;
}

const AGENT = { username: 'agent.chenghu', password: 'daiban-agent-1' };
const PIN = '246810';
const PIN_LABEL = /^(PIN（6位数字）|PIN \(6 digits\))$/;
/** A sync's unavoidable round trips in the physical limit: the TCP handshake and one request/response. */
const MIN_ROUND_TRIPS = 2;
/** The measured reference for PouchDB on the same shape of data and link (#9). */
const POUCH_REFERENCE = { time: 1.34, bytes: 1.33 };
const MAX_ROUNDS = 40;

type WithHarness = {
	daibanHarness: {
		createSubmittedCases(n: number, p: number, bytes: number): Promise<{ id: string; photoHashes: string[] }[]>;
		syncNow(): Promise<{ error: string | null }>;
		counts(): Promise<{ outboxPending: number; attachmentsPending: number; attachmentsQuarantined: number; outboxQuarantined: number }>;
	};
};

interface SyncMeasure {
	profile: LinkProfile;
	cases: number;
	photoBytesTotal: number;
	caseJsonBytes: number;
	payloadBytes: number;
	upBytes: number;
	downBytes: number;
	retransmittedBytes: number;
	requests: number;
	/** Requests by method and path (ids cut off), to see where the bytes went. */
	requestKinds: Record<string, number>;
	ms: number;
	limitMs: number;
	rounds: number;
}

function requestKinds(requests: readonly { method: string; target: string }[]): Record<string, number> {
	const kinds: Record<string, number> = {};
	for (const r of requests) {
		const parts = (r.target.split('?')[0] ?? '').split('/');
		const path = parts.length > 3 || (parts[1] === 'uploads' && parts[2]) ? `${parts.slice(0, 2).join('/')}/:id` : parts.join('/');
		const key = `${r.method} ${path}`;
		kinds[key] = (kinds[key] ?? 0) + 1;
	}
	return kinds;
}

interface PeerMeasure {
	upBytes: number;
	downBytes: number;
	requests: number;
	ms: number;
	payloadBytes: number;
	limitMs: number;
}

/** Logs the agent in through the proxy (on the setup link) and opens the harness, unlocking when asked. */
async function openHarness(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	const unlockForm = page.getByTestId('unlock-form');
	await page.addLocatorHandler(unlockForm, async () => {
		await unlockForm.getByLabel(PIN_LABEL).fill(PIN);
		await unlockForm.getByRole('button', { name: /^(解锁|Unlock)$/ }).click();
	});
	await page.goto('/login');
	await page.getByLabel(/用户名|Username/).fill(AGENT.username);
	await page.getByLabel(/密码|Password/).fill(AGENT.password);
	await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
	await page.waitForURL((url) => url.pathname === '/set-pin' || url.pathname === '/agent', { timeout: 60_000 });
	if (new URL(page.url()).pathname === '/set-pin') {
		const form = page.getByTestId('set-pin-form');
		await form.getByLabel(PIN_LABEL).fill(PIN);
		await form.getByLabel(/^(再次输入 PIN|Repeat the PIN)$/).fill(PIN);
		await form.getByRole('button', { name: /^(保存 PIN|Save PIN)$/ }).click();
		await page.waitForURL((url) => url.pathname === '/agent', { timeout: 60_000 });
	}
	await page.getByTestId('sync-status').filter({ hasText: /上次同步|Last sync/ }).waitFor({ timeout: 60_000 });
	// The service worker precaches the whole app in the background: let it finish on the setup link,
	// or its downloads would be counted as sync traffic.
	await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', undefined, {
		timeout: 120_000,
		polling: 200
	});
	await page.goto('/harness');
	await page.getByTestId('harness-ready').waitFor({ timeout: 60_000 });
	return page;
}

const harness = {
	create: (page: Page, n: number, p: number, bytes: number) =>
		page.evaluate(([a, b, c]) => (window as unknown as WithHarness).daibanHarness.createSubmittedCases(a, b, c), [n, p, bytes] as const),
	syncNow: (page: Page) => page.evaluate(() => (window as unknown as WithHarness).daibanHarness.syncNow()),
	counts: (page: Page) => page.evaluate(() => (window as unknown as WithHarness).daibanHarness.counts())
};

/** Bytes of the cases' own data: the JSON of the outbox entries (the intakes), as the app stores them. */
function outboxJsonBytes(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('daiban');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('outbox').objectStore('outbox').getAll();
					all.onerror = () => reject(all.error);
					all.onsuccess = () => {
						const entries = all.result as { args: unknown }[];
						resolve(entries.reduce((sum, e) => sum + new TextEncoder().encode(JSON.stringify(e.args)).length, 0));
						open.result.close();
					};
				};
			})
	);
}

/** Syncs through the app's scheduler until the outbox and the photo queue are empty (bounded). */
async function syncUntilEmpty(page: Page): Promise<number> {
	for (let round = 1; round <= MAX_ROUNDS; round++) {
		await harness.syncNow(page).catch(() => null);
		const c = await harness.counts(page);
		if (c.outboxQuarantined || c.attachmentsQuarantined) throw new Error(`the server refused work: ${JSON.stringify(c)}`);
		if (c.outboxPending === 0 && c.attachmentsPending === 0) return round;
	}
	throw new Error(`still pending after ${MAX_ROUNDS} sync rounds: ${JSON.stringify(await harness.counts(page))}`);
}

async function measureOurs(
	browser: Browser,
	proxy: ThrottleProxy,
	profile: LinkProfile,
	o: RuralSyncOptions,
	withResume: boolean
): Promise<{ measure: SyncMeasure; caseJson: number; resume?: ResumeMeasure }> {
	proxy.setProfile(SETUP_LINK);
	const context = await browser.newContext({ baseURL: proxy.url, serviceWorkers: 'allow', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	try {
		const page = await openHarness(context);
		// The day's work, made offline.
		await context.setOffline(true);
		await harness.create(page, o.cases, o.photosPerCase, o.photoBytes);
		const caseJsonBytes = await outboxJsonBytes(page);
		proxy.setProfile(profile);
		proxy.reset();
		const t0 = performance.now();
		await context.setOffline(false);
		const rounds = await syncUntilEmpty(page);
		const elapsed = performance.now() - t0;
		const s = proxy.stats();
		const photoBytesTotal = o.cases * o.photosPerCase * o.photoBytes;
		const payloadBytes = photoBytesTotal + caseJsonBytes;
		const requests = proxy.requests().length;
		const kinds = requestKinds(proxy.requests());
		// The resume check runs on the same device afterwards (one login less).
		const resume = withResume ? await measureResume(context, page, proxy, profile) : undefined;
		return {
			caseJson: caseJsonBytes,
			resume,
			measure: {
				profile,
				cases: o.cases,
				photoBytesTotal,
				caseJsonBytes,
				payloadBytes,
				upBytes: s.upBytes,
				downBytes: s.downBytes,
				retransmittedBytes: s.retransmittedBytes,
				requests,
				requestKinds: kinds,
				ms: elapsed,
				limitMs: physicalLimitMs(profile, { upBytes: payloadBytes, downBytes: 0, roundTrips: MIN_ROUND_TRIPS }),
				rounds
			}
		};
	} finally {
		await context.close();
	}
}

/** The same shape of data through PouchDB: one doc per case (the same JSON size), photos as attachments. */
async function measurePeer(browser: Browser, peerProxy: ThrottleProxy, profile: LinkProfile, o: RuralSyncOptions, caseJsonBytes: number): Promise<PeerMeasure> {
	peerProxy.setProfile(SETUP_LINK);
	const context = await browser.newContext({ baseURL: peerProxy.url });
	// tsx (esbuild, keepNames) wraps named functions in __name(); the page must know that helper.
	await context.addInitScript('globalThis.__name = (fn) => fn;');
	try {
		const page = await context.newPage();
		await page.goto('/');
		await page.getByText('ready').waitFor();
		const dbName = `bench-${profile.name.toLowerCase()}-${Date.now()}`;
		await page.evaluate(
			async ([n, photos, bytes, jsonPerCase, name]) => {
				type Pouch = { bulkDocs(docs: unknown[]): Promise<unknown>; replicate: { to(url: string): Promise<unknown> } };
				const w = window as unknown as { PouchDB: new (name: string) => Pouch; benchLocal?: Pouch };
				const local = new w.PouchDB(name);
				w.benchLocal = local;
				// Random bytes: as incompressible as a JPEG, each photo its own.
				const random = (size: number) => {
					const out = new Uint8Array(size);
					for (let i = 0; i < size; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65536)));
					return out;
				};
				for (let c = 0; c < n; c++) {
					const _attachments: Record<string, { content_type: string; data: Blob }> = {};
					for (let p = 0; p < photos; p++) _attachments[`photo-${p}.jpg`] = { content_type: 'image/jpeg', data: new Blob([random(bytes)], { type: 'image/jpeg' }) };
					// A case document of the same JSON size as ours.
					const doc = { _id: `case-${String(c).padStart(5, '0')}`, intake: 'x'.repeat(Math.max(0, jsonPerCase - 40)), _attachments };
					await local.bulkDocs([doc]);
				}
			},
			[o.cases, o.photosPerCase, o.photoBytes, Math.round(caseJsonBytes / o.cases), dbName] as const
		);
		peerProxy.setProfile(profile);
		peerProxy.reset();
		const t0 = performance.now();
		await page.evaluate(async (name) => {
			const w = window as unknown as { benchLocal: { replicate: { to(url: string): Promise<unknown> } } };
			await w.benchLocal.replicate.to(`${location.origin}/db/${name}`);
		}, dbName);
		const elapsed = performance.now() - t0;
		const s = peerProxy.stats();
		const payloadBytes = o.cases * o.photosPerCase * o.photoBytes + caseJsonBytes;
		return {
			upBytes: s.upBytes,
			downBytes: s.downBytes,
			requests: peerProxy.requests().length,
			ms: elapsed,
			payloadBytes,
			limitMs: physicalLimitMs(profile, { upBytes: payloadBytes, downBytes: 0, roundTrips: MIN_ROUND_TRIPS })
		};
	} finally {
		await context.close();
	}
}

/**
 * One photo larger than a tus chunk (256 KB), the link cut while its second chunk is on the way,
 * then synced to the end: the bytes sent twice, counted from the PATCH requests the proxy saw.
 */
interface ResumeMeasure {
	photoBytes: number;
	cut: number;
	patches: number;
	resentFinished: number;
	resentAny: number;
	upBytes: number;
}

async function measureResume(context: BrowserContext, page: Page, proxy: ThrottleProxy, profile: LinkProfile): Promise<ResumeMeasure> {
	await context.setOffline(true);
	const photoBytes = 600 * 1024;
	await harness.create(page, 1, 1, photoBytes);
	proxy.setProfile(profile);
	proxy.reset();
	await context.setOffline(false);
	const first = harness.syncNow(page).catch(() => null);
	const patches = () => proxy.requests().filter((r) => r.method === 'PATCH');
	const deadline = Date.now() + 120_000;
	// Cut when one chunk arrived whole and the next one is a third of the way.
	while (Date.now() < deadline) {
		const p = patches();
		const whole = p.filter((r) => r.deliveredBodyBytes === r.bodyBytes && r.bodyBytes > 0).length;
		const partial = p.find((r) => r.deliveredBodyBytes < r.bodyBytes && r.deliveredBodyBytes > r.bodyBytes / 3);
		if (whole >= 1 && partial) break;
		await new Promise((r) => setTimeout(r, 20));
	}
	const cut = proxy.dropAll();
	await first;
	await syncUntilEmpty(page);
	return { photoBytes, cut, ...resentBytes(proxy.requests()), upBytes: proxy.stats().upBytes };
}

export async function runRuralSync(o: RuralSyncOptions): Promise<BenchSection[]> {
	const profileIds: ProfileId[] = o.quick ? ['3g'] : ['3g', '2g'];
	const dataDir = join(o.root, '.tmp', 'bench', `sync-data-${process.pid}`);
	rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true });
	const server = await startBenchServer({
		DATA_DIR: dataDir,
		DAIBAN_SEED: 'demo',
		DAIBAN_STATIC_DIR: join(o.root, 'build'),
		DAIBAN_TEST_HARNESS: '1'
	});
	const serverUrl = new URL(server.url);
	const proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port: Number(serverUrl.port) }, profile: SETUP_LINK });
	const peer = await startPouchPeer(o.root);
	const peerProxy = await startThrottleProxy({ target: { host: '127.0.0.1', port: peer.port }, profile: SETUP_LINK });
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	const ours: SyncMeasure[] = [];
	const theirs: PeerMeasure[] = [];
	let resume: ResumeMeasure | undefined;
	try {
		for (const id of profileIds) {
			const profile = PROFILES[id];
			o.log(`[bench] rural sync on ${profile.name}: ${o.cases} cases × ${o.photosPerCase} photos × ${kib(o.photoBytes)}`);
			const r = await measureOurs(browser, proxy, profile, o, id === '3g');
			const { measure, caseJson } = r;
			resume ??= r.resume;
			o.log(`[bench]   ours: ${ms(measure.ms)} (limit ${ms(measure.limitMs)}), wire ${kib(measure.upBytes + measure.downBytes)} for ${kib(measure.payloadBytes)} payload`);
			ours.push(measure);
			const peerMeasure = await measurePeer(browser, peerProxy, profile, o, caseJson);
			o.log(`[bench]   PouchDB: ${ms(peerMeasure.ms)}, wire ${kib(peerMeasure.upBytes + peerMeasure.downBytes)}`);
			theirs.push(peerMeasure);
		}
		if (resume) o.log(`[bench]   resume after a cut: ${resume.resentFinished} bytes of finished chunks re-sent, ${resume.resentAny} bytes re-sent in all`);
	} finally {
		await browser.close().catch(() => {});
		await proxy.close();
		await peerProxy.close();
		await peer.close();
		await server.kill('SIGTERM').catch(() => {});
		rmSync(dataDir, { recursive: true, force: true });
	}

	const figures: Figure[] = [];
	const peerFigures: Figure[] = [];
	for (const [i, m] of ours.entries()) {
		const p = theirs[i];
		const wire = m.upBytes + m.downBytes;
		const name = m.profile.name;
		figures.push(
			{
				section: 'Rural sync',
				figure: `${name}: wire bytes per case`,
				ours: kib(wire / m.cases),
				reference: `${kib(m.payloadBytes / m.cases)} (payload per case)`,
				ratio: wire / m.payloadBytes,
				note: `up ${kib(m.upBytes)}, down ${kib(m.downBytes)}, ${m.requests} HTTP requests, ${m.rounds} sync round(s)`
			},
			{
				section: 'Rural sync',
				figure: `${name}: total wire bytes ÷ payload bytes`,
				ours: `${(wire / m.payloadBytes).toFixed(3)}`,
				reference: `≤ 1.03 (goal); PouchDB measured ${POUCH_REFERENCE.bytes}`,
				ratio: wire / m.payloadBytes / 1.03
			},
			{
				section: 'Rural sync',
				figure: `${name}: sync time ÷ physical limit`,
				ours: `${ms(m.ms)} ÷ ${ms(m.limitMs)} = ${(m.ms / m.limitMs).toFixed(2)}`,
				reference: `≤ 1.10 (goal); PouchDB measured ${POUCH_REFERENCE.time}`,
				ratio: m.ms / m.limitMs / 1.1,
				note: m.retransmittedBytes ? `${kib(m.retransmittedBytes)} re-sent by simulated TCP loss` : undefined
			}
		);
		if (p) {
			const peerWire = p.upBytes + p.downBytes;
			peerFigures.push(
				{
					section: 'Peer',
					figure: `${name}: wire bytes, ours vs PouchDB → pouchdb-server`,
					ours: kib(wire),
					reference: `${kib(peerWire)} (PouchDB; ${(peerWire / p.payloadBytes).toFixed(3)} × payload)`,
					ratio: wire / peerWire
				},
				{
					section: 'Peer',
					figure: `${name}: sync time, ours vs PouchDB`,
					ours: ms(m.ms),
					reference: `${ms(p.ms)} (PouchDB; ${(p.ms / p.limitMs).toFixed(2)} × limit)`,
					ratio: m.ms / p.ms,
					note: `PouchDB: ${p.requests} HTTP requests`
				}
			);
		}
	}
	if (resume) {
		figures.push({
			section: 'Rural sync',
			figure: '3G: bytes of finished chunks re-sent after a cut',
			ours: `${resume.resentFinished} B (${resume.resentAny} B re-sent in all)`,
			reference: '0 B',
			ratio: null,
			note: `one ${kib(resume.photoBytes)} photo, ${resume.cut} connection(s) cut during its second chunk; ${resume.patches} PATCH requests`
		});
	}
	const sizes = `${o.cases} cases × ${o.photosPerCase} photo(s) × ${kib(o.photoBytes)}`;
	return [
		{
			id: 'rural-sync',
			title: `Sync over a rural link (${sizes}; app code in headless Chromium)`,
			figures,
			details: [
				'Profiles: 3G = 1.6 Mbit/s down, 384 kbit/s up, 150 ms RTT; 2G = 240/120 kbit/s, 600 ms RTT, 1 % of segments lost ' +
					'(a lost segment crosses the link again one RTT later). Our proxy (bench/throttle-proxy.ts) shapes each direction with a ' +
					'token bucket shared by all connections (16 KiB burst), adds RTT/2 to every segment and one RTT before a new connection ' +
					'carries data, and holds at most 64 KiB in flight per connection (a TCP window).',
				'Payload = the photos’ bytes + the cases’ JSON as stored in the outbox. Wire = every application byte through the proxy, ' +
					'both directions (HTTP heads, tRPC JSON, tus requests, the pull of the cases back); IP/TCP headers are not counted on ' +
					'either side. Physical limit = payload ÷ uplink bandwidth + 2 RTT (a handshake and a request). The ratio column divides ' +
					'by the goal (1.03 for bytes, 1.10 for time): ≤ 1.00× meets it.',
				'Timing starts when the browser context goes back online (the app’s scheduler starts a round at once) and ends when the ' +
					'outbox and photo queue are empty after a round (`daibanHarness.syncNow` loop).'
			],
			raw: { ours, resume }
		},
		{
			id: 'rural-sync-peer',
			title: 'Peer: PouchDB 9 (pouchdb-browser) → pouchdb-server 4.2 (in memory), same link',
			figures: peerFigures,
			details: [
				'The same number of cases as documents of the same JSON size, the same number and size of photos (random bytes, as ' +
					'incompressible as JPEG) as attachments, replicated one way (`local.replicate.to(remote)`) from the same Chromium ' +
					'through the same proxy profile. pouchdb-server runs in memory on loopback, behind a small same-origin forwarder ' +
					'that also serves the page (bench/peer/pouch-peer.ts), so no CORS requests are counted.'
			],
			raw: { theirs }
		}
	];
}
