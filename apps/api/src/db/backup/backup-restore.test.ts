// `pnpm db:backup` while the real server (src/server.ts) takes writes, `pnpm db:restore`, and the
// devices afterwards: one that synced after the backup holds a cursor beyond the restored clock and
// must be told to download everything again (410), keeping and then uploading its unsent change;
// a new device's paged first sync over the restored rows must not be refused.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApi, stopAllApis, type ApiProcess } from '../../crash/api-process';
import { freePort } from '../../test/free-port';
import { newPhone, signInOver } from '../../test/phone';
import { runCli } from '../../test/run-cli';
import {
  createTestDatabase,
  pgliteTemplateDump,
  testDatabaseKind,
  type TestDatabase,
} from '../../test/test-database';
import { embeddedDatabaseDir, openDatabase } from '../open-database';

type Deployment = {
  /** The database settings of the server and the commands. */
  env: Record<string, string>;
  start(): Promise<ApiProcess>;
};

const databases: TestDatabase[] = [];

async function deployment(root: string, name: string, migrated = true): Promise<Deployment> {
  if (testDatabaseKind === 'postgres') {
    const database = await createTestDatabase({ migrated });
    databases.push(database);
    const databaseUrl = (database.migrationTarget as { databaseUrl: string }).databaseUrl;
    return {
      env: { DATABASE_URL: databaseUrl },
      start: async () => startApi({ port: await freePort(), databaseUrl, demo: true }),
    };
  }
  const dataDir = path.join(root, name);
  if (migrated) {
    const seeded = await openDatabase({
      dataDir: embeddedDatabaseDir(dataDir),
      loadDump: await pgliteTemplateDump(),
    });
    await seeded.close();
  }
  return {
    env: { DATA_DIR: dataDir },
    start: async () => startApi({ port: await freePort(), dataDir, demo: true }),
  };
}

/** Uploads two new patients in one batch: a consistent backup holds both or neither. */
async function uploadPair(url: string, token: string, n: number): Promise<void> {
  const change = (side: string) => ({
    operation: 'create',
    resource_type: 'Patient',
    payload: { id: randomUUID(), name: `Load ${n} ${side}`, gender: 'M', dob: '1980-01-01' },
  });
  const response = await fetch(`${url}/api/sync/upload/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      device_id: 'load-writer',
      batch_id: randomUUID(),
      changes: [change('a'), change('b')],
    }),
  });
  if (response.status !== 200)
    throw new Error(`upload ${n}: ${response.status} ${await response.text()}`);
}

/** Every patient name the admin downloads from the server. */
async function patientNames(url: string): Promise<string[]> {
  const token = (await signInOver(url, 'admin', 'admin-demo')).access;
  const names: string[] = [];
  let since = '1970-01-01T00:00:00Z';
  for (;;) {
    const response = await fetch(
      `${url}/api/sync/download/?since=${encodeURIComponent(since)}&limit=1000`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const page = (await response.json()) as {
      changes: { resource_type: string; deleted: boolean; data: { name?: string } }[];
      has_more: boolean;
      next_cursor: string;
    };
    for (const change of page.changes)
      if (change.resource_type === 'Patient' && !change.deleted) names.push(change.data.name!);
    if (!page.has_more) return names;
    since = page.next_cursor;
  }
}

describe('pnpm db:backup and db:restore', { timeout: 600_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'healthsync-backup-'));
  });
  afterEach(() => stopAllApis());
  afterAll(async () => {
    for (const database of databases) await database.close();
    await rm(root, { recursive: true, force: true });
  });

  it('backs up a running server under writes; devices carry on against the restored one', async () => {
    const original = await deployment(root, 'original');
    let api = await original.start();

    const phone = await newPhone(api.url, 'worker');
    await phone.sync();
    await phone.client.patients.create({ name: 'Before Backup', gender: 'F', dob: '1991-02-03' });
    await phone.sync();

    // Enough rows for a paged first sync later; then writes keep coming while the backup is
    // taken, and none may fail.
    const writer = (await signInOver(api.url, 'doctor', 'doctor-demo')).access;
    let written = 0;
    while (written < 30) await uploadPair(api.url, writer, written++);
    let writing = true;
    const writes = (async () => {
      while (writing) await uploadPair(api.url, writer, written++);
    })();
    const file = path.join(root, 'clinic-backup');
    const backup = await runCli('src/db/cli/backup.ts', ['--out', file], { env: original.env });
    writing = false;
    await writes;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(
      testDatabaseKind === 'pglite' ? 'Taken by the running server.' : 'pg_dump',
    );

    // After the backup: an upload the restore will lose, a pull past the backup, an unsent edit.
    await phone.client.patients.create({ name: 'After Backup', gender: 'F', dob: '1992-03-04' });
    await phone.sync();
    await api.kill();
    const unsent = await phone.client.patients.create({
      name: 'Unsent',
      gender: 'M',
      dob: '1993-04-05',
    });

    const restored =
      testDatabaseKind === 'pglite' ? original : await deployment(root, 'restored', false);
    const restore = await runCli('src/db/cli/restore.ts', ['--from', file], { env: restored.env });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('New sync epoch');
    api = await restored.start();

    // A consistent snapshot: every batch whole, and what was there before the backup is there.
    const names = await patientNames(api.url);
    const load = names.filter((name) => name.startsWith('Load '));
    for (let n = 0; n < written; n++)
      expect(load.includes(`Load ${n} a`), `batch ${n}`).toBe(load.includes(`Load ${n} b`));
    expect(names).toContain('Before Backup');
    expect(names).not.toContain('After Backup');

    // The phone's cursor is from before the restore: 410, a full download, its unsent edit kept.
    await phone.reopen(api.url);
    const seen = phone.requests.length;
    await phone.sync();
    expect(phone.requests.slice(seen).some((r) => r.status === 410)).toBe(true);
    expect(phone.client.status.getSnapshot().pendingCount).toBe(0);
    expect(await patientNames(api.url)).toContain('Unsent');
    const fresh = await newPhone(api.url, 'worker'); // pages of 50: a paged first sync
    await fresh.sync();
    expect(fresh.requests.filter((r) => r.status === 410)).toEqual([]);
    expect(
      fresh.requests.filter((r) => r.path.startsWith('/api/sync/download')).length,
    ).toBeGreaterThan(1);
    for (const table of ['patients', 'appointments', 'records'] as const)
      expect(await phone.ids(table), table).toEqual(await fresh.ids(table));
    expect(await phone.ids('patients')).toContain(unsent.id);

    // The restore is in the audit log.
    const admin = (await signInOver(api.url, 'admin', 'admin-demo')).access;
    const audit = (await (
      await fetch(`${api.url}/api/admin/audit/?entity_type=Database`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { action: string; request_id: string }[] | { results: { action: string }[] };
    const entries = Array.isArray(audit) ? audit : audit.results;
    expect(entries.map((e) => e.action)).toContain('restore');
    await phone.close();
    await fresh.close();
  });
});
