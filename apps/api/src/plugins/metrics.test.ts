import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../demo/demo-data';
import { createTestApp, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ metricsToken: 'metrics-token-0123456789' });
});
afterAll(() => t.close());

const scrape = async () =>
  (
    await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    })
  ).body;

describe('GET /metrics', () => {
  it('needs the metrics token when one is configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('counts requests, sync batches, change outcomes, conflicts and queue depth', async () => {
    const worker = await t.as('worker');
    await worker.get('/api/patients/');
    await worker.post('/api/sync/upload/', {
      device_id: 'm',
      changes: [
        {
          operation: 'create',
          resource_type: 'Patient',
          client_temp_id: 'm1',
          payload: { name: 'Metered' },
        },
        {
          operation: 'update',
          resource_type: 'Patient',
          server_id: demoId('patient-1'),
          base_version: 99,
          payload: { address: 'x' },
        },
        { operation: 'create', resource_type: 'Patient', client_temp_id: 'm2', payload: {} },
      ],
    });
    await worker.post('/api/sync/upload/?async=true', { device_id: 'm', changes: [] });
    const text = await scrape();
    expect(text).toMatch(
      /healthsync_http_request_duration_seconds_count\{method="GET",route="\/api\/patients\/",status="200"\} 1/,
    );
    expect(text).toContain('healthsync_sync_batches_total{mode="sync"} 1');
    expect(text).toContain('healthsync_sync_changes_total{status="created"} 1');
    expect(text).toContain('healthsync_sync_changes_total{status="conflict"} 1');
    expect(text).toContain('healthsync_sync_changes_total{status="rejected"} 1');
    expect(text).toContain('healthsync_sync_conflicts_total{source="upload"} 1');
    expect(text).toContain('healthsync_sync_conflicts_open 1');
    expect(text).toMatch(/healthsync_sync_batch_queue_depth [01]/);
    expect(text).toContain('healthsync_process_cpu_user_seconds_total');
  });
});
