import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { uuidv7 } from 'uuidv7';
import { appRouter } from '../../server/src/routers/app.router';
import { createCallerFactory, type ProcedureMeta } from '../../server/src/trpc';
import type { Actor } from '../../server/src/context';
import { adminService } from '../../server/src/services/admin.service';
import { authService } from '../../server/src/services/auth.service';
import { ROLES, type Role } from '../../src/lib/domain/roles';
import { PROTOCOL_VERSION } from '../../src/lib/domain/sync/protocol';
import { createTestApp, type TestApp } from '../fixtures/test-app';
import { SAMPLE_INPUTS, seniorCard, type Fixture } from '../fixtures/procedure-samples';
import { makeIntake } from '../fixtures/cases';
import { testDbKind } from '../fixtures/test-db';

/**
 * Generated from the router itself: every procedure, called as anonymous, as a user of every role
 * and as another village's agent, must be allowed or refused exactly as its meta.access declares.
 * A procedure without access meta, or without a sample input below, fails the suite: adding a
 * procedure means deciding who may call it.
 */

const createCaller = createCallerFactory(appRouter);

/** One demo user per role (plus the other village's agent for the row-level checks). */
const CALLERS: Record<string, { username: string; role: Role } | null> = {
	anonymous: null,
	village_agent: { username: 'agent.chenghu', role: 'village_agent' },
	other_village_agent: { username: 'agent.lianxi', role: 'village_agent' },
	township_intake: { username: 'intake', role: 'township_intake' },
	township_approver: { username: 'approver.renshe', role: 'township_approver' },
	township_issuer: { username: 'issuer', role: 'township_issuer' },
	grid_worker: { username: 'grid.chenghu', role: 'grid_worker' },
	supervisor: { username: 'supervisor', role: 'supervisor' },
	it_admin: { username: 'admin', role: 'it_admin' }
};

type Outcome = { ok: true } | { ok: false; code: string; message: string };

/** The access middleware's own refusals; a service's row-level NOT_FOUND or FORBIDDEN is something else. */
function isAccessRefusal(o: Outcome): 'UNAUTHORIZED' | 'FORBIDDEN' | null {
	if (o.ok) return null;
	if (o.code === 'UNAUTHORIZED') return 'UNAUTHORIZED';
	if (o.code === 'FORBIDDEN' && o.message.startsWith('this action needs one of the roles')) return 'FORBIDDEN';
	return null;
}

