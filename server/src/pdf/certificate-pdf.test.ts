import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildCertificatePdf, type CertificatePage } from './certificate-pdf';
import { embeddedFonts } from './pdf-inspect';
import type { CertificateFacts } from '../../../src/lib/domain/certificates';

function page(n: number, holderName: string): CertificatePage {
	const facts: CertificateFacts = {
		certificateNumber: `360121100-2026-${String(n).padStart(6, '0')}`,
		caseNumber: '3601211002012026112300012',
		itemCode: 'WJ-LNYD-001',
		itemName: '老年人优待证',
		holderName,
		holderIdMasked: '3601**********1234',
		issuedOn: '2026-11-23',
		townshipName: '城湖镇',
		keyId: 'k-360121100-standard-1',
		suite: 'standard'
	};
	return { title: '老年人优待证', facts, verifyUrl: `https://daiban.example.cn/verify?p=${'A'.repeat(500)}.${'B'.repeat(86)}` };
}

describe('buildCertificatePdf', () => {
	it('builds one page per certificate with a subset Chinese font, under 1 MB', async () => {
		const bytes = await buildCertificatePdf([page(1, '张秀英'), page(2, '欧阳明')]);
		expect(bytes.length).toBeLessThan(1024 * 1024);
		const doc = await PDFDocument.load(bytes);
		expect(doc.getPageCount()).toBe(2);
		const fonts = embeddedFonts(doc);
		expect(fonts).toHaveLength(1);
		const font = fonts[0]!;
		// The whole font file is 1.1 MB; a subset of a few dozen glyphs is a few tens of KB.
		expect(font.fontFileBytes).toBeGreaterThan(1000);
		expect(font.fontFileBytes).toBeLessThan(100 * 1024);
		for (const text of ['老年人优待证', '张秀英', '欧阳明', '城湖镇', '证照编号', '发证机关', '360121100-2026-000002', 'Ed25519']) {
			for (const ch of text) expect(font.characters, `ToUnicode maps ${ch}`).toContain(ch);
		}
		// A character that is nowhere on the certificate has no glyph in the subset.
		expect(font.characters).not.toContain('龙');
	});
	it('refuses an empty batch', async () => {
		await expect(buildCertificatePdf([])).rejects.toThrow(/at least one/);
	});
});
