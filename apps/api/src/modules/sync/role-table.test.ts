import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_CURSOR, isHealthRecordType, type DownloadResponse } from '@healthsync/contracts';
import { routeTable } from '../../security/route-table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { entityNames } from './entities/registry';
import type { StoredEntity } from './entities/server-entity';

/**
 * The role table of docs/ARCHITECTURE.md ("Scope and roles"): health workers and doctors see
 * their facility's patients, appointments, records and doctors; pharmacists only pharmacies,
 * medicines and stock; admins everything. Every pull path answers by that one table.
 */
const ALL = entityNames();
const SHARED: StoredEntity[] = ['Pharmacy', 'Medicine', 'InventoryItem'];
const ROLE_TABLE: Record<string, StoredEntity[]> = {
  worker: ALL,
  doctor: ALL,
  pharmacist: SHARED,
  admin: ALL,
};

/** Which entity each per-resource sync endpoint serves. */
const PER_RESOURCE: Record<string, StoredEntity> = {
  '/api/patients/sync': 'Patient',
  '/api/appointments/sync': 'Appointment',
  '/api/records/sync': 'HealthRecord',
  '/api/doctors/sync': 'Doctor',
  '/api/pharmacy-inventory/sync': 'InventoryItem',
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const entityOf = (resourceType: string): StoredEntity =>
  isHealthRecordType(resourceType) ? 'HealthRecord' : (resourceType as StoredEntity);

describe('the role table', () => {
  it('decides every per-resource sync endpoint and the feed alike', async () => {
    const syncPaths = (await routeTable(t.app)).routes
      .filter((r) => r.method === 'GET' && r.path.endsWith('/sync'))
      .map((r) => r.path);
    expect(syncPaths.sort()).toEqual(Object.keys(PER_RESOURCE).sort());

    for (const [username, allowed] of Object.entries(ROLE_TABLE)) {
      const caller = await t.as(username);
      for (const [path, entity] of Object.entries(PER_RESOURCE)) {
        const response = await caller.get(`${path}/`);
        expect(response.statusCode, `${username} GET ${path}/`).toBe(
          allowed.includes(entity) ? 200 : 403,
        );
      }
      const feed = (
        await caller.get(`/api/sync/download/?since=${INITIAL_CURSOR}&limit=5000`)
      ).json<DownloadResponse>();
      const seen = new Set(feed.changes.map((c) => entityOf(c.resource_type)));
      expect([...seen].sort(), `${username} GET /api/sync/download/`).toEqual([...allowed].sort());
    }
  });
});
