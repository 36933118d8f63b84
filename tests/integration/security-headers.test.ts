import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/http';
import { inlineHashes, templateStyleHashes } from '../../server/src/security-headers';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { tempDir } from '../fixtures/http-server';
import { testDbKind } from '../fixtures/test-db';

const BOOT = `\n\t\t\t\t{ __sveltekit_x = { base: "" }; }\n\t\t\t`;
const SHELL = `<!doctype html><html><head><script src="/_app/x.js"></script></head><body><div style="display: contents"><script>${BOOT}</script></div></body></html>`;
const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

function directives(csp: string): Map<string, string[]> {
	return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe(`security headers (${testDbKind})`, () => {
	let t: TestApp;
	let app: FastifyInstance;
	let url: string;
	const dir = tempDir('static');

	beforeAll(async () => {
		writeFileSync(join(dir.path, 'index.html'), SHELL);
		t = await createTestApp();
		app = await buildApp({ services: t.services, staticDir: dir.path, logLevel: 'error' });
		await app.listen({ host: '127.0.0.1', port: 0 });
		url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await app?.close();
		await t?.close();
		dir.remove();
	});

	it('serves the shell under a strict CSP that admits exactly its own inline script and style by hash', async () => {
		const res = await fetch(`${url}/agent/cases/123`, { headers: { accept: 'text/html' } });
		expect(res.status).toBe(200);
		const csp = directives(res.headers.get('content-security-policy') ?? '');
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(csp.get('script-src')).toEqual(["'self'", sha(BOOT)]);
		expect(csp.get('style-src')).toEqual(["'self'"]);
		expect(csp.get('style-src-attr')).toEqual(["'unsafe-hashes'", sha('display: contents')]);
		expect(csp.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
		expect(csp.get('connect-src')).toEqual(["'self'"]);
		expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'self'"]);
		expect(csp.get('form-action')).toEqual(["'self'"]);
		for (const values of csp.values()) expect(values).not.toContain("'unsafe-inline'");
		expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
	});

	it('follows a rebuilt shell without a restart', async () => {
		const next = BOOT.replace('base: ""', 'base: "", v: 2');
		writeFileSync(join(dir.path, 'index.html'), SHELL.replace(BOOT, next));
		// A later mtime: some file systems keep whole seconds.
		await new Promise((r) => setTimeout(r, 1100));
		writeFileSync(join(dir.path, 'index.html'), SHELL.replace(BOOT, next));
		const res = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
		expect(directives(res.headers.get('content-security-policy') ?? '').get('script-src')).toEqual(["'self'", sha(next)]);
	});

	it('puts the headers on API answers too', async () => {
		const res = await fetch(`${url}/trpc/auth.me`);
		expect(res.status).toBe(401);
		expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('hashes style attributes that built components render from template strings', () => {
		expect(templateStyleHashes('x=`<div id="a" style="width: 1px">`;y="<p style=\\"top: 0\\">"')).toEqual([sha('width: 1px'), sha('top: 0')]);
	});

	it('hashes only inline scripts, not scripts loaded by src', () => {
		expect(inlineHashes('<script src="/a.js"></script><script type="module">x()</script>')).toEqual({ scripts: [sha('x()')], styleAttributes: [] });
	});
});
