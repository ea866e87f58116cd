import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_ENDPOINTS,
  API_ENDPOINTS,
  answerSchemaOf,
  AUTH_ENDPOINTS,
  endpointUrl,
  PATIENT_ENDPOINTS,
  RESOURCE_SYNC_ENDPOINTS,
  SYNC_ENDPOINTS,
} from '@healthsync/contracts';
import { routeTable } from '../security/route-table';
import { openTestApp, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => ({ t } = await openTestApp()));
afterAll(() => t.close());

const keyOf = (method: string, path: string) => `${method} ${path.replace(/\/$/, '')}`;

/** Served, but not the API's own: FHIR (its shapes are FHIR's), the API docs and metrics. */
const OUTSIDE_THE_TABLE = /^(\/fhir(\/|$)|\/docs(\/|\*|$)|\/metrics$|\/api\/openapi\.json$)/;

describe("contracts' table of endpoints", () => {
  it('is what the API serves and documents, each with its schemas', async () => {
    const { routes } = await routeTable(t.app);
    const byKey = new Map(routes.map((route) => [route.key, route]));
    for (const endpoint of API_ENDPOINTS) {
      const key = keyOf(endpoint.method, endpoint.path);
      const route = byKey.get(key);
      expect(route, key).toBeDefined();
      expect(route!.documented, key).toBe(true);
      expect(route!.body !== undefined, `${key} body`).toBe('body' in endpoint);
    }
    // Admin, sync and per-resource sync were in the table before; everything else is now.
    for (const table of [ADMIN_ENDPOINTS, SYNC_ENDPOINTS, RESOURCE_SYNC_ENDPOINTS])
      for (const endpoint of Object.values(table)) expect(API_ENDPOINTS).toContain(endpoint);
    expect(Object.keys(RESOURCE_SYNC_ENDPOINTS)).toHaveLength(5);
  });

  it('holds every route the API serves, FHIR, docs and metrics aside', async () => {
    const { routes } = await routeTable(t.app);
    const inTable = new Set(API_ENDPOINTS.map((e) => keyOf(e.method, e.path)));
    const served = routes.filter(
      (route) => !['HEAD', 'OPTIONS'].includes(route.method) && !OUTSIDE_THE_TABLE.test(route.path),
    );
    expect(served.length).toBeGreaterThan(40);
    expect(served.map((route) => route.key).filter((key) => !inTable.has(key))).toEqual([]);
  });

  it('builds the URL a client calls', () => {
    expect(endpointUrl(ADMIN_ENDPOINTS.updateUser, { id: 'a/b' })).toBe('/api/admin/users/a%2Fb/');
    expect(endpointUrl(ADMIN_ENDPOINTS.listAudit, {}, { limit: 5, before_id: undefined })).toBe(
      '/api/admin/audit/?limit=5',
    );
    expect(() => endpointUrl(SYNC_ENDPOINTS.batch)).toThrow(/:id/);
    expect(endpointUrl(PATIENT_ENDPOINTS.update, { id: 'p' })).toBe('/api/patients/p/');
  });

  it("names the schema of each endpoint's successful answer", () => {
    expect(answerSchemaOf(AUTH_ENDPOINTS.signIn)).toBe(AUTH_ENDPOINTS.signIn.responses[200]);
    expect(answerSchemaOf(ADMIN_ENDPOINTS.createUser)).toBe(
      ADMIN_ENDPOINTS.createUser.responses[201],
    );
    expect(answerSchemaOf(SYNC_ENDPOINTS.upload)).toBe(SYNC_ENDPOINTS.upload.responses[200]);
    expect(() => answerSchemaOf(SYNC_ENDPOINTS.events)).toThrow(/no successful answer/);
  });
});
