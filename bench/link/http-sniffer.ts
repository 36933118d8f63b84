/**
 * Reads the HTTP/1.1 requests in one connection's client → server byte stream, as far as the
 * bench needs: method, target, a few headers, and how much of each body reached the server.
 * That is what tells a tus PATCH that arrived whole from one cut off by a drop, so the bench can
 * count bytes a resumed upload sent twice. A body it cannot frame (chunked) ends the sniffing of
 * that connection; nothing is guessed.
 */
export interface SniffedRequest {
	connectionId: number;
	method: string;
	target: string;
	headers: Record<string, string>;
	/** Content-Length, 0 without one. */
	bodyBytes: number;
	/** Body bytes that went through to the server. */
	deliveredBodyBytes: number;
	/** Head and body bytes together, as far as they went through. */
	deliveredBytes: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** A request head longer than this is not HTTP we understand. */
const MAX_HEAD_BYTES = 64 * 1024;

export class HttpRequestSniffer {
	private head: Buffer = Buffer.alloc(0);
	private current: SniffedRequest | undefined;
	private remainingBody = 0;
	/** Set when the stream is not framed HTTP/1.1 we can follow. */
	gaveUp: string | undefined;

	constructor(
		private readonly connectionId: number,
		private readonly onRequest: (request: SniffedRequest) => void
	) {}

	feed(chunk: Buffer): void {
		let rest = chunk;
		while (rest.length > 0 && !this.gaveUp) {
			if (this.current && this.remainingBody > 0) {
				const n = Math.min(this.remainingBody, rest.length);
				this.current.deliveredBodyBytes += n;
				this.current.deliveredBytes += n;
				this.remainingBody -= n;
				rest = rest.subarray(n);
				if (this.remainingBody === 0) this.current = undefined;
				continue;
			}
			const joined = this.head.length > 0 ? Buffer.concat([this.head, rest]) : rest;
			const end = joined.indexOf(HEAD_END);
			if (end < 0) {
				if (joined.length > MAX_HEAD_BYTES) this.gaveUp = 'request head over 64 KiB';
				this.head = Buffer.from(joined);
				return;
			}
			const headBytes = end + HEAD_END.length;
			this.head = Buffer.alloc(0);
			rest = joined.subarray(headBytes);
			this.startRequest(joined.subarray(0, end).toString('latin1'), headBytes);
		}
	}

	private startRequest(headText: string, headBytes: number): void {
		const [requestLine = '', ...lines] = headText.split('\r\n');
		const [method = '', target = ''] = requestLine.split(' ');
		const headers: Record<string, string> = {};
		for (const line of lines) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		if (headers['transfer-encoding']) {
			this.gaveUp = `a ${headers['transfer-encoding']} body cannot be framed`;
			return;
		}
		const bodyBytes = Number(headers['content-length'] ?? 0);
		if (!Number.isSafeInteger(bodyBytes) || bodyBytes < 0) {
			this.gaveUp = `bad Content-Length ${headers['content-length']}`;
			return;
		}
		const request: SniffedRequest = {
			connectionId: this.connectionId,
			method,
			target,
			headers,
			bodyBytes,
			deliveredBodyBytes: 0,
			deliveredBytes: headBytes
		};
		this.current = bodyBytes > 0 ? request : undefined;
		this.remainingBody = bodyBytes;
		this.onRequest(request);
	}
}
