import { describe, expect, it } from 'vitest';
import { HttpRequestSniffer, type SniffedRequest } from './http-sniffer';

function sniff(chunks: string[]) {
	const seen: SniffedRequest[] = [];
	const sniffer = new HttpRequestSniffer(7, (r) => seen.push(r));
	for (const c of chunks) sniffer.feed(Buffer.from(c, 'latin1'));
	return { seen, sniffer };
}

describe('HttpRequestSniffer', () => {
	it('follows pipelined requests whose heads and bodies are split anywhere', () => {
		const a = 'PATCH /uploads/x HTTP/1.1\r\nUpload-Offset: 0\r\nContent-Length: 5\r\n\r\nhello';
		const b = 'GET /trpc/sync.pull?input=1 HTTP/1.1\r\nHost: h\r\n\r\n';
		const all = a + b;
		const { seen, sniffer } = sniff([all.slice(0, 10), all.slice(10, 60), all.slice(60, 71), all.slice(71)]);
		expect(sniffer.gaveUp).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(seen[0]).toMatchObject({ connectionId: 7, method: 'PATCH', target: '/uploads/x', bodyBytes: 5, deliveredBodyBytes: 5, deliveredBytes: a.length });
		expect(seen[0]?.headers['upload-offset']).toBe('0');
		expect(seen[1]).toMatchObject({ method: 'GET', target: '/trpc/sync.pull?input=1', bodyBytes: 0, deliveredBytes: b.length });
	});

	it('counts a body cut off midway as partly delivered', () => {
		const { seen } = sniff(['POST /a HTTP/1.1\r\nContent-Length: 100\r\n\r\n', 'x'.repeat(30)]);
		expect(seen[0]).toMatchObject({ bodyBytes: 100, deliveredBodyBytes: 30 });
	});

	it('gives up on a body it cannot frame instead of guessing', () => {
		const { seen, sniffer } = sniff(['POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n']);
		expect(seen).toHaveLength(0);
		expect(sniffer.gaveUp).toMatch(/chunked/);
	});
});