function expected(access: ProcedureMeta['access'], caller: string): 'allowed' | 'UNAUTHORIZED' | 'FORBIDDEN' {
	const who = CALLERS[caller];
	if (access === 'public') return 'allowed';
	if (!who) return 'UNAUTHORIZED';
	if (access === 'authenticated') return 'allowed';
	return access.roles.includes(who.role) ? 'allowed' : 'FORBIDDEN';
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' | 'subscription'; meta?: ProcedureMeta } }>);

describe(`authorisation matrix: every procedure × every role (${testDbKind})`, () => {
	let app: TestApp;
	let fixture: Fixture;
	const actors = new Map<string, Actor | null>();

	function callerOf(name: string) {
		return createCaller({ ...app.services, actor: actors.get(name) ?? null, request: null });
	}

	async function call(name: string, path: string, input: unknown): Promise<Outcome> {
		const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callerOf(name)) as (i: unknown) => Promise<unknown>;
		try {
			await fn(input);
			return { ok: true };
		} catch (e) {
			if (!(e instanceof TRPCError)) throw e;
			return { ok: false, code: e.code, message: e.message };
		}
	}

	beforeAll(async () => {
		app = await createTestApp();
		for (const [name, who] of Object.entries(CALLERS)) actors.set(name, who ? await app.actorFor(who.username) : null);
		const clientIds = new Map(Object.keys(CALLERS).map((c) => [c, uuidv7()]));
		// A case of the first village, a problem report, and a user with a device to administer.
		const intake = makeIntake({ itemCodes: [seniorCard.code], form: {}, materials: [] });
		const problemId = uuidv7();
		const pushed = await callerOf('village_agent').sync.push({
			protocolVersion: PROTOCOL_VERSION,
			clientId: clientIds.get('village_agent')!,
			mutations: [
				{ id: 1, name: 'case.submit', args: intake, createdAt: intake.createdAt },
				{ id: 2, name: 'problem.report', args: { id: problemId, villageCode: intake.villageCode, category: 'other', note: 'matrix', createdAt: intake.createdAt }, createdAt: intake.createdAt }
			]
		});
		expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
		const target = await adminService.createUser(app.db, { kind: 'cli' }, { username: 'matrix.target', displayName: 'Target', password: 'target-password-1', roles: ['village_agent'], scope: { townshipCode: '360121100', villageCodes: ['360121100203'], gridCodes: [], departmentCodes: [] } }, new Date());
		const login = await authService.login(app.db, { username: 'matrix.target', password: 'target-password-1', deviceName: 'target' }, new Date(), 30);
		fixture = { caseId: intake.id, problemId, targetUserId: target.id, targetDeviceId: login.device.id, clientIdOf: (c) => clientIds.get(c)! };
	});
	afterAll(async () => app?.close());

	it('every procedure declares its access and has a sample input; every role has a caller', () => {
		const undeclared = procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path);
		expect(undeclared, 'procedures without meta.access').toEqual([]);
		const missing = procedures.map(([path]) => path).filter((path) => !(path in SAMPLE_INPUTS));
		expect(missing, 'procedures without a sample input in SAMPLE_INPUTS').toEqual([]);
		const stale = Object.keys(SAMPLE_INPUTS).filter((path) => !procedures.some(([p]) => p === path));
		expect(stale, 'sample inputs for procedures that no longer exist').toEqual([]);
		const covered = new Set(Object.values(CALLERS).flatMap((c) => (c ? [c.role] : [])));
		expect(ROLES.filter((r) => !covered.has(r)), 'roles without a caller').toEqual([]);
	});

	// One test per procedure, so a failure names it.
	for (const [path, procedure] of procedures) {
		it(`${path} (${procedure._def.type}) admits exactly ${JSON.stringify(procedure._def.meta?.access)}`, async () => {
			const access = procedure._def.meta?.access;
			const input = SAMPLE_INPUTS[path];
			if (!access || !input) throw new Error(`${path}: no access meta or no sample input (see the first test)`);
			const table: Record<string, { expected: string; got: string }> = {};
			for (const name of Object.keys(CALLERS)) {
				const outcome = await call(name, path, input(fixture, name));
				const refusal = isAccessRefusal(outcome);
				table[name] = { expected: expected(access, name), got: refusal ?? 'allowed' };
			}
			const wrong = Object.entries(table).filter(([, r]) => r.expected !== r.got);
			expect(wrong, `${path}: callers answered other than declared`).toEqual([]);
		});
	}

	describe('row level: another village’s agent and another township’s staff get nothing', () => {
		it('another village’s agent does not pull this village’s case and cannot resubmit it', async () => {
			const pulled = await callerOf('other_village_agent').sync.pull({ protocolVersion: PROTOCOL_VERSION, clientId: fixture.clientIdOf('other_village_agent'), cursor: 0 });
			expect(pulled.cases.map((c) => c.id)).not.toContain(fixture.caseId);
			expect(pulled.problems.map((p) => p.id)).not.toContain(fixture.problemId);
			const res = await callerOf('other_village_agent').sync.push({
				protocolVersion: PROTOCOL_VERSION,
				clientId: fixture.clientIdOf('other_village_agent'),
				mutations: [{ id: 1, name: 'case.resubmit', args: { caseId: fixture.caseId, materials: [{ itemCode: seniorCard.code, materialId: seniorCard.materials[0]?.id ?? 'm1', received: true, checkedPoints: [], replacedByCommitment: false, attachmentHashes: [] }] }, createdAt: new Date().toISOString() }]
			});
			expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
			// Nor can she file a case for the other village.
			const foreign = makeIntake({ itemCodes: [seniorCard.code], form: {}, materials: [] }, '360121100201');
			const filed = await callerOf('other_village_agent').sync.push({
				protocolVersion: PROTOCOL_VERSION,
				clientId: fixture.clientIdOf('other_village_agent'),
				mutations: [{ id: 2, name: 'case.submit', args: foreign, createdAt: foreign.createdAt }]
			});
			expect(filed.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
		});

		it('staff and a supervisor of another township can neither read nor act on the case, nor see its devices', async () => {
			const scope = { townshipCode: '360121101', villageCodes: [], gridCodes: [], departmentCodes: ['RS', 'YB', 'WJ'] };
			await adminService.createUser(app.db, { kind: 'cli' }, { username: 'approver.far', displayName: 'Far approver', password: 'far-password-1', roles: ['township_approver', 'supervisor'], scope }, new Date());
			const far = createCaller({ ...app.services, actor: await (async () => {
				const res = await authService.login(app.db, { username: 'approver.far', password: 'far-password-1', deviceName: 'far' }, new Date(), 30);
				return authService.resolveSession(app.db, res.token, new Date());
			})(), request: null });
			await expect(far.case.get({ caseId: fixture.caseId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await expect(far.case.act({ caseId: fixture.caseId, event: { type: 'start_review' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			expect((await far.case.queue({ statuses: ['received', 'accepted'] })).cases.map((c) => c.id)).not.toContain(fixture.caseId);
			const devices = await far.admin.devices();
			expect(devices.every((d) => d.username === 'approver.far')).toBe(true);
			const chenghu = actors.get('village_agent')!;
			await expect(far.admin.revokeDevice({ deviceId: chenghu.deviceId, reason: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		});
	});
});
