import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { testDbKind } from '../fixtures/test-db';
import { stationItemCodes } from '../../src/lib/domain/catalog/station-list';

const CHENGHU = '360121100201';
const LIANXI = '360121100202';

async function refusedWith(call: Promise<unknown>): Promise<string> {
	try {
		await call;
	} catch (e) {
		if (e instanceof TRPCError) return `${e.code}: ${e.message}`;
		throw e;
	}
	throw new Error('the call succeeded but should have been refused');
}

describe(`station proxy lists (${testDbKind})`, () => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it("the demo county publishes each station list; the agent's catalog carries it", async () => {
		const agent = await app.callerFor('agent.chenghu');
		const catalog = await agent.catalog.latest();
		expect(stationItemCodes(catalog, CHENGHU)).toHaveLength(30);
		expect(stationItemCodes(catalog, LIANXI)).toHaveLength(18);
	});

	it('a supervisor publishes a station list as a new catalog version; items withdrawn later leave it', async () => {
		const supervisor = await app.callerFor('supervisor');
		const before = await supervisor.catalog.latest();
		const saved = await supervisor.catalog.saveStationList({ villageCode: LIANXI, itemCodes: ['WJ-LNYD-001', 'MZ-DB-001', 'SF-RMTJ-001'] });
		expect(saved.version).toBe(before.version + 1);
		const after = await supervisor.catalog.latest();
		expect(stationItemCodes(after, LIANXI)).toEqual(['WJ-LNYD-001', 'MZ-DB-001', 'SF-RMTJ-001']);
		expect(stationItemCodes(after, CHENGHU)).toEqual(stationItemCodes(before, CHENGHU));

		await supervisor.catalog.removeItem({ code: 'SF-RMTJ-001' });
		const pruned = await supervisor.catalog.latest();
		expect(stationItemCodes(pruned, LIANXI)).toEqual(['WJ-LNYD-001', 'MZ-DB-001']);
		expect(stationItemCodes(pruned, CHENGHU)).not.toContain('SF-RMTJ-001');
	});

	it('refuses unknown or non-proxy items with the path, another township, and anyone but a supervisor', async () => {
		const supervisor = await app.callerFor('supervisor');
		const version = (await supervisor.catalog.latest()).version;
		const bad = await refusedWith(supervisor.catalog.saveStationList({ villageCode: LIANXI, itemCodes: ['NOPE-001'] }));
		expect(bad).toMatch(/^BAD_REQUEST: .*stationLists\[\d+\]\.itemCodes\[0\]: station list of 360121100202 refers to unknown item NOPE-001/);
		expect(await refusedWith(supervisor.catalog.saveStationList({ villageCode: '360999100201', itemCodes: ['MZ-DB-001'] }))).toMatch(
			/^FORBIDDEN: village 360999100201 is not in township 360121100/
		);
		const agent = await app.callerFor('agent.lianxi');
		expect(await refusedWith(agent.catalog.saveStationList({ villageCode: LIANXI, itemCodes: ['MZ-DB-001'] }))).toMatch(/^FORBIDDEN/);
		expect(await refusedWith(supervisor.catalog.saveStationList({ villageCode: 'x', itemCodes: [] }))).toMatch(/^BAD_REQUEST/);
		expect((await supervisor.catalog.latest()).version).toBe(version);
	});
});
