import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, Services } from '../context';
import { authService } from '../services/auth.service';
import { sessionPolicyOf } from '../services/session-policy';
import { catalogAdminService } from '../services/catalog-admin.service';
import { DomainError, HTTP_STATUS_OF } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';

/*
 * The county item list as files: plain HTTP with raw bodies, because a spreadsheet is binary and
 * several MB; base64 inside tRPC JSON would inflate it by a third and hold it in memory twice.
 * Same session cookie as tRPC (401 without it, 403 without the supervisor role); the service checks the role again.
 *
 *   GET  /api/catalog/export.xlsx[?version=N]    the (newest) version as XLSX, as an attachment
 *   GET  /api/catalog/export.csv[?version=N]     the same as CSV (UTF-8 with BOM)
 *   POST /api/catalog/import?format=xlsx|csv     the file as the body → 200 { version, itemCount }
 *                                                or 400 { error: 'invalid_file', errors: [{ row, column, message }] }
 */

export interface CatalogFileRoutesOptions {
	services: Services;
	sessionCookie: string;
}

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What browsers and scripts send for these files; Excel on Windows labels CSV as vnd.ms-excel. */
const UPLOAD_TYPES = ['application/octet-stream', XLSX_TYPE, 'text/csv', 'application/csv', 'application/vnd.ms-excel'];
const formatSchema = z.enum(['xlsx', 'csv']);
const exportQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });
const importQuerySchema = z.object({ format: formatSchema });

const statusOf = HTTP_STATUS_OF;

/** RFC 6266: an ASCII name for old clients and the Chinese one for the rest. */
function attachment(version: number, format: z.infer<typeof formatSchema>): string {
	const ascii = `daiban-catalog-v${version}.${format}`;
	const utf8 = encodeURIComponent(`事项清单-v${version}.${format}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export const catalogFileRoutes: FastifyPluginAsync<CatalogFileRoutesOptions> = async (app, { services, sessionCookie }) => {
	// Scoped to this plugin: elsewhere these bodies stay refused.
	app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));

	// Checked on request, before a body of up to 10 MB is read from someone who may not send one.
	const actors = new WeakMap<FastifyRequest, Actor>();
	app.addHook('onRequest', async (req, reply) => {
		const token = req.cookies[sessionCookie];
		const actor = token ? await authService.resolveSession(services.db, token, services.now(), sessionPolicyOf(services)) : null;
		if (!actor) return reply.code(401).send({ error: 'unauthenticated', message: 'please log in' });
		if (!hasRole(actor, 'supervisor')) return reply.code(403).send({ error: 'forbidden', message: 'this action needs the role: supervisor' });
		actors.set(req, actor);
	});
	function actorOf(req: FastifyRequest): Actor {
		const actor = actors.get(req);
		if (!actor) throw new Error('the onRequest hook did not run');
		return actor;
	}

	function fail(reply: FastifyReply, e: unknown): FastifyReply {
		if (!(e instanceof DomainError)) throw e;
		return reply.code(statusOf[e.code]).send({ error: e.code.toLowerCase(), message: e.message });
	}

	for (const format of formatSchema.options) {
		app.get(`/api/catalog/export.${format}`, async (req, reply) => {
			const query = exportQuerySchema.safeParse(req.query);
			if (!query.success) return reply.code(400).send({ error: 'bad_request', message: z.prettifyError(query.error) });
			try {
				const file = await catalogAdminService.export(services.db, actorOf(req), format, query.data.version);
				return reply
					.header('Content-Type', format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
					.header('Content-Disposition', attachment(file.version, format))
					.header('Cache-Control', 'no-store')
					.header('X-Content-Type-Options', 'nosniff')
					.header('X-Catalog-Version', String(file.version))
					.send(file.body);
			} catch (e) {
				return fail(reply, e);
			}
		});
	}

	app.post('/api/catalog/import', { bodyLimit: MAX_IMPORT_BYTES }, async (req, reply) => {
		const query = importQuerySchema.safeParse(req.query);
		if (!query.success) return reply.code(400).send({ error: 'bad_request', message: 'format must be xlsx or csv' });
		if (!Buffer.isBuffer(req.body) || req.body.byteLength === 0)
			return reply.code(400).send({ error: 'bad_request', message: 'send the file as the request body (application/octet-stream)' });
		try {
			const outcome = await catalogAdminService.import(services.db, actorOf(req), req.body, query.data.format, services.now());
			if (!outcome.ok) return reply.code(400).send({ error: 'invalid_file', errors: outcome.errors });
			return reply.send({ version: outcome.version, itemCount: outcome.itemCount });
		} catch (e) {
			return fail(reply, e);
		}
	});
};

export default catalogFileRoutes;
