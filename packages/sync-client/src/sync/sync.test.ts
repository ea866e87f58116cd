import { INITIAL_CURSOR } from '@healthsync/contracts';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { harness } from '../test/client-harness';
import { FakeServer, USER } from '../test/fake-server';
import { STORE_KINDS, failingOnPut, uniqueName } from '../test/stores';
import { Http } from './http';
import { nextPageSize } from './page-size';
import { pullChanges } from './pull';
import { SyncApi } from './sync-api';
import { memoryTokenStore } from './auth';

/** The sync endpoints of the fake server, for driving pullChanges directly. */
function apiOf(server: FakeServer): SyncApi {
  return new SyncApi(
    new Http({
      baseUrl: '',
      fetch: server.fetch,
      tokens: memoryTokenStore({ access: server.access, refresh: server.refresh }),
      clock: systemClock,
      timeoutMs: 1000,
    }),
    { gzipUploads: false },
  );
}

function seedPatients(server: FakeServer, n: number): string[] {
  return Array.from({ length: n }, (_, i) => server.seed('Patient', { name: `Patient ${i}` }));
}

describe.each(STORE_KINDS)('sync engine ($name)', (kind) => {
  it('pushes local edits and pulls them on another device', async () => {
    const server = new FakeServer();
    const a = await harness(await kind.open(uniqueName()), server);
    const b = await harness(await kind.open(uniqueName()), server);
    const p = await a.client.patients.create({ name: 'Asha Devi' });
    await a.client.records.create({
      patient: p.id,
      resource_type: 'Observation',
      data: { code: 'bp', value: 120 },
    });
    const status = await a.client.syncNow();
    expect(status).toMatchObject({
      pendingCount: 0,
      safeToWipe: true,
      lastError: null,
      phase: 'idle',
    });
    expect(server.live('Patient').map((r) => [r.id, r.name])).toEqual([[p.id, 'Asha Devi']]);
    expect(server.live('Observation')[0]).toMatchObject({
      patient: p.id,
      data: { code: 'bp', value: 120 },
    });

    await b.client.syncNow();
    expect(await b.client.patients.get(p.id)).toMatchObject({
      name: 'Asha Devi',
      _sync: { pending: false, serverVersion: 1 },
    });
    expect((await b.client.records.byPatient(p.id)).map((r) => r.data)).toEqual([
      { code: 'bp', value: 120 },
    ]);
  });

  it('applies a page and its cursor atomically: a failure mid-page leaves the old cursor and no partial page', async () => {
    const server = new FakeServer();
    seedPatients(server, 10);
    const name = uniqueName();
    const store = failingOnPut(await kind.open(name), 6); // deviceId meta = put 1; the page fails on row 5
    const { client } = await harness(store, server, { pageSize: 100 });
    const status = await client.syncNow();
    expect(status.lastError?.message).toContain('injected');
    const state = await store.read(async (tx) => ({
      rows: await tx.count('patients'),
      cursor: await tx.getMeta('cursor'),
    }));
    expect(state).toEqual({ rows: 0, cursor: undefined });
    await client.syncNow();
    expect(await client.patients.list()).toHaveLength(10);
  });

  it('resumes an interrupted multi-page first sync where it stopped', async () => {
    const server = new FakeServer();
    seedPatients(server, 25);
    const { client, store } = await harness(await kind.open(uniqueName()), server, {
      pageSize: 10,
    });
    let downloads = 0;
    server.fault = ({ path }) =>
      path === '/api/sync/download/' && ++downloads === 3 ? 'drop-request' : undefined;
    const failed = await client.syncNow();
    expect(failed.lastError?.code).toBe('NETWORK_ERROR');
    expect(await store.read((tx) => tx.count('patients'))).toBe(20);
    const sinces = () =>
      server.log
        .filter((l) => l.path.startsWith('/api/sync/download/'))
        .map((l) => new URL(l.path, 'http://x').searchParams.get('since'));
    const cursorAfterTwo = await store.read((tx) => tx.getMeta('cursor'));
    await client.syncNow();
    expect(sinces().slice(3)).toEqual([cursorAfterTwo]); // picked up at page 3, nothing re-downloaded
    expect(await client.patients.list()).toHaveLength(25);
  });

  it('keeps the outbox across a restart', async () => {
    const server = new FakeServer();
    const name = uniqueName();
    server.fault = () => 'drop-request';
    const first = await harness(await kind.open(name), server);
    const p = await first.client.patients.create({ name: 'Offline Patient' });
    expect((await first.client.syncNow()).pendingCount).toBe(1);
    await first.client.close();

    server.fault = null;
    const second = await harness(await kind.open(name), server);
    expect(second.client.deviceId).toBe(first.client.deviceId);
    expect(second.client.status.getSnapshot()).toMatchObject({
      pendingCount: 1,
      safeToWipe: false,
    });
    expect((await second.client.syncNow()).pendingCount).toBe(0);
    expect(server.live('Patient').map((r) => r.id)).toEqual([p.id]);
  });

  it('re-sends the same batch after a lost response, and nothing is applied twice', async () => {
    const server = new FakeServer();
    const { client, store } = await harness(await kind.open(uniqueName()), server);
    const p = await client.patients.create({ name: 'Once' });
    await client.syncNow();
    await client.patients.update(p.id, { address: 'Village Gram' });
    let uploads = 0;
    server.fault = ({ path }) =>
      path === '/api/sync/upload/' && ++uploads === 1 ? 'drop-response' : undefined;
    expect((await client.syncNow()).pendingCount).toBe(1);
    expect(await store.read((tx) => tx.getMeta('inflightBatch'))).toBeTruthy();
    await client.syncNow();
    const batches = server.log.filter((l) => l.path === '/api/sync/upload/').map((l) => l.batchId);
    expect(batches.at(-1)).toBe(batches.at(-2)); // the same batch_id went twice
    expect(server.rows.get(p.id)?.version).toBe(2); // one create + one update, not two updates
    expect(await client.patients.get(p.id)).toMatchObject({
      address: 'Village Gram',
      _sync: { pending: false, serverVersion: 2 },
    });
    expect(server.conflicts.size).toBe(0);
  });

  it('chains an edit made while the previous one was in flight onto its receipt (no false conflict)', async () => {
    const server = new FakeServer();
    const { client } = await harness(await kind.open(uniqueName()), server);
    const p = await client.patients.create({ name: 'Chain' });
    await client.syncNow();
    await client.patients.update(p.id, { address: 'A' });
    let uploads = 0;
    server.fault = ({ path }) =>
      path === '/api/sync/upload/' && ++uploads === 1 ? 'drop-response' : undefined;
    await client.syncNow(); // update in flight, answer lost
    await client.patients.update(p.id, { address: 'B' });
    await client.syncNow();
    expect(server.conflicts.size).toBe(0);
    expect(server.live('Patient')[0]).toMatchObject({ address: 'B', server_version: 3 });
  });

  it('refreshes the token once on a 401 and retries', async () => {
    const server = new FakeServer();
    const { client, tokens } = await harness(await kind.open(uniqueName()), server);
    await client.patients.create({ name: 'Token' });
    server.access = 'rotated-by-server'; // the access token the client holds has expired
    const status = await client.syncNow();
    expect(status).toMatchObject({ pendingCount: 0, needsSignIn: false, lastError: null });
    expect(server.refreshCalls).toBe(1);
    expect(await tokens.get()).toEqual({ access: server.access, refresh: server.refresh });
  });

  it('asks for sign-in when the refresh fails, keeping the outbox', async () => {
    const server = new FakeServer();
    const { client, tokens, store } = await harness(await kind.open(uniqueName()), server);
    await client.patients.create({ name: 'Kept' });
    server.access = 'expired';
    server.refresh = 'revoked';
    const status = await client.syncNow();
    expect(status).toMatchObject({ needsSignIn: true, pendingCount: 1, safeToWipe: false });
    expect(status.lastError?.code).toBe('TOKEN_INVALID');
    expect(server.refreshCalls).toBe(1);
    expect(await tokens.get()).toBeNull();
    expect(await store.read((tx) => tx.count('outbox'))).toBe(1);
  });

  it('re-downloads after 410 RESYNC_REQUIRED without losing unsent edits', async () => {
    const server = new FakeServer();
    const [keep, gone] = seedPatients(server, 2) as [string, string];
    const { client, store } = await harness(await kind.open(uniqueName()), server);
    await client.syncNow();
    const edit = await client.patients.update(keep, { address: 'Unsent' });
    expect(edit._sync.pending).toBe(true);
    server.rows.delete(gone); // purged while this device was away
    server.seed('Patient', { name: 'New' });
    server.purgeWatermark = server.stamp + 1n;
    server.edit(keep, { phone_number: '+91-1' });

    const api = apiOf(server);
    const result = await pullChanges({
      store,
      api,
      pageSize: 100,
      maxPageSize: 100,
      now: systemClock.now,
    });
    expect(result.resynced).toBe(true);
    expect((await client.patients.list()).map((p) => p.name).sort()).toEqual(['New', 'Patient 0']);
    expect(await client.patients.get(keep)).toMatchObject({
      address: 'Unsent',
      phone_number: '+91-1',
      _sync: { pending: true },
    });
    expect(await store.read((tx) => tx.count('outbox'))).toBe(1);
    expect(await store.read((tx) => tx.getMeta('cursor'))).not.toBe(INITIAL_CURSOR);
  });
});

