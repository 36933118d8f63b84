import type { DaibanDb } from '../db/db';
import type { SessionRecord } from '../db/db';
import type { SyncProgress } from '../sync/engine';
import { createDraft, submitDraft } from '../cases/intake';
import { storePhoto } from '../attachments/store-photo';
import { pendingCount } from '../sync/outbox';
import { padJpeg } from './test-jpeg';
import { computeResidentIdCheckChar } from '$lib/domain/ids/resident-id';
import type { CaseIntake } from '$lib/domain/case/case.schema';

/**
 * The test harness (docs/SYNC.md, "Test harness"): e2e specs and benchmarks create many cases with
 * photos through the app's REAL client code (createDraft, storePhoto, submitDraft and its outbox),
 * then drive the real scheduler, without clicking through hundreds of forms. It only calls what the
 * logged-in page can call anyway; the /harness page installs it only when the server says
 * DAIBAN_TEST_HARNESS=1.
 */

/** The item the harness takes: its only required form field is the household address. */
export const HARNESS_ITEM = 'WJ-LNYD-001';
/** Bounds, so a typo in a benchmark cannot fill the tablet. */
export const HARNESS_MAX_CASES = 2_000;
export const HARNESS_MAX_PHOTOS_PER_CASE = 10;
export const HARNESS_MAX_PHOTO_BYTES = 4 * 1024 * 1024;

export interface HarnessCase {
	id: string;
	caseNumber: string;
	/** SHA-256 (hex) of each photo, in the order they were taken. */
	photoHashes: string[];
}

export interface HarnessCounts {
	cases: number;
	/** Outbox entries still to send (quarantined ones not counted). */
	outboxPending: number;
	outboxQuarantined: number;
	attachments: number;
	attachmentsUploaded: number;
	attachmentsPending: number;
	attachmentsQuarantined: number;
}

export interface HarnessProgress {
	running: boolean;
	pending: number;
	lastSyncAt: string | null;
	error: string | null;
	progress: SyncProgress | null;
}

export interface HarnessDeps {
	db: DaibanDb;
	session: () => SessionRecord | null;
	/** Encodes a small real JPEG (the browser's canvas encoder). */
	encodeJpeg: () => Promise<Uint8Array>;
	random: (into: Uint8Array<ArrayBuffer>) => void;
	sync: {
		now: () => Promise<void>;
		running: () => boolean;
		state: () => HarnessProgress;
	};
	now?: () => Date;
}

export class HarnessError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'HarnessError';
	}
}

function wholeIn(name: string, value: number, min: number, max: number): number {
	if (!Number.isInteger(value) || value < min || value > max) throw new HarnessError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
	return value;
}

/** A valid resident ID number born in 1950 (old enough for the senior card), unique per sequence. */
function applicantId(seq: number): string {
	const first17 = `36012119500101${String(seq % 1000).padStart(3, '0')}`;
	return first17 + computeResidentIdCheckChar(first17);
}

export function createHarness(deps: HarnessDeps) {
	const { db } = deps;
	const now = deps.now ?? (() => new Date());
	let made = 0;

	async function createSubmittedCases(n: number, photosPerCase = 0, photoBytes = 20_000): Promise<HarnessCase[]> {
		wholeIn('n', n, 1, HARNESS_MAX_CASES);
		wholeIn('photosPerCase', photosPerCase, 0, HARNESS_MAX_PHOTOS_PER_CASE);
		wholeIn('photoBytes', photoBytes, 0, HARNESS_MAX_PHOTO_BYTES);
		const current = deps.session();
		const villageCode = current?.user.scope.villageCodes[0];
		if (!current || !villageCode) throw new HarnessError('log in as a village agent first');
		const latest = await db.catalogs.orderBy('version').last();
		if (!latest) throw new HarnessError('this device has no catalog yet: sync once first');
		const catalog = latest.catalog;
		const item = catalog.items.find((i) => i.code === HARNESS_ITEM);
		if (!item) throw new HarnessError(`the catalog has no item ${HARNESS_ITEM}`);
		const base = photosPerCase > 0 ? await deps.encodeJpeg() : new Uint8Array();
		const out: HarnessCase[] = [];
		for (let i = 0; i < n; i++) {
			const at = now();
			const draft = await createDraft(
				db,
				{
					itemCodes: [item.code],
					catalogVersion: catalog.version,
					villageCode,
					deviceTag: current.deviceTag,
					materials: item.materials.map((m) => ({ itemCode: item.code, materialId: m.id }))
				},
				at
			);
			const photoHashes: string[] = [];
			for (let p = 0; p < photosPerCase; p++) {
				const bytes = padJpeg(base, photoBytes, deps.random);
				const stored = await storePhoto(db, draft.id, new Blob([bytes], { type: 'image/jpeg' }), now);
				photoHashes.push(stored.hash);
			}
			made++;
			// What the agent does on the form: applicant, address, every material received and checked,
			// the photos on the first material.
			const intake: CaseIntake = {
				...draft.intake,
				applicant: { name: `测试${made}`, idNumber: applicantId(made), phone: '13800138000', address: '澄湖村一组' },
				form: { householdAddress: '南昌县莲塘镇澄湖村一组' },
				materials: draft.intake.materials.map((m, index) => ({
					...m,
					received: true,
					checkedPoints: item.materials.find((x) => x.id === m.materialId)?.reviewPoints ?? [],
					attachmentHashes: index === 0 ? photoHashes : []
				})),
				delivery: { method: item.deliveryOptions[0] ?? 'station_pickup' }
			};
			const submitted = await submitDraft(db, intake, at, {
				user: current.user,
				deviceId: current.deviceId,
				context: { items: catalog.items, bundles: catalog.bundles }
			});
			out.push({ id: submitted.id, caseNumber: submitted.caseNumber, photoHashes });
		}
		return out;
	}

	async function counts(): Promise<HarnessCounts> {
		const [cases, outboxAll, outboxPending, attachments, uploaded, pendingA, uploadingA, quarantinedA] = await Promise.all([
			db.cases.count(),
			db.outbox.count(),
			pendingCount(db),
			db.attachments.count(),
			db.attachments.where('state').equals('uploaded').count(),
			db.attachments.where('state').equals('pending').count(),
			db.attachments.where('state').equals('uploading').count(),
			db.attachments.where('state').equals('quarantined').count()
		]);
		return {
			cases,
			outboxPending,
			outboxQuarantined: outboxAll - outboxPending,
			attachments,
			attachmentsUploaded: uploaded,
			attachmentsPending: pendingA + uploadingA,
			attachmentsQuarantined: quarantinedA
		};
	}

	/** Runs one sync round through the app's scheduler, waiting (bounded) for a round already running. */
	async function syncNow(): Promise<HarnessProgress> {
		for (let i = 0; i < 600 && deps.sync.running(); i++) await new Promise((r) => setTimeout(r, 100));
		await deps.sync.now();
		return deps.sync.state();
	}

	return { createSubmittedCases, syncNow, progress: deps.sync.state, counts };
}

export type DaibanHarness = ReturnType<typeof createHarness>;
