import { describe, expect, it } from 'vitest';
import { homePathFor } from './home-path';

describe('home after login or unlock', () => {
	it('sends a grid worker to his deliveries, an agent to her cases', () => {
		expect(homePathFor({ roles: ['grid_worker'] })).toBe('/grid');
		expect(homePathFor({ roles: ['village_agent'] })).toBe('/agent');
		expect(homePathFor({ roles: ['village_agent', 'grid_worker'] })).toBe('/agent');
		expect(homePathFor({ roles: ['township_issuer'] })).toBe('/township');
		expect(homePathFor({ roles: ['supervisor'] })).toBe('/supervisor');
	});
});