describe.each(STORE_KINDS)('download page sizes ($name)', (kind) => {
  it('keep the first page at pageSize and grow later pages on a fast link, up to maxPageSize', async () => {
    const server = new FakeServer();
    seedPatients(server, 60);
    const store = await kind.open(uniqueName());
    const api = apiOf(server);
    // Every page arrives 10 ms after it was asked for: 5 rows in 10 ms → 2,500 rows per 5 s.
    let time = 0;
    const now = () => (time += 5);
    const result = await pullChanges({ store, api, pageSize: 5, maxPageSize: 20, now });
    const limits = server.log
      .filter((l) => l.path.startsWith('/api/sync/download/'))
      .map((l) => Number(new URLSearchParams(l.path.split('?')[1]).get('limit')));
    expect(limits[0]).toBe(5);
    expect(limits.slice(1).every((limit) => limit === 20)).toBe(true);
    expect(result.pulled).toBe(60);
    expect(limits.length).toBeLessThan(60 / 5);
  });

  it('stay at pageSize when pages come slowly', () => {
    expect(nextPageSize(500, 60_000, { min: 500, max: 2000 })).toBe(500);
    expect(nextPageSize(500, 2_500, { min: 500, max: 2000 })).toBe(1000);
    expect(nextPageSize(500, 0, { min: 500, max: 2000 })).toBe(2000);
    expect(nextPageSize(500, 10, { min: 500, max: 500 })).toBe(500);
  });
});

