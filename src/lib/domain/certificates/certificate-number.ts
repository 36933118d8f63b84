import { z } from 'zod';

/**
 * Certificate numbers (证照编号) are readable and unique: township code, year, a sequence per
 * township and year, e.g. 360121100-2026-000042. The server allocates the sequence.
 */
export const certificateNumberSchema = z
	.string()
	.regex(/^\d{9}-\d{4}-\d{6}$/, 'certificate number: township code (9 digits)-year-sequence (6 digits)');

export function formatCertificateNumber(townshipCode: string, year: number, sequence: number): string {
	if (!/^\d{9}$/.test(townshipCode)) throw new Error(`township code must be 9 digits, got ${townshipCode}`);
	if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`year out of range: ${year}`);
	if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new Error(`sequence out of range: ${sequence}`);
	return `${townshipCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseCertificateNumber(value: string): { townshipCode: string; year: number; sequence: number } | null {
	const parsed = certificateNumberSchema.safeParse(value);
	if (!parsed.success) return null;
	const [townshipCode, year, sequence] = parsed.data.split('-') as [string, string, string];
	return { townshipCode, year: Number(year), sequence: Number(sequence) };
}
