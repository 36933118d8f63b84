import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { openDatabase } from '../server/src/db/open-database';
import { seedIfEmpty } from '../server/src/services/seed.service';
import { demoCounty, demoUsers } from '../server/src/seed/demo-county';
import { authService } from '../server/src/services/auth.service';
import { appRouter } from '../server/src/routers/app.router';
import { createCallerFactory } from '../server/src/trpc';
import { caseRepository } from '../server/src/repositories/case.repository';
import { FsAttachmentStore } from '../server/src/storage/fs-attachment-store';
import { seedCatalog } from '../src/lib/domain/catalog/seed';
import type { CaseIntake } from '../src/lib/domain/case/case.schema';
import { computeResidentIdCheckChar } from '../src/lib/domain/ids';
import type { BenchPostgres } from './lib/pg';
import type { BenchSection, Figure } from './lib/report';
import { ms, percentile } from './lib/stats';

/**
 * The back office at county scale: a county's cases for two years, generated in PostgreSQL with
 * SQL, then the township front desk's queue page (through the real `case.queue` procedure:
 * router, role check, service, repository, output validation), a filtered search, and a month's
 * dashboard aggregates, each timed over repeated runs and explained (EXPLAIN ANALYZE) into
 * docs/bench/.
 */

export interface BackOfficeOptions {
	cases: number;
	repetitions: number;
	docsDir: string;
	log: (msg: string) => void;
}

const TOWNSHIPS = 20;
const VILLAGES_PER_TOWNSHIP = 15;
const COUNTY = '360121';
const DEMO_TOWNSHIP = '360121100';

/** A schema-valid intake per proxied item: the generator copies it and changes the per-case fields. */
function templates(): { code: string; intake: CaseIntake }[] {
	return seedCatalog.items
		.filter((i) => i.proxyEligible)
		.map((item) => ({
			code: item.code,
			intake: {
				id: uuidv7(),
				caseNumber: '',
				itemCodes: [item.code],
				catalogVersion: seedCatalog.version,
				villageCode: `${DEMO_TOWNSHIP}201`,
				applicant: { name: '张三', idNumber: idNumber(1), phone: '13800138000', address: '一组' },
				form: {},
				materials: item.materials.map((m) => ({
					itemCode: item.code,
					materialId: m.id,
					received: true,
					checkedPoints: m.reviewPoints,
					replacedByCommitment: false,
					attachmentHashes: []
				})),
				delivery: { method: item.deliveryOptions[0] ?? 'station_pickup' },
				trips: 1,
				createdAt: new Date().toISOString()
			}
		}));
}

function idNumber(seq: number): string {
	const first17 = `36012119${String(50 + (seq % 50)).padStart(2, '0')}0101${String(seq % 1000).padStart(3, '0')}`;
	return first17 + computeResidentIdCheckChar(first17);
}

/**
 * The generator. Villages: a skewed share (big villages get more cases: random()^1.6).
 * Items: skewed too (a few items are most of the work, as in any service centre). Dates: two
 * years back from now, uniform. Status by age: old cases are almost all final, the last weeks
 * are spread over the working states.
 */
