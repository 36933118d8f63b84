import { describe, expect, it } from 'vitest';
import { qrSvg, qrSvgDataUrl } from './qr';

describe('qr', () => {
	const url = 'https://daiban.example.gov.cn/status?case=3301020012025000123';

	it('draws an SVG, the same for the same text', async () => {
		const svg = await qrSvg(url);
		expect(svg).toMatch(/^<svg[^>]*viewBox/);
		expect(svg).toContain('<path');
		expect(await qrSvg(url)).toBe(svg);
		expect(await qrSvg(`${url}4`)).not.toBe(svg);
	});

	it('wraps it in a data URL that decodes back to the SVG', async () => {
		const dataUrl = await qrSvgDataUrl(url);
		const prefix = 'data:image/svg+xml;charset=utf-8,';
		expect(dataUrl.startsWith(prefix)).toBe(true);
		expect(decodeURIComponent(dataUrl.slice(prefix.length))).toBe(await qrSvg(url));
	});
});
