import Dexie, { type EntityTable } from 'dexie';
import type { CaseIntake } from '$lib/domain/case/case.schema';
import type { CaseStatus } from '$lib/domain/case/status';
import type { Catalog } from '$lib/domain/catalog/item.schema';
import type { MutationName } from '$lib/domain/sync/protocol';
import type { PublicUser } from '$lib/domain/roles';

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

export class DaibanDb extends Dexie {
	cases!: EntityTable<LocalCase, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	catalogs!: EntityTable<CatalogRecord, 'version'>;
	session!: EntityTable<SessionRecord, 'key'>;
	meta!: EntityTable<MetaRecord, 'key'>;
	attachments!: EntityTable<Attachment, 'hash'>;

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
	}
}

let instance: DaibanDb | undefined;
/** The app's one database; tests make their own DaibanDb with a unique name. */
export function getDb(): DaibanDb {
	instance ??= new DaibanDb();
	return instance;
}
