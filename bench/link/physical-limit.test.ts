import { describe, expect, it } from 'vitest';
import { physicalLimitMs } from './physical-limit';
import { PROFILES } from './profiles';

describe('physicalLimitMs', () => {
	it('is bytes over bandwidth per direction plus the round trips', () => {
		// 3G: 384 kbit/s up = 48,000 B/s; 1.6 Mbit/s down = 200,000 B/s; 150 ms RTT.
		const ms = physicalLimitMs(PROFILES['3g'], { upBytes: 480_000, downBytes: 200_000, roundTrips: 2 });
		expect(ms).toBeCloseTo(10_000 + 1_000 + 300, 9);
	});

	it('on 2G the uplink dominates', () => {
		// 120 kbit/s = 15,000 B/s up; 240 kbit/s = 30,000 B/s down; 600 ms RTT.
		const ms = physicalLimitMs(PROFILES['2g'], { upBytes: 1_500_000, downBytes: 0, roundTrips: 1 });
		expect(ms).toBeCloseTo(100_000 + 600, 9);
	});

	it('refuses negative sizes', () => {
		expect(() => physicalLimitMs(PROFILES['3g'], { upBytes: -1, downBytes: 0, roundTrips: 0 })).toThrow(/negative/);
	});
});
