import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Server as TusServer, type ServerOptions } from '@tus/server';
import { z } from 'zod';
import type { Actor, Services } from '../context';
import { authService } from '../services/auth.service';
import { ATTACHMENT_MAX_BYTES, UPLOAD_REFUSAL, attachmentService } from '../services/attachment.service';
import { GuardedUploadStore } from '../storage/guarded-upload-store';
import { isSha256Hex } from '../storage/attachment-store';
import { REFUSED_TYPE_MESSAGE, sniffAttachmentType } from '../storage/magic-bytes';
import { DomainError, HTTP_STATUS_OF } from '../../../src/lib/domain/errors';
import { hasRole, type Role } from '../../../src/lib/domain/roles';

/*
 * Attachments over plain HTTP: bytes never travel base64 inside tRPC JSON.
 *
 *   POST|HEAD|PATCH|DELETE /uploads/[<id>]   tus 1.0 (creation, termination, expiration), for
 *       village agents and grid workers. Upload-Metadata: sha256 (hex, required), caseId.
 *       The upload id is `<sha256>-<user id>`, so the same device (or a restarted tab) finds
 *       its upload again and two users never write into one partial file.
 *   GET /attachments/<sha256>[?case=<case id>]   the bytes, for whoever may see a case referencing them.
 *
 * Limits: 10 MB per attachment (tus maxSize), 1 MB per PATCH body (413; the client sends 256 KB),
 * Content-Length required on PATCH (411). See docs/SYNC.md, "Attachments".
 */

export interface UploadRoutesOptions {
	services: Services;
	sessionCookie: string;
}

export const UPLOAD_PATH = '/uploads';
export const MAX_CHUNK_BYTES = 1024 * 1024;
const UPLOADER_ROLES: Role[] = ['village_agent', 'grid_worker'];
/** Served inline; anything else (never stored today) would be a download. HTML and SVG are never accepted. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
const UPLOAD_ID = /^([0-9a-f]{64})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const downloadQuerySchema = z.object({ case: z.uuid().optional() });

type TusRequest = Parameters<NonNullable<ServerOptions['namingFunction']>>[0];
/** What tus sends back when a hook throws: a status and a body (JSON here, for the device's quarantine). */
interface TusError {
	status_code: number;
	body: string;
}

export function uploadIdFor(hash: string, userId: string): string {
	return `${hash}-${userId}`;
}

export function parseUploadId(id: string): { hash: string; userId: string } | null {
	const match = UPLOAD_ID.exec(id);
	return match?.[1] && match[2] ? { hash: match[1], userId: match[2] } : null;
}

function tusError(status: number, error: string, message: string): TusError {
	return { status_code: status, body: JSON.stringify({ error, message }) };
}

const statusOf = HTTP_STATUS_OF;

/** A refused upload's status: 415 for the type, 460 (tus "checksum mismatch") for a wrong hash. */
function refusalStatus(e: DomainError): number {
	if (e.details?.reason === UPLOAD_REFUSAL.unsupportedType) return 415;
	if (e.details?.reason === UPLOAD_REFUSAL.hashMismatch) return 460;
	return statusOf[e.code];
}

