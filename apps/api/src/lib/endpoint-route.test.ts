import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENDPOINTS, endpointUrl, SYNC_ENDPOINTS } from '@healthsync/contracts';
import { routeTable } from '../security/route-table';
import { createTestApp, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("contracts' table of endpoints", () => {
  it('is what the API serves and documents, each with its schemas', async () => {
    const { routes } = await routeTable(t.app);
    const byKey = new Map(routes.map((route) => [route.key, route]));
    for (const endpoint of [...Object.values(ADMIN_ENDPOINTS), ...Object.values(SYNC_ENDPOINTS)]) {
      const key = `${endpoint.method} ${endpoint.path.replace(/\/$/, '')}`;
      const route = byKey.get(key);
      expect(route, key).toBeDefined();
      expect(route!.documented, key).toBe(true);
      expect(route!.body !== undefined, `${key} body`).toBe('body' in endpoint);
    }
  });

  it('builds the URL a client calls', () => {
    expect(endpointUrl(ADMIN_ENDPOINTS.updateUser, { id: 'a/b' })).toBe('/api/admin/users/a%2Fb/');
    expect(endpointUrl(ADMIN_ENDPOINTS.listAudit, {}, { limit: 5, before_id: undefined })).toBe(
      '/api/admin/audit/?limit=5',
    );
    expect(() => endpointUrl(SYNC_ENDPOINTS.batch)).toThrow(/:id/);
  });
});
