import Dexie, { type EntityTable } from 'dexie';
import type { CaseIntake, CorrectionSummary } from '$lib/domain/case/case.schema';
import type { CaseClock } from '$lib/domain/case/clock.schema';
import type { ProblemReport } from '$lib/domain/problems/problem.schema';
import { keepCaseSearchTokens } from '../cases/case-search-hooks';
import { caseSearchTokens } from '../cases/search-tokens';
import type { CaseStatus } from '$lib/domain/case/status';
import type { Catalog } from '$lib/domain/catalog/item.schema';
import type { MutationName } from '$lib/domain/sync/protocol';
import type { PublicUser } from '$lib/domain/roles';
import type { DeliveryProjection } from '$lib/domain/delivery/delivery.schema';

/** A case on the device: the intake plus where it stands locally and on the server. */
export interface LocalCase {
	id: string;
	caseNumber: string;
	status: CaseStatus;
	intake: CaseIntake;
	/** 'local': only here; 'sent': in the outbox or pushed; 'received': the server has it; 'rejected': refused. */
	syncState: 'local' | 'sent' | 'received' | 'rejected';
	rejection?: { code: string; reason: string };
	updatedAt: string;
	/** From the server's copy: every correction round (补正), oldest first. */
	corrections?: CorrectionSummary[];
	/** From the server's copy: the time-limit clock, for the deadline light. */
	clock?: CaseClock;
	receivedAt?: string | null;
	/** Search tokens (case number parts, applicant name, ID last 4), kept by a hook; multi-entry index. */
	search?: string[];
}

/**
 * A "couldn't get it done" report (办不成事反映): the server's copy once pulled (`synced`), else
 * the one logged here. Whether it is waiting to be sent or was refused is read from the outbox.
 */
export interface LocalProblem extends ProblemReport {
	synced: boolean;
}

/** A queued mutation. `id` is the per-client mutation id: strictly increasing, no gaps. */
export interface OutboxEntry {
	id: number;
	name: MutationName;
	args: unknown;
	createdAt: string;
	/** Set when the server refused it; the entry stays visible until the user deals with it. */
	quarantined?: { code: string; reason: string; at: string };
}

export interface CatalogRecord {
	version: number;
	catalog: Catalog;
	receivedAt: string;
}

/** Who is logged in on this device, kept so the app opens offline. */
export interface SessionRecord {
	key: 'current';
	user: PublicUser;
	deviceId: string;
	deviceTag: string;
	loggedInAt: string;
}

export interface MetaRecord {
	key: string;
	value: unknown;
}

/**
 * A photo or scan of a material, kept on the device and uploaded with tus when online. Addressed
 * by the SHA-256 of its bytes (hex), so the same photo taken twice is stored and sent once.
 */
export interface Attachment {
	hash: string;
	/** The case it was first taken for; a case's intake lists its hashes in `materials[].attachmentHashes`. */
	caseId: string;
	blob: Blob;
	size: number;
	/** As the device labelled it; the server decides the type from the bytes. */
	type: string;
	/** 'uploading': the server holds part of it (see uploadUrl); 'quarantined': the server refused it. */
	state: 'pending' | 'uploading' | 'uploaded' | 'quarantined';
	/** The tus upload URL, so a restarted tab resumes from the server's offset. */
	uploadUrl?: string;
	bytesUploaded?: number;
	quarantined?: { code: string; reason: string; at: string };
	createdAt: string;
	uploadedAt?: string;
}

/**
 * A key wrapped (AES-GCM) under a key-encryption key that PBKDF2-SHA-256 derives from a secret
 * typed by the user: the PIN, or the password of the last online login. See src/lib/client/lock/.
 */
export interface WrappedKey {
	/** Named so that a later release can move to another KDF (argon2id) record by record. */
	kdf: 'PBKDF2-SHA-256';
	salt: Uint8Array<ArrayBuffer>;
	iterations: number;
	iv: Uint8Array<ArrayBuffer>;
	wrapped: Uint8Array<ArrayBuffer>;
}

