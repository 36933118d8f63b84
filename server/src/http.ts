import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { appRouter, type AppRouter } from './routers/app.router';
import type { Context, RequestPort, Services } from './context';
import { authService } from './services/auth.service';

export const SESSION_COOKIE = 'daiban_session';
/** tRPC bodies are small JSON; binaries travel through the upload endpoint, never base64 in JSON. */
const TRPC_BODY_LIMIT = 2 * 1024 * 1024;

export interface AppOptions {
	services: Services;
	staticDir?: string;
	logLevel?: string;
	/** DAIBAN_TEST_HARNESS=1: GET /api/harness says so (docs/SYNC.md, "Test harness"). Never in production. */
	testHarness?: boolean;
	/** Largest tRPC request body in bytes (default 2 MB); tests lower it to meet a 413 for real. */
	trpcBodyLimit?: number;
}

function requestPort(req: FastifyRequest, reply: FastifyReply): RequestPort {
	const secure = req.protocol === 'https';
	return {
		ip: req.ip,
		secure,
		setSessionCookie(token, maxAgeSeconds) {
			reply.setCookie(SESSION_COOKIE, token, {
				httpOnly: true,
				sameSite: 'strict',
				secure,
				path: '/',
				maxAge: maxAgeSeconds
			});
		},
		clearSessionCookie() {
			reply.clearCookie(SESSION_COOKIE, { path: '/' });
		}
	};
}

/** JSON-RPC codes tRPC clients understand, for errors Fastify raises before tRPC runs. */
const TRPC_CODES: Record<number, [number, string]> = {
	400: [-32600, 'BAD_REQUEST'],
	413: [-32413, 'PAYLOAD_TOO_LARGE'],
	415: [-32415, 'UNSUPPORTED_MEDIA_TYPE']
};

/**
 * Errors raised by Fastify itself (body too large, wrong content type, unparsable JSON).
 * Under /trpc they get tRPC's error shape, so the app can show the reason instead of
 * "unexpected response"; a 5xx never carries internal details.
 */
function answerError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
	const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
	const message = status >= 500 ? 'internal server error' : error.message;
	if (status >= 500) req.log.error({ err: error }, 'request failed');
	if (req.url.startsWith('/trpc')) {
		const [code, name] = TRPC_CODES[status] ?? [status >= 500 ? -32603 : -32600, status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'];
		return reply.code(status).send({ error: { message, code, data: { code: name, httpStatus: status } } });
	}
	return reply.code(status).send({ error: message, statusCode: status });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
	const { services } = options;
	const app = Fastify({
		logger: { level: options.logLevel ?? 'info' },
		bodyLimit: options.trpcBodyLimit ?? TRPC_BODY_LIMIT,
		// Cases are identified by UUIDs; we never trust a proxy's X-Forwarded-For by default.
		trustProxy: false
	});
	await app.register(fastifyCookie);
	// gzip/brotli for JSON (pulls, the catalog) and the app's text assets: on 2G the bytes are the
	// time. Brotli at quality 4, not the default 11: pulls are compressed per request, and 11 costs
	// the server far more CPU for a few percent. Types that are already compressed (JPEG, PNG, WebP,
	// PDF) are skipped by their MIME type, and the attachment route turns compression off outright.
	await app.register(fastifyCompress, {
		global: true,
		threshold: 1024,
		encodings: ['br', 'gzip'],
		brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }
	});
	app.setErrorHandler(answerError);

	// A real round trip to the database: a load balancer must not route to a server whose database is gone.
	app.get('/healthz', async (_req, reply) => {
		try {
			await services.db.execute(sql`select 1`);
			return { ok: true, database: 'up' };
		} catch {
			return reply.code(503).send({ ok: false, database: 'down' });
		}
	});

	// The harness page asks this before doing anything; without the flag it is a plain 404.
	// It grants nothing: the page only calls client code the logged-in app can call anyway.
	if (options.testHarness) app.get('/api/harness', async (_req, reply) => reply.header('Cache-Control', 'no-store').send({ harness: true }));

	await app.register(fastifyTRPCPlugin, {
		prefix: '/trpc',
		trpcOptions: {
			router: appRouter,
			async createContext({ req, res }): Promise<Context> {
				const token = req.cookies[SESSION_COOKIE];
				const actor = token ? await authService.resolveSession(services.db, token, services.now()) : null;
				return { ...services, actor, request: requestPort(req, res) };
			},
			onError({ error, path }) {
				if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error, path }, 'tRPC internal error');
			}
		} satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions']
	});

	await app.register(import('./routes/catalog-files'), { services, sessionCookie: SESSION_COOKIE });
	await app.register(import('./routes/uploads'), { services, sessionCookie: SESSION_COOKIE });

	const staticDir = options.staticDir ? resolve(options.staticDir) : undefined;
	const indexHtml = staticDir && existsSync(resolve(staticDir, 'index.html'));
	if (staticDir && indexHtml) {
		await app.register(fastifyStatic, {
			root: staticDir,
			// Look files up per request: a rebuild with new hashed names needs no restart.
			wildcard: true,
			index: false,
			setHeaders(res, path) {
				// The shell and the service worker must be revalidated so updates are seen; hashed assets never change.
				if (path.endsWith('.html') || path.endsWith('service-worker.js') || path.endsWith('.webmanifest')) {
					res.header('Cache-Control', 'no-cache');
				} else if (path.includes('/_app/immutable/')) {
					res.header('Cache-Control', 'public, max-age=31536000, immutable');
				}
			}
		});
		app.get('/', (_req, reply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html'));
	}

	app.setNotFoundHandler((req, reply) => {
		const isApi = ['/trpc', '/uploads', '/attachments', '/api/', '/healthz'].some((p) => req.url.startsWith(p));
		if (req.method === 'GET' && !isApi && indexHtml && (req.headers.accept ?? '').includes('text/html')) {
			// SPA fallback: the client router renders every app route.
			return reply.header('Cache-Control', 'no-cache').type('text/html').sendFile('index.html');
		}
		return reply.code(404).send({ error: 'not found', path: req.url.split('?')[0] });
	});
	return app;
}