export const uploadRoutes: FastifyPluginAsync<UploadRoutesOptions> = async (app, { services, sessionCookie }) => {
	const { db, attachments } = services;
	const actors = new WeakMap<IncomingMessage, Actor>();

	async function sessionActor(req: FastifyRequest): Promise<Actor | null> {
		const token = req.cookies[sessionCookie];
		return token ? authService.resolveSession(db, token, services.now()) : null;
	}

	/** The actor the onRequest hook resolved for this tus request (same raw Node request). */
	function actorOf(req: TusRequest): Actor {
		const raw = req.runtime?.node?.req;
		const actor = raw ? actors.get(raw as IncomingMessage) : undefined;
		if (!actor) throw tusError(401, 'unauthenticated', 'please log in');
		return actor;
	}

	/** Verifies and stores a complete upload; a refusal becomes the tus error the device quarantines with. */
	async function storeFinished(uploadId: string): Promise<string> {
		const parsed = parseUploadId(uploadId);
		if (!parsed) throw tusError(404, 'not_found', 'no such upload');
		try {
			const done = await attachmentService.finishUpload(db, attachments, {
				uploadId,
				hash: parsed.hash,
				uploaderId: parsed.userId,
				now: services.now()
			});
			return done.mime;
		} catch (e) {
			if (!(e instanceof DomainError)) throw e;
			throw tusError(refusalStatus(e), String(e.details?.reason ?? e.code), e.message);
		}
	}

	const datastore = new GuardedUploadStore(attachments.partialUploads, {
		hashOf: (id) => parseUploadId(id)?.hash ?? null,
		storedSize: (hash) => attachmentService.storedSize(db, hash),
		checkHead(head) {
			if (!sniffAttachmentType(head)) throw tusError(415, UPLOAD_REFUSAL.unsupportedType, REFUSED_TYPE_MESSAGE);
		},
		async finish(upload) {
			await storeFinished(upload.id);
		}
	});

	const tus = new TusServer({
		path: UPLOAD_PATH,
		datastore,
		maxSize: ATTACHMENT_MAX_BYTES,
		// Relative, so a TLS-terminating proxy does not turn the Location into http://.
		relativeLocation: true,
		// Same origin only: no CORS headers for anyone.
		allowedOrigins: () => false,
		disableTerminationForFinishedUploads: true,
		namingFunction(req, metadata) {
			const actor = actorOf(req);
			const hash = metadata?.sha256 ?? '';
			if (!isSha256Hex(hash)) {
				throw tusError(400, 'bad_metadata', 'Upload-Metadata must carry sha256: the SHA-256 of the file as 64 lowercase hex digits');
			}
			const caseId = metadata?.caseId;
			if (caseId && !z.uuid().safeParse(caseId).success) throw tusError(400, 'bad_metadata', 'caseId must be a UUID');
			return uploadIdFor(hash, actor.id);
		},
		async onIncomingRequest(req, uploadId) {
			// An upload belongs to the user whose id is in it; others are told it does not exist.
			if (parseUploadId(uploadId)?.userId !== actorOf(req).id) throw tusError(404, 'not_found', 'no such upload');
		},
		async onUploadFinish(_req, upload) {
			return { headers: { 'X-Attachment-Type': await storeFinished(upload.id) } };
		},
		onResponseError(_req, err) {
			// Our refusals are plain { status_code, body }; an Error is a fault whose message stays in the log.
			if (!(err instanceof Error)) return undefined;
			app.log.error({ err }, 'upload failed');
			return tusError(500, 'internal', 'the server could not take this chunk; it will be sent again');
		}
	});

	// Abandoned partial uploads expire (FileStore's expiration); sweep them now and then.
	const sweep = setInterval(() => {
		datastore.deleteExpired().catch((err: unknown) => app.log.warn({ err }, 'could not sweep expired uploads'));
	}, 3_600_000);
	sweep.unref();
	app.addHook('onClose', async () => clearInterval(sweep));

	// tus reads PATCH bodies itself, as a stream: leave them unparsed (scoped to this plugin).
	app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

	/** Session, role, then body size, before a byte of the body is read. */
	async function guardUpload(req: FastifyRequest, reply: FastifyReply) {
		const actor = await sessionActor(req);
		if (!actor) return reply.code(401).send({ error: 'unauthenticated', message: 'please log in' });
		if (!hasRole(actor, ...UPLOADER_ROLES)) {
			return reply.code(403).send({ error: 'forbidden', message: `uploads need one of the roles: ${UPLOADER_ROLES.join(', ')}` });
		}
		const length = req.headers['content-length'];
		const chunked = req.headers['transfer-encoding'] !== undefined;
		if (req.method === 'PATCH' && (length === undefined || chunked)) {
			return reply.code(411).send({ error: 'length_required', message: 'send each chunk with a Content-Length' });
		}
		if (req.method === 'PATCH' && Number(length) > MAX_CHUNK_BYTES) {
			return reply.code(413).send({ error: 'chunk_too_large', message: `a chunk may be at most ${MAX_CHUNK_BYTES} bytes` });
		}
		if (req.method === 'POST' && (chunked || Number(length ?? 0) > 0)) {
			return reply.code(400).send({ error: 'body_not_allowed', message: 'create the upload without a body, then send the bytes with PATCH' });
		}
		actors.set(req.raw, actor);
	}

	async function handleTus(req: FastifyRequest, reply: FastifyReply) {
		reply.hijack();
		try {
			await tus.handle(req.raw, reply.raw);
		} catch (err) {
			app.log.error({ err }, 'tus handler failed');
			if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'Content-Type': 'application/json' });
			reply.raw.end(JSON.stringify({ error: 'internal', message: 'upload failed' }));
		}
	}

	app.route({ method: ['POST', 'OPTIONS'], url: `${UPLOAD_PATH}/`, onRequest: guardUpload, handler: handleTus });
	app.route({ method: ['POST', 'OPTIONS'], url: UPLOAD_PATH, onRequest: guardUpload, handler: handleTus });
	// A wildcard, not `:id`: upload ids (101 characters) are longer than Fastify's parameter limit.
	app.route({ method: ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'], url: `${UPLOAD_PATH}/*`, onRequest: guardUpload, handler: handleTus });

	app.get<{ Params: { hash: string }; Querystring: Record<string, string | undefined> }>('/attachments/:hash', { compress: false }, async (req, reply) => {
		const actor = await sessionActor(req);
		if (!actor) return reply.code(401).send({ error: 'unauthenticated', message: 'please log in' });
		const { hash } = req.params;
		if (!isSha256Hex(hash)) return reply.code(400).send({ error: 'bad_request', message: 'an attachment is named by its SHA-256 (64 lowercase hex digits)' });
		const query = downloadQuerySchema.safeParse(req.query);
		if (!query.success) return reply.code(400).send({ error: 'bad_request', message: 'case must be a case id (UUID)' });
		let download: Awaited<ReturnType<typeof attachmentService.openDownload>>;
		try {
			download = await attachmentService.openDownload(db, attachments, actor, hash, query.data.case);
		} catch (e) {
			if (!(e instanceof DomainError)) throw e;
			return reply.code(statusOf[e.code]).send({ error: e.code.toLowerCase(), message: e.message });
		}
		const etag = `"${hash}"`;
		const inline = INLINE_TYPES.has(download.row.mime);
		reply
			.header('ETag', etag)
			// Content-addressed, so it never changes; private because it is served only after a check.
			.header('Cache-Control', 'private, max-age=31536000, immutable')
			.header('X-Content-Type-Options', 'nosniff')
			.header('Cross-Origin-Resource-Policy', 'same-origin');
		if (req.headers['if-none-match'] === etag) return reply.code(304).send();
		return reply
			.header('Content-Type', inline ? download.row.mime : 'application/octet-stream')
			.header('Content-Disposition', inline ? 'inline' : `attachment; filename="${hash}"`)
			.header('Content-Length', String(download.object.size))
			.send(download.object.open());
	});
};

export default uploadRoutes;