/**
 * The device's data-encryption key, only ever stored wrapped. `pin` is null once the PIN was
 * guessed wrong too often: only an online login (the `recovery` wrap) reaches the key then.
 */
export interface DeviceKeyRecord {
	id: 'device';
	userId: string;
	keyId: string;
	pin: WrappedKey | null;
	recovery: WrappedKey;
	/** Key-check value: a known text sealed with the key, to tell the right key from any other. */
	check: Uint8Array<ArrayBuffer>;
	failedAttempts: number;
	createdAt: string;
	pinSetAt: string;
}

/**
 * A grid worker's delivery (送证上门) on the device: the server's projection, with the personal
 * part (applicant, certificates and their QR payloads) sealed under the device's data key
 * (src/lib/client/lock). What stays in clear is what sorts and groups the list.
 */
export interface LocalDelivery extends Omit<DeliveryProjection, 'personal' | 'certificates'> {
	/** `{ personal, certificates }` as JSON, AES-GCM under the data key (aad `delivery:<caseId>`). */
	sealed: Uint8Array<ArrayBuffer>;
	certificateCount: number;
	/** Set when the server took the delivery away while this device still had unsent proof for it. */
	droppedAt?: string;
}

/** A hand-over or failed attempt recorded on this device; its sync state is read from the outbox. */
export interface DeliveryRecord {
	id: string;
	caseId: string;
	kind: 'delivered' | 'failed';
	/** The outbox entry (mutation id) that carries it to the server. */
	mutationId: number;
	caseNumber: string;
	at: string;
	/** Signature and photo (delivered only), content-addressed in `attachments`. */
	proofHashes: string[];
	/** Rating level, or the failure reason and next planned date: what the worker sees in his list. */
	summary: { ratingLevel?: string; failReason?: string; nextPlannedDate?: string };
}

export class DaibanDb extends Dexie {
	cases!: EntityTable<LocalCase, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	catalogs!: EntityTable<CatalogRecord, 'version'>;
	session!: EntityTable<SessionRecord, 'key'>;
	meta!: EntityTable<MetaRecord, 'key'>;
	attachments!: EntityTable<Attachment, 'hash'>;
	problems!: EntityTable<LocalProblem, 'id'>;
	deviceKeys!: EntityTable<DeviceKeyRecord, 'id'>;
	deliveries!: EntityTable<LocalDelivery, 'caseId'>;
	deliveryRecords!: EntityTable<DeliveryRecord, 'id'>;

	constructor(name = 'daiban') {
		super(name);
		// Append-only: a schema change is a new version(n + 1) with an upgrade, never an edit of an old one.
		this.version(1).stores({
			cases: 'id, &caseNumber, status, syncState, updatedAt',
			outbox: 'id',
			catalogs: 'version',
			session: 'key',
			meta: 'key'
		});
		this.version(2).stores({ attachments: 'hash, caseId, state' });
		// My cases: newest first per status group and per sync state, and search by token prefix.
		this.version(3)
			.stores({
				cases: 'id, &caseNumber, status, syncState, updatedAt, [status+updatedAt], [syncState+updatedAt], *search',
				problems: 'id, createdAt'
			})
			.upgrade((tx) =>
				tx
					.table<LocalCase, string>('cases')
					.toCollection()
					.modify((c) => {
						c.search = caseSearchTokens(c);
					})
			);
		this.version(4).stores({ deviceKeys: 'id' });
		// Grid worker: deliveries (by village, grid, waiting time) and the hand-overs recorded here.
		this.version(5).stores({ deliveries: 'caseId, villageCode, assignedAt', deliveryRecords: 'id, caseId, mutationId, at' });
		keepCaseSearchTokens(this.cases);
	}
}

let instance: DaibanDb | undefined;
/** The app's one database; tests make their own DaibanDb with a unique name. */
export function getDb(): DaibanDb {
	instance ??= new DaibanDb();
	return instance;
}
