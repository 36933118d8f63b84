import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { freePort } from './free-port';

/**
 * The peer for the rural sync: pouchdb-server (in memory, from the npm registry) on loopback, and
 * in front of it a small HTTP server that serves the page the browser opens (pouchdb-browser,
 * bundled here from node_modules with esbuild) and forwards /db/* to pouchdb-server, so the
 * page and the database share one origin (no CORS preflights to distort the byte count). The
 * bench puts its throttling proxy in front of that server.
 */
export interface PouchPeer {
	/** Where the throttling proxy should point. */
	port: number;
	close(): Promise<void>;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>PouchDB peer</title>
<script src="/pouchdb.js"></script><p id="ready">ready</p>`;

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
			if (res.ok) return;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) throw new Error(`pouchdb-server did not answer at ${url} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export async function startPouchPeer(root: string): Promise<PouchPeer> {
	const workDir = join(root, '.tmp', 'bench', `pouch-${process.pid}`);
	mkdirSync(workDir, { recursive: true });
	const bundle = await build({
		entryPoints: [join(root, 'node_modules', 'pouchdb-browser', 'lib', 'index.es.js')],
		bundle: true,
		format: 'iife',
		globalName: 'PouchDBModule',
		platform: 'browser',
		minify: true,
		write: false,
		footer: { js: 'window.PouchDB = PouchDBModule.default;' },
		logLevel: 'silent'
	});
	const script = bundle.outputFiles[0]?.contents;
	if (!script) throw new Error('esbuild produced no pouchdb-browser bundle');

	const dbPort = await freePort();
	// pouchdb-server writes its config and log into the working directory: keep them in .tmp.
	const child: ChildProcess = spawn(join(root, 'node_modules', '.bin', 'pouchdb-server'), ['--in-memory', '--port', String(dbPort), '--host', '127.0.0.1'], {
		cwd: workDir,
		stdio: 'ignore'
	});
	const killChild = () => child.kill('SIGKILL');
	process.once('exit', killChild);
	try {
		await waitForHttp(`http://127.0.0.1:${dbPort}/`, 60_000);
	} catch (error) {
		killChild();
		throw error;
	}

	const server: Server = createServer((req, res) => {
		const url = req.url ?? '/';
		if (url === '/') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
		} else if (url === '/pouchdb.js') {
			res.writeHead(200, { 'content-type': 'text/javascript' }).end(Buffer.from(script));
		} else if (url.startsWith('/db/')) {
			const upstream = request(
				{ host: '127.0.0.1', port: dbPort, method: req.method, path: url.slice(3), headers: { ...req.headers, host: `127.0.0.1:${dbPort}` } },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				}
			);
			upstream.on('error', () => res.destroy());
			req.pipe(upstream);
		} else {
			res.writeHead(404).end();
		}
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
	return {
		port,
		async close() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			killChild();
			process.off('exit', killChild);
			rmSync(workDir, { recursive: true, force: true });
		}
	};
}
