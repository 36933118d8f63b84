import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, Services } from '../context';
import { authService } from '../services/auth.service';
import { certificateService } from '../services/certificate.service';
import { certificateKeyService } from '../services/certificate-key.service';
import { DomainError, HTTP_STATUS_OF } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import { certificateVerifyUrl } from '../../../src/lib/domain/certificates';
import { cstDate } from '../../../src/lib/domain/case/workflow';

/*
 * Certificates as files, beside tRPC (a PDF is binary):
 *
 *   GET /.well-known/daiban/certificate-keys.json   public: { keys: CertificateKey[] }, cacheable
 *   GET /api/certificates/<id>.pdf[?print=<printId>] one certificate. The first download is the
 *                                                    first print (recorded, no reason); later ones
 *                                                    need a print id from certificates.reprint.
 *   GET /api/certificates/batch.pdf?date=YYYY-MM-DD  the day's certificates never printed yet, one PDF
 *
 * PDFs need the session cookie and the role township_issuer or supervisor (the service checks
 * the township of each certificate).
 */

export interface CertificateFileRoutesOptions {
	services: Services;
	sessionCookie: string;
}

const fileSchema = z.string().regex(/^[0-9a-f-]{36}\.pdf$/, 'expected <certificate id>.pdf');
const singleQuerySchema = z.object({ print: z.uuid().optional() });
const batchQuerySchema = z.object({ date: z.iso.date().optional() });

/** The public origin for the QR code: DAIBAN_PUBLIC_URL if set, else the address the request used. */
function originOf(req: FastifyRequest, configured: string | undefined): string {
	return configured ?? `${req.protocol}://${req.host}`;
}

export const certificateFileRoutes: FastifyPluginAsync<CertificateFileRoutesOptions & { publicOrigin?: string }> = async (
	app,
	{ services, sessionCookie, publicOrigin }
) => {
	app.get('/.well-known/daiban/certificate-keys.json', async (_req, reply) => {
		const keys = await certificateKeyService.publishedKeys(services.db);
		// Keys change rarely (a new key, a revocation); an hour keeps offline phones reasonably fresh.
		return reply.header('Cache-Control', 'public, max-age=3600').header('Access-Control-Allow-Origin', '*').send({ keys });
	});

	async function actorOf(req: FastifyRequest, reply: FastifyReply): Promise<Actor | null> {
		const token = req.cookies[sessionCookie];
		const actor = token ? await authService.resolveSession(services.db, token, services.now()) : null;
		if (!actor) {
			await reply.code(401).send({ error: 'unauthenticated', message: 'please log in' });
			return null;
		}
		if (!hasRole(actor, 'township_issuer', 'supervisor')) {
			await reply.code(403).send({ error: 'forbidden', message: 'this needs the role township_issuer or supervisor' });
			return null;
		}
		return actor;
	}

	function fail(reply: FastifyReply, e: unknown): FastifyReply {
		if (!(e instanceof DomainError)) throw e;
		return reply.code(HTTP_STATUS_OF[e.code]).send({ error: e.code.toLowerCase(), message: e.message });
	}

	async function sendPdf(req: FastifyRequest, reply: FastifyReply, ids: string[], printId: string | undefined, filename: string) {
		const actor = await actorOf(req, reply);
		if (!actor) return reply;
		try {
			const rows = await certificateService.authorisePrint(services.db, actor, ids, printId, services.now());
			const origin = originOf(req, publicOrigin);
			// Loaded on first use: pdf-lib, fontkit and HarfBuzz's WebAssembly need not slow every start.
			const { buildCertificatePdf } = await import('../pdf/certificate-pdf');
			const pdf = await buildCertificatePdf(
				rows.map((r) => ({ title: r.facts.itemName, facts: r.facts, payload: r.payload, verifyUrl: certificateVerifyUrl(origin, r.payload) }))
			);
			return reply
				.header('Content-Type', 'application/pdf')
				.header('Content-Disposition', `inline; filename="${filename}"`)
				.header('Cache-Control', 'no-store')
				.header('X-Content-Type-Options', 'nosniff')
				.send(Buffer.from(pdf));
		} catch (e) {
			return fail(reply, e);
		}
	}

	// Static route: wins over the parametric one below for this exact name.
	app.get('/api/certificates/batch.pdf', async (req, reply) => {
		const query = batchQuerySchema.safeParse(req.query);
		if (!query.success) return reply.code(400).send({ error: 'bad_request', message: 'date must be YYYY-MM-DD' });
		const date = query.data.date ?? cstDate(services.now().toISOString());
		const actor = await actorOf(req, reply);
		if (!actor) return reply;
		const ids = await certificateService.unprintedOn(services.db, actor, date);
		if (ids.length === 0) {
			return reply.code(404).send({ error: 'not_found', message: `no unprinted certificates on ${date}: reprint single certificates with a reason` });
		}
		return sendPdf(req, reply, ids, undefined, `certificates-${date}.pdf`);
	});

	app.get<{ Params: { file: string } }>('/api/certificates/:file', async (req, reply) => {
		const file = fileSchema.safeParse(req.params.file);
		const query = singleQuerySchema.safeParse(req.query);
		if (!file.success || !query.success) return reply.code(400).send({ error: 'bad_request', message: 'expected /api/certificates/<id>.pdf[?print=<print id>]' });
		const id = file.data.slice(0, -'.pdf'.length);
		return sendPdf(req, reply, [id], query.data.print, `certificate-${id}.pdf`);
	});
};

export default certificateFileRoutes;
