import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../demo/demo-data';
import type { AuthUser } from '../../core/auth-user';
import { createTestApp, type TestApp } from '../../test/test-app';
import { remainingSql } from './count-remaining';
import { entityNamed } from './entities/registry';
import type { StoredEntity } from './entities/server-entity';
import { pullPageSql, pullStateSql, type PullRequest } from './pull-changes';

/**
 * Issue 17 item 4: a scoped pull reads each table through the index on its scope and stamp, never
 * through the global stamp index with a filter on the facility, which walks every facility's
 * changes. Held on the planner's real choices: 50 facilities' rows, analysed, for the page, the
 * scope fingerprint and the remaining count, each as the generic plan of the feed's prepared
 * statements and as a custom plan.
 */
let t: TestApp;
let worker: AuthUser;
let cursor: bigint;
beforeAll(async () => {
  t = await createTestApp();
  worker = await t.authUser('worker');
  const sql = (text: string) => t.database.prisma.$executeRawUnsafe(text);
  await sql(
    `INSERT INTO facility (id, name) SELECT gen_random_uuid(), 'Facility ' || n FROM generate_series(1, 49) n`,
  );
  await sql(
    `INSERT INTO patient (id, name, facility_id)
     SELECT gen_random_uuid(), 'Patient ' || n, f.id FROM facility f, generate_series(1, 100) n`,
  );
  await sql(
    `INSERT INTO appointment (id, patient_id, facility_id, appointment_date)
     SELECT gen_random_uuid(), p.id, p.facility_id, now() FROM patient p, generate_series(1, 2)`,
  );
  await sql(
    `INSERT INTO health_record (id, patient_id, facility_id, resource_type, data)
     SELECT gen_random_uuid(), p.id, p.facility_id, 'Observation', '{}' FROM patient p, generate_series(1, 2)`,
  );
  await sql(
    `INSERT INTO doctor (id, name, facility_id)
     SELECT gen_random_uuid(), 'Dr. ' || n, f.id FROM facility f, generate_series(1, 20) n`,
  );
  await sql(
    `INSERT INTO pharmacy (id, name) SELECT gen_random_uuid(), 'Pharmacy ' || n FROM generate_series(1, 50) n`,
  );
  await sql(
    `INSERT INTO medicine (id, name) SELECT gen_random_uuid(), 'Medicine ' || n FROM generate_series(1, 100) n`,
  );
  await sql(
    `INSERT INTO inventory_item (id, pharmacy_id, medicine_id, quantity_available)
     SELECT gen_random_uuid(), p.id, m.id, 10 FROM pharmacy p, medicine m
     ON CONFLICT DO NOTHING`,
  );
  const [row] = await t.database.prisma.$queryRawUnsafe<{ stamp: bigint }[]>(
    'SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY stamp) AS stamp FROM patient',
  );
  cursor = BigInt(row!.stamp);
  await sql('ANALYZE');
}, 120_000);
afterAll(() => t.close());

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
};

/** Each scan of a table in the plan, with the index it reads (a bitmap scan's from its children). */
function scansOf(node: PlanNode, found: { table: string; node: string; index?: string }[] = []) {
  if (node['Relation Name']) {
    const bitmap = (node.Plans ?? []).find((child) => child['Node Type'] === 'Bitmap Index Scan');
    found.push({
      table: node['Relation Name'],
      node: node['Node Type'],
      index: node['Index Name'] ?? bitmap?.['Index Name'],
    });
  }
  for (const child of node.Plans ?? []) scansOf(child, found);
  return found;
}

/** The plan PostgreSQL makes for `text`, prepared as the feed prepares it. */
async function planOf(text: string, params: unknown[], mode: 'generic' | 'custom') {
  return t.database.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL plan_cache_mode = force_${mode}_plan`);
    await tx.$executeRawUnsafe(`PREPARE feed_plan AS ${text}`);
    const args = params.map((param) => `'${String(param)}'`).join(', ');
    const [row] = await tx.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
      `EXPLAIN (FORMAT JSON) EXECUTE feed_plan(${args})`,
    );
    await tx.$executeRawUnsafe('DEALLOCATE feed_plan');
    return row!['QUERY PLAN'][0].Plan;
  });
}

/** Each scan of a scoped table goes through `scoped` (or the primary key, rendering a row by id). */
function expectScopedScans(plan: PlanNode, scoped: Record<string, string>) {
  const scans = scansOf(plan).filter((scan) => scan.table in scoped);
  expect(scans.length).toBeGreaterThan(0);
  for (const { table, node, index } of scans)
    expect([scoped[table], `${table}_pkey`], `${table}: ${node}`).toContain(index);
  const used = new Set(scans.map((scan) => scan.index));
  for (const index of Object.values(scoped)) expect(used).toContain(index);
}

const FACILITY_SCOPED: StoredEntity[] = ['Patient', 'Appointment', 'HealthRecord', 'Doctor'];
const scopedIndex = (entity: StoredEntity) => `${entityNamed(entity).table}_facility_id_stamp_idx`;

describe.each(['generic', 'custom'] as const)('scoped feed plans (%s)', (mode) => {
  const requests = (): [string, PullRequest, Record<string, string>][] => [
    ...FACILITY_SCOPED.map((entity): [string, PullRequest, Record<string, string>] => [
      entity,
      { user: worker, entities: [entity], sinceMicros: cursor, limit: 500 },
      { [entityNamed(entity).table]: scopedIndex(entity) },
    ]),
    [
      'the download feed',
      { user: worker, entities: FACILITY_SCOPED, sinceMicros: cursor, limit: 500 },
      Object.fromEntries(FACILITY_SCOPED.map((e) => [entityNamed(e).table, scopedIndex(e)])),
    ],
    [
      'InventoryItem of one pharmacy',
      {
        user: worker,
        entities: ['InventoryItem'],
        sinceMicros: cursor,
        limit: 500,
        pharmacyId: demoId('pharmacy-gram-medical'),
      },
      { inventory_item: 'inventory_item_pharmacy_id_stamp_idx' },
    ],
  ];

  it('reads pages through the scope and stamp index', async () => {
    for (const [, request, scoped] of requests()) {
      for (const since of [0n, cursor]) {
        const { text, params } = pullPageSql({ ...request, sinceMicros: since });
        expectScopedScans(await planOf(text, params, mode), scoped);
      }
    }
  });

  it('reads the scope fingerprint through it', async () => {
    for (const [, request, scoped] of requests()) {
      const { text, params } = pullStateSql(request);
      expectScopedScans(await planOf(text, params, mode), scoped);
    }
  });

  it('counts what remains through it', async () => {
    for (const [, request, scoped] of requests()) {
      const { text, params } = remainingSql(request, cursor);
      expectScopedScans(await planOf(text, params, mode), scoped);
    }
  });
});
