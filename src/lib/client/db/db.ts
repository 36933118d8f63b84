import Dexie, { type EntityTable } from 'dexie';
import type { CaseIntake, CorrectionSummary } from '$lib/domain/case/case.schema';
import type { CaseClock } from '$lib/domain/case/clock.schema';
import type { ProblemReport } from '$lib/domain/problems/problem.schema';
import { caseSearchTokens, caseNumberTokens } from '../cases/search-tokens';
import { referencedHashes } from '$lib/domain/case/attachment-refs';
import type { CaseStatus } from '$lib/domain/case/status';
import type { Catalog } from '$lib/domain/catalog/item.schema';
import type { MutationName } from '$lib/domain/sync/protocol';
import type { PublicUser } from '$lib/domain/roles';
import type { DeliveryProjection } from '$lib/domain/delivery/delivery.schema';

/**
 * A case as the app works with it: the intake plus where it stands locally and on the server.
 * Dexie never holds this shape (since version 6): it holds a StoredCase, whose personal part is
 * sealed with the device's data key. src/lib/client/vault/ turns one into the other.
 */
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
}

/** What a stored case keeps in clear: what the indexes, the lists and sync need, nothing personal. */
interface CaseIndexFields {
	id: string;
	caseNumber: string;
	status: CaseStatus;
	syncState: LocalCase['syncState'];
	/** The server's refusal (a code and its reason about the request, not about the person). */
	rejection?: { code: string; reason: string };
	updatedAt: string;
	clock?: CaseClock;
	receivedAt?: string | null;
	/** Item codes of the catalog (recent items, the print page's titles); not personal. */
	itemCodes: string[];
	bundleCode?: string;
	/** SHA-256 content addresses of the photos and signature the intake lists (freeing shared photos). */
	refs: string[];
	/**
	 * Search tokens, multi-entry index: the case number and its parts in clear, and blind tokens
	 * (HMAC under the search-index key) of the applicant's name, its pinyin initials and the ID
	 * number's last 4. See vault/case-tokens.ts.
	 */
	search: string[];
}

/** A case in Dexie (version 6 on): `sealed` is AES-GCM of `{ intake, corrections }`, additional data `case:<id>`. */
export interface SealedCase extends CaseIndexFields {
	sealed: Uint8Array<ArrayBuffer>;
}

/**
 * A case written in clear by versions up to 5, before any data was encrypted; the first unlock
 * after the upgrade seals it (vault/seal-legacy.ts). Readable meanwhile, so nothing is lost.
 */
export interface ClearCase extends CaseIndexFields {
	intake: CaseIntake;
	corrections?: CorrectionSummary[];
}

export type StoredCase = SealedCase | ClearCase;

/**
 * A "couldn't get it done" report (办不成事反映): the server's copy once pulled (`synced`), else
 * the one logged here. Whether it is waiting to be sent or was refused is read from the outbox.
 */
export interface LocalProblem extends ProblemReport {
	synced: boolean;
}

/**
 * A report in Dexie: the free texts (the agent's note, the centre head's response) sealed with the
 * data key, additional data `problem:<id>`; reports written by version ≤5 are clear until the first
 * unlock seals them (vault/problem-vault.ts).
 */
export type StoredProblem = Omit<LocalProblem, 'note' | 'response'> & ({ sealed: Uint8Array<ArrayBuffer> } | Pick<LocalProblem, 'note' | 'response'>);

/** A queued mutation. `id` is the per-client mutation id: strictly increasing, no gaps. */
export interface OutboxEntry {
	id: number;
	name: MutationName;
	args: unknown;
	/** The case (or report) the mutation is about, by id: kept in clear so lookups need no key. */
	ref?: string;
	createdAt: string;
	/** Set when the server refused it; the entry stays visible until the user deals with it. */
	quarantined?: { code: string; reason: string; at: string };
}

/**
 * An outbox entry in Dexie: the arguments (a whole intake for `case.submit`) sealed with the data
 * key, additional data `outbox:<id>`. Entries queued by version ≤5 hold `args` in clear until the
 * first unlock seals them; the vault opens both.
 */
export type StoredOutboxEntry = Omit<OutboxEntry, 'args'> & ({ sealedArgs: Uint8Array<ArrayBuffer> } | { args: unknown });

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
	/**
	 * The bytes sealed with the data key (AES-GCM, additional data `attachment:<hash>`) when
	 * `sealed` is true; in clear only in records of version ≤5 until the first unlock seals them.
	 * The hash is the plaintext's, so dedup and the server's hash check are unchanged.
	 */
	blob: Blob;
	sealed?: true;
	/** The plaintext's size. */
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
	cases!: EntityTable<StoredCase, 'id'>;
	outbox!: EntityTable<StoredOutboxEntry, 'id'>;
	catalogs!: EntityTable<CatalogRecord, 'version'>;
	session!: EntityTable<SessionRecord, 'key'>;
	meta!: EntityTable<MetaRecord, 'key'>;
	attachments!: EntityTable<Attachment, 'hash'>;
	problems!: EntityTable<StoredProblem, 'id'>;
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
					.table<LocalCase & { search?: string[] }, string>('cases')
					.toCollection()
					.modify((c) => {
						c.search = caseSearchTokens(c);
					})
			);
		this.version(4).stores({ deviceKeys: 'id' });
		// Grid worker: deliveries (by village, grid, waiting time) and the hand-overs recorded here.
		this.version(5).stores({ deliveries: 'caseId, villageCode, assignedAt', deliveryRecords: 'id, caseId, mutationId, at' });
		// 6: encryption at rest.
		// No key exists while upgrading (it opens at unlock), so this step only takes the clear
		// names and ID endings out of the search index and adds the clear index fields; the first
		// unlock seals intakes, outbox arguments and photos (vault/seal-legacy.ts).
		this.version(6).upgrade((tx) =>
			tx
				.table<ClearCase & { sealed?: unknown }, string>('cases')
				.toCollection()
				.modify((c) => {
					if (c.sealed !== undefined) return;
					c.search = caseNumberTokens(c.caseNumber);
					c.itemCodes = c.intake.itemCodes;
					if (c.intake.bundleCode) c.bundleCode = c.intake.bundleCode;
					c.refs = referencedHashes(c.intake);
				})
		);
	}
}

let instance: DaibanDb | undefined;
/** The app's one database; tests make their own DaibanDb with a unique name. */
export function getDb(): DaibanDb {
	instance ??= new DaibanDb();
	return instance;
}
