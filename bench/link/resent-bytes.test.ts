import { describe, expect, it } from 'vitest';
import { resentBytes } from './resent-bytes';
import type { SniffedRequest } from './http-sniffer';

const patch = (target: string, offset: number, body: number, delivered = body): SniffedRequest => ({
	connectionId: 1,
	method: 'PATCH',
	target,
	headers: { 'upload-offset': String(offset) },
	bodyBytes: body,
	deliveredBodyBytes: delivered,
	deliveredBytes: delivered + 200
});

describe('resentBytes', () => {
	it('a resume from the server offset re-sends nothing', () => {
		const r = resentBytes([patch('/uploads/a', 0, 100), patch('/uploads/a', 100, 100, 40), patch('/uploads/a', 140, 60)]);
		expect(r).toEqual({ patches: 3, resentFinished: 0, resentAny: 0 });
	});

	it('a restart from zero re-sends the finished chunk and the cut one', () => {
		const r = resentBytes([patch('/uploads/a', 0, 100), patch('/uploads/a', 100, 100, 40), patch('/uploads/a', 0, 200)]);
		expect(r.resentFinished).toBe(100);
		expect(r.resentAny).toBe(140);
	});

	it('resuming at the start of a cut chunk re-sends only what was cut', () => {
		const r = resentBytes([patch('/uploads/a', 0, 100), patch('/uploads/a', 100, 100, 40), patch('/uploads/a', 100, 100)]);
		expect(r).toEqual({ patches: 3, resentFinished: 0, resentAny: 40 });
	});

	it('keeps files apart and ignores other requests', () => {
		const other = { ...patch('/uploads/b', 0, 100), method: 'POST' };
		const r = resentBytes([patch('/uploads/a', 0, 100), other, patch('/uploads/b', 0, 100), patch('/uploads/b?x=1', 50, 50)]);
		expect(r).toEqual({ patches: 3, resentFinished: 50, resentAny: 50 });
	});

	it('refuses a PATCH without an offset', () => {
		expect(() => resentBytes([{ ...patch('/u', 0, 1), headers: {} }])).toThrow(/Upload-Offset/);
	});
});
