import { VERIFY_PATH } from '$lib/domain/certificates';

/**
 * The payload in what the worker scanned or typed: the QR holds the public check URL
 * (`…/verify?p=<payload>`); a bare payload is taken as it is.
 */
export function payloadFromInput(input: string): string {
	const text = input.trim();
	if (!/^https?:\/\//i.test(text)) return text;
	try {
		const url = new URL(text);
		const p = url.searchParams.get('p');
		return url.pathname.endsWith(VERIFY_PATH) && p ? p : text;
	} catch {
		return text;
	}
}