const GENERATE_SQL = `
CREATE FUNCTION pg_temp.mod37_2(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE p int := 0; a text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
BEGIN
  FOR i IN 1..length(s) LOOP p := ((p + strpos(a, substr(s, i, 1)) - 1) * 2) % 37; END LOOP;
  RETURN substr(a, ((38 - p) % 37) + 1, 1);
END $$;
CREATE FUNCTION pg_temp.b36(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (n / 36) % 36 + 1, 1) || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', n % 36 + 1, 1)
$$;
SELECT setseed(0.42);
INSERT INTO cases (id, case_number, village_code, item_codes, status, intake, workflow, created_by, received_at, updated_at, change_seq)
SELECT id, case_number, village_code, jsonb_build_array(item_code), status,
       jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.intake,
         '{id}', to_jsonb(id::text)), '{caseNumber}', to_jsonb(case_number)), '{villageCode}', to_jsonb(village_code)),
         '{createdAt}', to_jsonb(to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
         '{applicant,name}', to_jsonb(name)),
       NULL, $1::uuid, received_at, received_at + (age_days * interval '1 hour'), g
FROM (
  SELECT g, gen_random_uuid() AS id, v.village_code, received_at, age_days,
         floor(power(random(), 2.2) * (SELECT count(*) FROM bench_templates))::int AS template_idx,
         (array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','胡','朱','高','林','何','郭','马','罗'])[1 + floor(random() * 20)::int]
           || (array['秀英','桂英','秀兰','玉兰','建华','建国','志强','海燕','丽','军','伟','芳','敏','静','强','磊','洋','艳','勇','杰'])[1 + floor(random() * 20)::int] AS name,
         CASE
           WHEN age_days > 60 THEN (array['completed','completed','completed','completed','completed','completed','completed','completed','completed','completed',
                                          'completed','completed','completed','completed','completed','completed','not_accepted','refused','withdrawn','delivered'])[1 + floor(random() * 20)::int]
           WHEN age_days > 14 THEN (array['completed','completed','completed','completed','completed','completed','delivered','ready_for_pickup','mailed','out_for_delivery',
                                          'certificate_issued','approved','under_review','under_review','accepted','correction_requested','not_accepted','refused','withdrawn','completed'])[1 + floor(random() * 20)::int]
           ELSE (array['received','received','received','received','accepted','accepted','under_review','under_review','under_review','correction_requested',
                       'approved','certificate_issued','ready_for_pickup','out_for_delivery','completed','completed','not_accepted','received','accepted','under_review'])[1 + floor(random() * 20)::int]
         END AS status,
         v.village_code || '-' || to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || '-B' || pg_temp.b36(g / 9999) || '-' || lpad((g % 9999 + 1)::text, 4, '0') AS body
  FROM (
    SELECT g, now() - (random() * 730 * interval '1 day') AS received_at, floor(power(random(), 1.6) * $2::int)::int AS village_idx
    FROM generate_series(1, $3::int) AS g
  ) base
  CROSS JOIN LATERAL (SELECT extract(epoch FROM now() - base.received_at) / 86400 AS age_days) a
  JOIN bench_villages v ON v.idx = base.village_idx
) c
CROSS JOIN LATERAL (SELECT c.body || '-' || pg_temp.mod37_2(replace(c.body, '-', '')) AS case_number) n
JOIN bench_templates t ON t.idx = c.template_idx
CROSS JOIN LATERAL (SELECT t.code AS item_code) i;
`;

async function generate(client: pg.Client, count: number, agentId: string, log: (m: string) => void) {
	const villages: string[] = [];
	const units: [string, string, string, string][] = [];
	for (let t = 0; t < TOWNSHIPS; t++) {
		const township = `${COUNTY}${100 + t}`;
		units.push([township, 'township', `乡镇${t + 1}`, COUNTY]);
		for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
			const village = `${township}${201 + v}`;
			villages.push(village);
			units.push([village, 'village', `村${t + 1}-${v + 1}`, township]);
		}
	}
	for (const [code, kind, name, parent] of units) {
		await client.query('INSERT INTO org_units (code, kind, name, parent_code) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING', [
			code,
			kind,
			name,
			parent
		]);
	}
	await client.query('CREATE TABLE bench_villages (idx int PRIMARY KEY, village_code text NOT NULL)');
	// Shuffle so that the busiest villages are spread over the townships, the demo one included.
	const shuffled = villages.map((v, i) => ({ v, k: (i * 7919) % villages.length })).sort((a, b) => a.k - b.k);
	for (const [i, { v }] of shuffled.entries()) await client.query('INSERT INTO bench_villages VALUES ($1, $2)', [i, v]);
	await client.query('CREATE TABLE bench_templates (idx int PRIMARY KEY, code text NOT NULL, intake jsonb NOT NULL)');
	for (const [i, t] of templates().entries()) await client.query('INSERT INTO bench_templates VALUES ($1, $2, $3)', [i, t.code, t.intake]);
	const t0 = performance.now();
	await client.query('BEGIN');
	for (const statement of GENERATE_SQL.split(/;\n(?=CREATE FUNCTION|SELECT setseed|INSERT INTO)/)) {
		const params = statement.includes('$3') ? [agentId, villages.length, count] : [];
		await client.query(statement, params);
	}
	await client.query('COMMIT');
	await client.query('ANALYZE cases');
	log(`[bench] back office: ${count.toLocaleString('en')} cases generated in ${ms(performance.now() - t0)}`);
	await client.query('DROP TABLE bench_villages; DROP TABLE bench_templates');
}