describe.each(STORE_KINDS)('refused batches and server conflicts ($name)', (kind) => {
  it('parks a batch refused as a whole (400) without looping, and retries it on request', async () => {
    const server = new FakeServer();
    server.seed('Patient', { name: 'Pulled anyway' });
    const { client } = await harness(await kind.open(uniqueName()), server);
    await client.patients.create({ name: 'Parked' });
    server.fault = ({ path }) =>
      path === '/api/sync/upload/'
        ? { status: 400, body: { error_code: 'VALIDATION_ERROR', detail: 'bad batch', errors: {} } }
        : undefined;
    const status = await client.syncNow();
    expect(status).toMatchObject({
      pendingCount: 1,
      failedCount: 1,
      safeToWipe: false,
      nextRetryAt: null,
    });
    expect(status.lastError).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(await client.patients.search('pulled')).toHaveLength(1);
    expect(server.log.filter((l) => l.path === '/api/sync/upload/')).toHaveLength(1);
    server.fault = null;
    expect(await client.retryFailed()).toBe(1);
    expect(await client.syncNow()).toMatchObject({
      pendingCount: 0,
      failedCount: 0,
      lastError: null,
    });
  });

  it('imports the open conflicts the server keeps for this user', async () => {
    const server = new FakeServer();
    const id = server.seed('Patient', { name: 'Shared' });
    const other = await harness(await kind.open(uniqueName()), server);
    await other.client.syncNow();
    server.edit(id, { name: 'Changed first' });
    await other.client.patients.update(id, { name: 'Changed second' });
    await other.client.syncNow();
    const fresh = await harness(await kind.open(uniqueName()), server);
    await fresh.client.syncNow();
    expect(await fresh.client.importServerConflicts()).toBe(1);
    expect(await fresh.client.listConflicts('open')).toMatchObject([
      { rowId: id, mine: { name: 'Changed second' }, serverVersion: 2 },
    ]);
  });
});

describe('download pages', () => {
  const pageWith = (data: unknown) => ({
    changes: [
      {
        server_id: USER,
        resource_type: 'Patient',
        data,
        server_version: 1,
        updated_at: INITIAL_CURSOR,
        deleted: false,
      },
    ],
    server_time: INITIAL_CURSOR,
    has_more: false,
    next_cursor: INITIAL_CURSOR,
  });

  it('are refused when a row is not an object; row contents are left to the entity contracts', async () => {
    const server = new FakeServer();
    server.fault = () => ({ status: 200, body: pageWith('not a row') });
    await expect(apiOf(server).download(INITIAL_CURSOR, 10, null)).rejects.toThrow(
      /does not match the contract/,
    );
    // A row that breaks its entity's contract still arrives whole: applyPage keeps and reports it.
    server.fault = () => ({ status: 200, body: pageWith({ id: USER, name: 5 }) });
    const answer = await apiOf(server).download(INITIAL_CURSOR, 10, null);
    expect(answer.notModified ? null : answer.page.changes[0]!.data).toEqual({ id: USER, name: 5 });
  });
});
