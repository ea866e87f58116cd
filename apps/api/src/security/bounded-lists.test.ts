import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INITIAL_CURSOR,
  nextPageUrl,
  PAGE_SIZES,
  type DownloadResponse,
} from '@healthsync/contracts';
import { demoId, FACILITY_A } from '../demo/demo-data';
import { createTestApp, type TestApp } from '../test/test-app';
import { routeTable, type JsonSchema, type RouteTable } from './route-table';
import { seedScenario } from './scenario';

/**
 * No list or sync endpoint answers with everything it has: each has a default and a maximum page
 * size, over-max is a 400 naming `limit`, and following the pages gives every row exactly once.
 * Facility A holds more patients, records and appointments than the largest clinical page.
 */
let t: TestApp;
let table: RouteTable;
const MORE_THAN_A_PAGE = PAGE_SIZES.clinicalList.max + 1;

beforeAll(async () => {
  t = await createTestApp();
  await seedScenario(t);
  table = await routeTable(t.app);
  // One statement per table (the stamp triggers run per row either way).
  const { prisma } = t.database;
  await prisma.$executeRawUnsafe(
    `INSERT INTO patient (id, name, facility_id)
     SELECT gen_random_uuid(), 'Paged Patient ' || lpad(i::text, 4, '0'), $1::uuid
       FROM generate_series(1, $2::int) AS i`,
    FACILITY_A.id,
    MORE_THAN_A_PAGE,
  );
  const paged = `SELECT id, facility_id FROM patient WHERE name LIKE 'Paged Patient %'`;
  await prisma.$executeRawUnsafe(
    `INSERT INTO health_record (id, patient_id, resource_type, facility_id)
     SELECT gen_random_uuid(), p.id, 'Observation', p.facility_id FROM (${paged}) AS p`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO appointment (id, patient_id, appointment_date, facility_id)
     SELECT gen_random_uuid(), p.id, '2026-12-24T10:00:00Z', p.facility_id FROM (${paged}) AS p`,
  );
}, 120_000);
afterAll(() => t?.close());

type Listing = {
  /** Who may read it. */
  users: string[];
  /** The identity of one listed row. */
  key: (row: Record<string, unknown>) => string;
  /** How many rows a complete walk must find, as the database counts them. */
  expected: (username: string) => Promise<number>;
};

const scoped = (username: string) => (username === 'admin' ? {} : { facilityId: FACILITY_A.id });
const byId = (row: Record<string, unknown>) => String(row.id);

/** Every GET that lists, with what a walk through its pages must find. */
const LISTINGS: Record<string, Listing> = {
  '/api/patients': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) => t.database.prisma.patient.count({ where: { deleted: false, ...scoped(u) } }),
  },
  '/api/records': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) =>
      t.database.prisma.healthRecord.count({ where: { deleted: false, ...scoped(u) } }),
  },
  '/api/sync/conflicts': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) =>
      t.database.prisma.syncConflict.count({
        where: u === 'admin' ? {} : { userId: demoId(`user-${u}`) },
      }),
  },
  '/api/patients/sync': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) => t.database.prisma.patient.count({ where: { deleted: false, ...scoped(u) } }),
  },
  '/api/records/sync': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) =>
      t.database.prisma.healthRecord.count({ where: { deleted: false, ...scoped(u) } }),
  },
  '/api/appointments/sync': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) =>
      t.database.prisma.appointment.count({ where: { deleted: false, ...scoped(u) } }),
  },
  '/api/doctors/sync': {
    users: ['worker', 'admin'],
    key: byId,
    expected: (u) => t.database.prisma.doctor.count({ where: { deleted: false, ...scoped(u) } }),
  },
  '/api/pharmacy-inventory/sync': {
    users: ['worker', 'pharmacist'],
    key: byId,
    expected: () => t.database.prisma.inventoryItem.count({ where: { deleted: false } }),
  },
  '/api/admin/users': {
    users: ['admin'],
    key: byId,
    expected: () => t.database.prisma.user.count(),
  },
  '/api/admin/facilities': {
    users: ['admin'],
    key: byId,
    expected: () => t.database.prisma.facility.count(),
  },
  '/api/admin/devices': {
    users: ['admin'],
    key: (row) => `${String(row.user_id)}|${String(row.device_id)}`,
    expected: () => t.database.prisma.syncDevice.count(),
  },
  '/api/admin/audit': {
    users: ['admin'],
    key: byId,
    expected: () => t.database.prisma.auditLog.count(),
  },
};

const DOWNLOAD = '/api/sync/download';

/** The 200 body schema of a documented GET, as the OpenAPI document has it. */
async function responseSchema(path: string): Promise<JsonSchema | undefined> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<
      string,
      {
        get?: { responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> };
      }
    >;
  }>();
  const schema =
    doc.paths[`${path}/`]?.get?.responses?.['200']?.content?.['application/json']?.schema;
  return schema && table.resolve(schema);
}

describe('lists and sync endpoints', () => {
  it('are all bounded: a default and a maximum page size, over-max a 400 naming limit', async () => {
    const lists: string[] = [];
    for (const route of table.routes.filter((r) => r.method === 'GET' && r.params.length === 0)) {
      if ((await responseSchema(route.path))?.type !== 'array' && route.path !== DOWNLOAD) continue;
      lists.push(route.path);
      const limit = route.query.find((q) => q.name === 'limit')?.schema;
      expect(limit?.maximum, `${route.path}: limit has a maximum`).toBeGreaterThan(0);
      expect(
        (limit as { default?: number } | undefined)?.default,
        `${route.path}: limit has a default`,
      ).toBeGreaterThan(0);

      const user = LISTINGS[route.path]?.users[0] ?? 'worker';
      const caller = await t.as(user);
      const query = route.path === DOWNLOAD ? `since=${INITIAL_CURSOR}&` : '';
      const over = await caller.get(`${route.path}/?${query}limit=${limit!.maximum! + 1}`);
      expect(over.statusCode, `${route.path}: ${over.body}`).toBe(400);
      expect(over.json().errors, route.path).toHaveProperty('limit');
    }
    // Every list found is walked below; a new one must be added there.
    expect(lists.sort()).toEqual([...Object.keys(LISTINGS), DOWNLOAD].sort());
  });

  it('give at most the maximum, and without a limit no more than the default', async () => {
    const admin = await t.as('admin');
    const full = await admin.get(`/api/patients/?limit=${PAGE_SIZES.clinicalList.max}`);
    expect(full.json<unknown[]>()).toHaveLength(PAGE_SIZES.clinicalList.max);
    expect(full.headers['x-has-more']).toBe('true');
    const plain = await admin.get('/api/patients/');
    expect(plain.json<unknown[]>()).toHaveLength(PAGE_SIZES.clinicalList.default);
    expect(nextPageUrl(String(plain.headers.link))).toBe(
      `/api/patients/?limit=${PAGE_SIZES.clinicalList.default}&offset=${PAGE_SIZES.clinicalList.default}`,
    );
    const worker = await t.as('worker');
    for (const path of ['/api/patients/sync/', '/api/appointments/sync/', '/api/records/sync/']) {
      const first = await worker.get(path);
      expect(first.json<unknown[]>().length, path).toBe(PAGE_SIZES.resourceSync.default);
      expect(first.headers['x-has-more'], path).toBe('true');
    }
    const feed = (
      await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}`)
    ).json<DownloadResponse>();
    expect(feed.changes).toHaveLength(PAGE_SIZES.download.default);
    expect(feed.has_more).toBe(true);
  });

  it('continue through the Link header to every row, each exactly once', async () => {
    const pageSize = 250;
    for (const [path, listing] of Object.entries(LISTINGS)) {
      for (const user of listing.users) {
        const caller = await t.as(user);
        const seen: string[] = [];
        let url: string | null = `${path}/?limit=${pageSize}`;
        let pages = 0;
        while (url) {
          const response = await caller.get(url);
          expect(response.statusCode, `${user} ${url}: ${response.body}`).toBe(200);
          const rows = response.json<Record<string, unknown>[]>();
          expect(rows.length, url).toBeLessThanOrEqual(pageSize);
          seen.push(...rows.map(listing.key));
          url = nextPageUrl(response.headers.link as string | undefined);
          expect(response.headers['x-has-more'], `${user} ${path}`).toBe(String(url !== null));
          pages += 1;
          expect(pages).toBeLessThan(100);
        }
        const what = `${user} ${path}`;
        expect(new Set(seen).size, `${what}: no row twice`).toBe(seen.length);
        expect(seen.length, `${what}: every row`).toBe(await listing.expected(user));
      }
    }
  });

  it('the feed pages through next_cursor to every row, each exactly once', async () => {
    const worker = await t.as('worker');
    const seen: string[] = [];
    let since = INITIAL_CURSOR;
    for (let more = true; more;) {
      const page = (
        await worker.get(`/api/sync/download/?since=${encodeURIComponent(since)}&limit=700`)
      ).json<DownloadResponse>();
      expect(page.changes.length).toBeLessThanOrEqual(700);
      seen.push(...page.changes.map((c) => `${c.resource_type}:${c.server_id}`));
      since = page.next_cursor;
      more = page.has_more;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const { prisma } = t.database;
    const live = { deleted: false };
    const inA = { deleted: false, facilityId: FACILITY_A.id };
    const counts = await Promise.all([
      prisma.patient.count({ where: inA }),
      prisma.healthRecord.count({ where: inA }),
      prisma.appointment.count({ where: inA }),
      prisma.doctor.count({ where: inA }),
      prisma.pharmacy.count({ where: live }),
      prisma.medicine.count({ where: live }),
      prisma.inventoryItem.count({ where: live }),
    ]);
    expect(seen.length).toBe(counts.reduce((a, b) => a + b, 0));
  });
});
