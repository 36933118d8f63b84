import QRCode from 'qrcode';

/**
 * QR codes for printed slips, drawn as SVG: it needs no canvas (works in tests and workers),
 * stays sharp at any print resolution and is generated on the device, so printing works offline.
 */

// 'M' survives the smudges and folds a slip gets in a pocket, while keeping a status URL with
// a case number small enough to scan from a low-end phone.
const OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } } as const;

/** SVG markup of the QR code for `text`. */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, OPTIONS);
}

/**
 * The QR code as a `data:image/svg+xml` URL, for an `<img>`: the markup is never injected into
 * the page, so nothing in the encoded text can become HTML.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
	return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await qrSvg(text))}`;
}
