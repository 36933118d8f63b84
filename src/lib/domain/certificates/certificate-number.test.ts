import { describe, expect, it } from 'vitest';
import { formatCertificateNumber, parseCertificateNumber } from './certificate-number';

describe('certificate numbers', () => {
	it('are township-year-sequence with a six-digit sequence, and parse back', () => {
		expect(formatCertificateNumber('360121100', 2026, 42)).toBe('360121100-2026-000042');
		expect(parseCertificateNumber('360121100-2026-000042')).toEqual({ townshipCode: '360121100', year: 2026, sequence: 42 });
	});
	it('refuse bad parts', () => {
		expect(() => formatCertificateNumber('36012', 2026, 1)).toThrow(/9 digits/);
		expect(() => formatCertificateNumber('360121100', 2026, 0)).toThrow(/sequence/);
		expect(() => formatCertificateNumber('360121100', 2026, 1_000_000)).toThrow(/sequence/);
		expect(parseCertificateNumber('360121100-26-000042')).toBeNull();
		expect(parseCertificateNumber('360121100-2026-42')).toBeNull();
	});
});
