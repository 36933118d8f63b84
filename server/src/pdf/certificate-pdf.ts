// subset-font ships no types; the declaration is referenced here because the app's tsconfig
// (svelte-check) reaches this file through tests but does not include server/src/types.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/subset-font.d.ts" />
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import subsetFont from 'subset-font';
import { CERTIFICATE_TEXT } from '../../../src/lib/domain/certificates/certificate-text.zh-CN';
import type { CertificateFacts } from '../../../src/lib/domain/certificates';
import { cryptoSuite } from '../../../src/lib/domain/crypto';

/** What one certificate page shows. */
export interface CertificatePage {
	/** The item's certificate name, e.g. 老年人优待证. */
	title: string;
	facts: CertificateFacts;
	/** certificateVerifyUrl(...): what the QR code holds. */
	verifyUrl: string;
}

/**
 * Noto Sans SC from @fontsource: its "chinese-simplified" file covers the common simplified
 * characters and Latin, so one font serves every line. Read once (1.1 MB), subset per PDF.
 */
const FONT_FILE = 'files/noto-sans-sc-chinese-simplified-400-normal.woff2';
let fontBytes: Promise<Buffer> | undefined;
function notoSansSc(): Promise<Buffer> {
	const packageDir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/LICENSE'));
	fontBytes ??= readFile(join(packageDir, FONT_FILE));
	return fontBytes;
}

// A5 landscape, in PDF points.
const WIDTH = 595.28;
const HEIGHT = 419.53;
const MARGIN = 36;
const INK = rgb(0.1, 0.1, 0.1);
const SEAL_RED = rgb(0.72, 0.1, 0.1);

function lines(page: CertificatePage): Array<[string, string]> {
	const f = page.facts;
	const t = CERTIFICATE_TEXT;
	return [
		[t.holderName, f.holderName],
		[t.holderId, f.holderIdMasked],
		[t.certificateNumber, f.certificateNumber],
		[t.caseNumber, f.caseNumber],
		[t.issuedOn, f.issuedOn],
		[t.issuer, `${f.townshipName}${t.issuerSuffix}`]
	];
}

function footer(page: CertificatePage): string {
	const suite = cryptoSuite(page.facts.suite);
	return `${CERTIFICATE_TEXT.signature} ${suite.algorithms.sign} · ${page.facts.suite} · ${page.facts.keyId}`;
}

/** Every character the PDF will draw: the subset keeps exactly these glyphs. */
function textOf(pages: readonly CertificatePage[]): string {
	const parts = [CERTIFICATE_TEXT.scanToVerify, '：'];
	for (const p of pages) parts.push(p.title, footer(p), ...lines(p).flat());
	return [...new Set(parts.join(''))].join('');
}

async function drawPage(pdf: PDFDocument, font: PDFFont, model: CertificatePage): Promise<void> {
	const page: PDFPage = pdf.addPage([WIDTH, HEIGHT]);
	page.drawRectangle({ x: 14, y: 14, width: WIDTH - 28, height: HEIGHT - 28, borderColor: SEAL_RED, borderWidth: 2 });
	const titleSize = 26;
	const titleWidth = font.widthOfTextAtSize(model.title, titleSize);
	page.drawText(model.title, { x: (WIDTH - titleWidth) / 2, y: HEIGHT - MARGIN - 40, size: titleSize, font, color: SEAL_RED });

	let y = HEIGHT - MARGIN - 90;
	for (const [label, value] of lines(model)) {
		page.drawText(`${label}：`, { x: MARGIN + 10, y, size: 12, font, color: INK });
		page.drawText(value, { x: MARGIN + 110, y, size: 12, font, color: INK });
		y -= 26;
	}

	const qr = await QRCode.toBuffer(model.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 3 });
	const image = await pdf.embedPng(qr);
	const side = 120;
	page.drawImage(image, { x: WIDTH - MARGIN - side, y: MARGIN + 30, width: side, height: side });
	const caption = CERTIFICATE_TEXT.scanToVerify;
	page.drawText(caption, { x: WIDTH - MARGIN - side / 2 - font.widthOfTextAtSize(caption, 9) / 2, y: MARGIN + 16, size: 9, font, color: INK });
	page.drawText(footer(model), { x: MARGIN + 10, y: MARGIN - 4, size: 7, font, color: rgb(0.4, 0.4, 0.4) });
}

/**
 * One PDF with one page per certificate (a batch is the same call with more pages). The font is
 * subset to the characters used before embedding, so a page stays in the tens of kilobytes.
 */
export async function buildCertificatePdf(pages: readonly CertificatePage[]): Promise<Uint8Array> {
	if (pages.length === 0) throw new Error('a certificate PDF needs at least one certificate');
	const subset = await subsetFont(await notoSansSc(), textOf(pages), { targetFormat: 'sfnt' });
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	pdf.setTitle(pages.length === 1 ? `${pages[0]!.title} ${pages[0]!.facts.certificateNumber}` : `${pages.length} certificates`);
	pdf.setProducer('Daiban');
	// Already subset by HarfBuzz; pdf-lib's own subsetting would redo it (and is weaker for CJK).
	const font = await pdf.embedFont(subset, { subset: false });
	for (const page of pages) await drawPage(pdf, font, page);
	return pdf.save();
}