async function timed<T>(repetitions: number, fn: () => Promise<T>): Promise<{ samples: number[]; last: T }> {
	// Two warm-up runs: the figures are for a server that has been up, not for a cold cache.
	await fn();
	let last = await fn();
	const samples: number[] = [];
	for (let i = 0; i < repetitions; i++) {
		const t0 = performance.now();
		last = await fn();
		samples.push(performance.now() - t0);
	}
	return { samples, last };
}

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
	const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
	return res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
}

/** Whether a plan reads the whole cases table (a sequential scan of the million rows). */
export function seqScansCases(plan: string): boolean {
	return /Seq Scan on cases\b/.test(plan);
}

/** The month's dashboard for one township: by status, by item, by village, and the received count per day. */
const DASHBOARD_SQL = [
	`SELECT status, count(*)::int AS n FROM cases WHERE village_code LIKE $1 AND received_at >= $2 AND received_at < $3 GROUP BY status`,
	`SELECT item_codes->>0 AS item, count(*)::int AS n FROM cases WHERE village_code LIKE $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1 ORDER BY 2 DESC`,
	`SELECT village_code, count(*)::int AS n, count(*) FILTER (WHERE status = 'completed')::int AS done FROM cases WHERE village_code LIKE $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1`,
	`SELECT date_trunc('day', received_at AT TIME ZONE 'Asia/Shanghai') AS day, count(*)::int AS n FROM cases WHERE village_code LIKE $1 AND received_at >= $2 AND received_at < $3 GROUP BY 1 ORDER BY 1`
];

/** A filtered search: an applicant's name among the township's open cases, newest first. */
const SEARCH_SQL = `SELECT id, case_number, status, received_at FROM cases
 WHERE village_code LIKE $1 AND intake->'applicant'->>'name' = $2 AND status = ANY($3)
 ORDER BY received_at DESC LIMIT 50`;

