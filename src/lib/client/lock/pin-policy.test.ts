import { describe, expect, it } from 'vitest';
import { checkPin, normalizePin } from './pin-policy';

describe('checkPin', () => {
	it('wants exactly six digits', () => {
		for (const pin of ['', '24681', '2468100', '24681a', '２４６８１０', ' 246810']) expect(checkPin(pin), pin).toBe('format');
	});

	it('refuses trivially weak PINs', () => {
		for (const pin of ['000000', '999999', '123456', '654321', '012345', '890123', '121212', '123123', '112233', '111222', '101010', '520131', '147258']) {
			expect(checkPin(pin), pin).toBe('weak');
		}
	});

	it('accepts ordinary PINs', () => {
		for (const pin of ['246810', '314159', '739205', '580417']) expect(checkPin(pin), pin).toBeNull();
	});

	it('reads full-width digits as digits', () => {
		expect(normalizePin(' ２４６８１０ ')).toBe('246810');
		expect(checkPin(normalizePin('２４６８１０'))).toBeNull();
	});
});
