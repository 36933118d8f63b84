import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyHelmet from '@fastify/helmet';

/**
 * Security headers for every response (docs/SECURITY.md, "Headers"). The SPA shell has one inline
 * bootstrap script (SvelteKit's) and one inline style attribute; instead of 'unsafe-inline' the
 * policy allows exactly those, by their SHA-256, read from the built index.html. The file is
 * re-read when it changes, so a rebuild needs no restart (the static files are looked up per
 * request too).
 */
export interface ShellHashes {
	scripts: string[];
	styleAttributes: string[];
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Hashes of the inline scripts (no src) and style attributes of an HTML page, in CSP source form. */
export function inlineHashes(html: string): ShellHashes {
	const scripts = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)]
		.filter((m) => !/\ssrc\s*=/i.test(m[1] ?? ''))
		.map((m) => sha256(m[2] ?? ''));
	const styleAttributes = [...html.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)].map((m) => sha256(m[1] ?? ''));
	return { scripts: [...new Set(scripts)], styleAttributes: [...new Set(styleAttributes)] };
}

/**
 * Style attribute values inside the built JavaScript: Svelte renders a component's markup from a
 * template string, so a literal `style="…"` there (SvelteKit's own route announcer has one) is
 * applied as an attribute and needs its hash too.
 */
export function templateStyleHashes(code: string): string[] {
	return [...code.matchAll(/style=\\?"([^"\\]*)\\?"/g)].map((m) => sha256(m[1] ?? ''));
}

function builtScripts(dir: string): string[] {
	const out: string[] = [];
	// Bounded by the build's size; the immutable folder is a few levels deep at most.
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && entry.name.endsWith('.js')) out.push(join(entry.parentPath, entry.name));
	}
	return out;
}

function shellHashReader(staticDir: string | undefined): () => ShellHashes {
	let cached: { mtimeMs: number; hashes: ShellHashes } | undefined;
	const empty: ShellHashes = { scripts: [], styleAttributes: [] };
	return () => {
		if (!staticDir) return empty;
		const file = join(staticDir, 'index.html');
		try {
			const { mtimeMs } = statSync(file);
			if (cached?.mtimeMs !== mtimeMs) {
				const shell = inlineHashes(readFileSync(file, 'utf8'));
				let fromScripts: string[] = [];
				try {
					fromScripts = builtScripts(join(staticDir, '_app', 'immutable')).flatMap((f) => templateStyleHashes(readFileSync(f, 'utf8')));
				} catch {
					// No built scripts (a test's bare shell): the shell's own hashes are all there is.
				}
				cached = { mtimeMs, hashes: { scripts: shell.scripts, styleAttributes: [...new Set([...shell.styleAttributes, ...fromScripts])] } };
			}
			return cached.hashes;
		} catch {
			// No build (an API-only server in tests): nothing inline to allow.
			return empty;
		}
	};
}

export async function registerSecurityHeaders(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
	const hashes = shellHashReader(staticDir);
	await app.register(fastifyHelmet, {
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'", () => hashes().scripts.join(' ')],
				styleSrc: ["'self'"],
				// 'unsafe-hashes' admits only the hashed attribute values, never arbitrary inline styles.
				styleSrcAttr: [() => (hashes().styleAttributes.length ? `'unsafe-hashes' ${hashes().styleAttributes.join(' ')}` : "'none'")],
				// blob: for photos shown from IndexedDB, data: for QR codes rendered as data URLs.
				imgSrc: ["'self'", 'blob:', 'data:'],
				fontSrc: ["'self'"],
				connectSrc: ["'self'"],
				// blob: for the photo compressor's worker (browser-image-compression builds it from a Blob
				// of its own code, which then imports the self-hosted library: script-src 'self' applies).
				workerSrc: ["'self'", 'blob:'],
				manifestSrc: ["'self'"],
				objectSrc: ["'none'"],
				frameSrc: ["'none'"],
				baseUri: ["'self'"],
				formAction: ["'self'"],
				frameAncestors: ["'none'"]
			}
		},
		// Same-origin resources only; the app embeds nothing from elsewhere.
		crossOriginResourcePolicy: { policy: 'same-origin' },
		referrerPolicy: { policy: 'no-referrer' },
		// The same as frame-ancestors 'none', for browsers that read only the old header.
		frameguard: { action: 'deny' },
		// HSTS means something only over https; browsers ignore it on http, so it stays on.
		strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false }
	});
}