export async function runBackOffice(pgh: BenchPostgres, options: BackOfficeOptions): Promise<BenchSection> {
	const { cases: count, repetitions, log } = options;
	const url = await pgh.createDatabase('bench_office');
	const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const attachmentsDir = join(process.cwd(), '.tmp', 'bench', `office-attachments-${process.pid}`);
	try {
		await seedIfEmpty(database.db, { county: demoCounty, catalog: seedCatalog, users: demoUsers });
		const agent = await client.query<{ id: string }>(`SELECT id FROM users WHERE username = 'agent.chenghu'`);
		await generate(client, count, agent.rows[0]?.id ?? uuidv7(), log);
		const stats = await client.query<{ n: number; mb: number }>(
			`SELECT count(*)::int AS n, (pg_total_relation_size('cases') / 1048576)::int AS mb FROM cases`
		);

		const services = { db: database.db, now: () => new Date(), sessionDays: 30, attachments: await FsAttachmentStore.open(attachmentsDir) };
		const intakeUser = demoUsers.find((u) => u.username === 'intake');
		if (!intakeUser) throw new Error('the demo seed has no intake user');
		const login = await authService.login(database.db, { username: 'intake', password: intakeUser.password, deviceName: 'bench' }, new Date(), 30);
		const actor = await authService.resolveSession(database.db, login.token, new Date());
		const caller = createCallerFactory(appRouter)({ ...services, actor, request: null });

		const queue = await timed(repetitions, () => caller.case.queue({ statuses: ['received'], limit: 50, offset: 0 }));
		const filtered = await timed(repetitions, () =>
			caseRepository.queue(database.db, {
				statuses: ['received', 'accepted', 'under_review', 'correction_requested'],
				townshipCode: DEMO_TOWNSHIP,
				villageCodes: [`${DEMO_TOWNSHIP}201`, `${DEMO_TOWNSHIP}202`],
				limit: 50,
				offset: 0
			})
		);
		const searchParams = [`${DEMO_TOWNSHIP}%`, '王秀英', ['received', 'accepted', 'under_review', 'correction_requested', 'approved']];
		const search = await timed(repetitions, () => client.query(SEARCH_SQL, searchParams));
		const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1) - 8 * 3600_000);
		const monthEnd = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 8 * 3600_000);
		const dashParams = [`${DEMO_TOWNSHIP}%`, monthStart, monthEnd];
		const dashboard = await timed(repetitions, async () => {
			for (const sql of DASHBOARD_SQL) await client.query(sql, dashParams);
		});

		// The plans, for the docs. The queue's SQL is the repository's own, as drizzle renders it.
		const queueSql = `SELECT * FROM cases WHERE status = ANY($1) AND village_code LIKE $2 ORDER BY received_at ASC, id DESC LIMIT 50 OFFSET 0`;
		const plans: Record<string, string> = {
			'queue-page': await explain(client, queueSql, [['received'], `${DEMO_TOWNSHIP}%`]),
			'queue-count': await explain(client, `SELECT count(*)::int FROM cases WHERE status = ANY($1) AND village_code LIKE $2`, [['received'], `${DEMO_TOWNSHIP}%`]),
			'filtered-queue': await explain(
				client,
				`SELECT * FROM cases WHERE status = ANY($1) AND village_code LIKE $2 AND village_code = ANY($3) ORDER BY received_at ASC, id DESC LIMIT 50`,
				[['received', 'accepted', 'under_review', 'correction_requested'], `${DEMO_TOWNSHIP}%`, [`${DEMO_TOWNSHIP}201`, `${DEMO_TOWNSHIP}202`]]
			),
			'name-search': await explain(client, SEARCH_SQL, searchParams),
		};
		// One query at a time on this client (pg queues concurrent ones, and deprecates that).
		for (const [i, sql] of DASHBOARD_SQL.entries()) plans[`dashboard-${i + 1}`] = await explain(client, sql, dashParams);
		mkdirSync(options.docsDir, { recursive: true });
		const header = (name: string) =>
			`-- ${name}: EXPLAIN (ANALYZE, BUFFERS) on ${stats.rows[0]?.n.toLocaleString('en')} cases (${stats.rows[0]?.mb} MB with indexes), PostgreSQL, written by npm run bench\n`;
		const seqScans: string[] = [];
		for (const [name, plan] of Object.entries(plans)) {
			writeFileSync(join(options.docsDir, `${name}.txt`), `${header(name)}${plan}\n`);
			if (seqScansCases(plan)) seqScans.push(name);
		}

		const row = (figure: string, sample: number[], note: string): Figure[] => [
			{ section: 'Back office', figure: `${figure} p50`, ours: ms(percentile(sample, 50)), reference: '100 ms (feels instant)', ratio: percentile(sample, 50) / 100, note },
			{ section: 'Back office', figure: `${figure} p95`, ours: ms(percentile(sample, 95)), reference: '100 ms (feels instant)', ratio: percentile(sample, 95) / 100, note }
		];
		const n = stats.rows[0]?.n ?? 0;
		return {
			id: 'back-office',
			title: `Back office at county scale (${n.toLocaleString('en')} cases, PostgreSQL)`,
			figures: [
				...row('Intake queue page (case.queue, 50 rows + total)', queue.samples, `${queue.last.total} received cases in the township`),
				...row('Filtered queue (2 villages, 4 statuses)', filtered.samples, `${filtered.last.total} matches`),
				...row('Search by applicant name (equivalent SQL)', search.samples, `${search.last.rowCount} matches`),
				...row("A month's dashboard (4 aggregates, equivalent SQL)", dashboard.samples, '')
			],
			details: [
				`${n.toLocaleString('en')} cases (${stats.rows[0]?.mb} MB with indexes) over ${TOWNSHIPS} townships × ${VILLAGES_PER_TOWNSHIP} villages, two years, generated by SQL (bench/back-office.ts): busy villages and common items get more cases (power-law shares), old cases are almost all final, the last two weeks are spread over the working states. Each query ran ${repetitions} times after 2 warm-up runs, one at a time.`,
				`The queue figure goes through the real \`case.queue\` procedure (role check, service, repository, output validation of 50 records). The filtered queue is the repository's own query with a village filter. The name search and the dashboard are the equivalent SQL: the back-office search and dashboard are being built on wip/office and are not on this branch.`,
				`Plans: docs/bench/*.txt. ${seqScans.length ? `Sequential scans of cases remain in: ${seqScans.join(', ')}.` : 'No plan scans the whole cases table.'}`
			],
			raw: { cases: n, tableMb: stats.rows[0]?.mb, queue: queue.samples, filtered: filtered.samples, search: search.samples, dashboard: dashboard.samples, seqScans }
		};
	} finally {
		await client.end().catch(() => {});
		await database.close().catch(() => {});
		rmSync(attachmentsDir, { recursive: true, force: true });
	}
}
