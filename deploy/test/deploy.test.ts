// The reference deployment (deploy/): nginx on TLS in front of three API instances on PostgreSQL
// and the PWA's server. A smoke journey through nginx, then a rolling upgrade with a migration
// while a phone keeps syncing through it.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, newPhone, signInOver } from '../../apps/api/src/test/phone';
import { ADMIN, bringUp, repoDir, type Deployment } from './deployment';

const adminUrl = process.env.TEST_DATABASE_URL;
const run = promisify(execFile);

/** Applies a migrations folder to the deployment's database, as `pnpm db:migrate` does. */
async function migrateWith(databaseUrl: string, migrationsDir: string): Promise<void> {
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { applyMigrations } = await import('./src/db/migrate.ts');
       await applyMigrations({ databaseUrl: process.env.TARGET }, { migrationsDir: process.env.DIR });`,
    ],
    {
      cwd: path.join(repoDir, 'apps', 'api'),
      env: { ...process.env, TARGET: databaseUrl, DIR: migrationsDir },
    },
  );
}

const WORKER = { username: 'asha', password: 'a-long-worker-password' };

/**
 * fetch as a browser does it: a request whose kept-alive connection the server had just closed
 * (nginx closes idle connections when it reloads; HTTP lets a server close an idle connection at
 * any time) fails before any answer, and browsers send it again once on a new connection.
 */
let resent = 0;
async function browserFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (!cause?.code || !['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(cause.code))
      throw error;
    resent++;
    return fetch(url, init);
  }
}

describe.runIf(adminUrl)('the reference deployment', () => {
  let deployment: Deployment;
  let adminToken: string;

  beforeAll(async () => {
    deployment = await bringUp(adminUrl!);
  });
  afterAll(() => deployment?.stop());

  it('serves the PWA shell through nginx on TLS, with the PWA server’s own headers', async () => {
    const direct = await fetch(`http://127.0.0.1:${deployment.webPort}/`);
    const proxied = await fetch(`${deployment.url}/`);
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await proxied.text()).toMatch(/<html[^>]*>/);
    for (const header of [
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cache-control',
    ])
      expect(proxied.headers.get(header), header).toBe(direct.headers.get(header));
    const worker = await fetch(`${deployment.url}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);

    const plain = await fetch(`${deployment.httpUrl}/patients`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe(`${deployment.url}/patients`);
  });

  it('signs in the administrator made by pnpm user:create, who adds a health worker', async () => {
    adminToken = (await signInOver(deployment.url, ADMIN.username, ADMIN.password)).access;
    const [facility] = (await (
      await fetch(`${deployment.url}/api/admin/facilities/`, {
        headers: { authorization: `Bearer ${adminToken}` },
      })
    ).json()) as { id: string; name: string }[];
    expect(facility?.name).toBe('District Hospital');
    await callApi(deployment.url, adminToken, 'POST', '/api/admin/users/', {
      ...WORKER,
      role: 'health_worker',
      facility_id: facility!.id,
    });
    // Production refuses the demo accounts.
    await expect(signInOver(deployment.url, 'admin', 'admin-demo')).rejects.toThrow(/401/);
  });

  it('uploads from one phone and pulls to another through nginx', async () => {
    const first = await newPhone(deployment.url, WORKER.username, WORKER.password);
    const second = await newPhone(deployment.url, WORKER.username, WORKER.password);
    try {
      const created = await first.client.patients.create({
        name: 'Ramesh Patil',
        gender: 'M',
        dob: '1980-05-15',
      });
      await first.sync();
      await second.sync();
      expect(await second.ids('patients')).toEqual([created.id]);
      expect([...first.requests, ...second.requests].filter((r) => r.status >= 400)).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('delivers the event stream across instances: changes written through each one arrive', async () => {
    const token = (await signInOver(deployment.url, WORKER.username, WORKER.password)).access;
    const controller = new AbortController();
    const stream = await fetch(`${deployment.url}/api/sync/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    const next = async (marker: string) => {
      while (!buffered.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before "${marker}"`);
        buffered += value;
      }
      buffered = buffered.slice(buffered.indexOf(marker) + marker.length);
    };
    await next(': connected');
    // The stream is held by one instance; each write goes to another one directly.
    for (const port of deployment.apiPorts) {
      await callApi(`http://127.0.0.1:${port}`, token, 'POST', '/api/patients/', {
        name: `Written via ${port}`,
        gender: 'F',
      });
      await next('event: change');
    }
    controller.abort();
  });

  it('rolls a migration and the instances one by one while a phone syncs: no failed request', async () => {
    const phone = await newPhone(deployment.url, WORKER.username, WORKER.password, browserFetch);
    // Expand, then contract, as two releases would: a nullable column and a table appear while
    // the old instances run, and the column goes once no instance uses it (docs/UPGRADES.md).
    const release = await mkdtemp(path.join(tmpdir(), 'healthsync-release-'));
    await cp(path.join(repoDir, 'apps', 'api', 'prisma', 'migrations'), release, {
      recursive: true,
    });
    const addMigration = async (name: string, sql: string) => {
      await mkdir(path.join(release, name));
      await writeFile(path.join(release, name, 'migration.sql'), sql);
    };

    let syncing = true;
    let rounds = 0;
    let loadFailed = false;
    const load = (async () => {
      const [first] = await Promise.all([
        phone.client.patients.create({ name: 'Rolling One', gender: 'F' }),
        phone.client.patients.create({ name: 'Rolling Two', gender: 'M' }),
      ]);
      await phone.sync();
      while (syncing) {
        // Edits of several rows in one batch take the bulk path; a create takes the single one.
        for (const row of await phone.client.patients.list())
          await phone.client.patients.update(row.id, { address: `Round ${rounds}` });
        await phone.client.patients.create({ name: `Round ${rounds}`, gender: 'F' });
        await phone.sync();
        rounds++;
      }
      return first;
    })().catch((error: unknown) => {
      loadFailed = true;
      throw error;
    });

    try {
      await addMigration(
        '29990101000000_rollout_expand',
        `ALTER TABLE patient ADD COLUMN preferred_language text;
         CREATE TABLE visit_note (id uuid PRIMARY KEY, patient_id uuid NOT NULL REFERENCES patient(id), note text NOT NULL);`,
      );
      await migrateWith(deployment.databaseUrl, release);
      await deployment.script('rolling-upgrade', deployment.apiPorts.map(String), {
        HEALTHSYNC_RELOAD: `kill -HUP $(cat ${path.join(deployment.root, 'nginx', 'nginx.pid')})`,
        HEALTHSYNC_RESTART: `${path.join(repoDir, 'deploy', 'bin', 'healthsync-instances')} restart api $PORT`,
      });
      await addMigration(
        '29990102000000_rollout_contract',
        `ALTER TABLE patient DROP COLUMN preferred_language; DROP TABLE visit_note;`,
      );
      await migrateWith(deployment.databaseUrl, release);
      const roundsAtEnd = rounds;
      while (rounds < roundsAtEnd + 2 && !loadFailed)
        await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      syncing = false;
      await load;
      await rm(release, { recursive: true, force: true });
    }

    console.log(`${rounds} sync rounds during the rollout; ${resent} requests sent again`);
    expect(rounds).toBeGreaterThan(3);
    const failed = phone.requests.filter((r) => r.status === 0 || r.status >= 500);
    expect(failed).toEqual([]);
    expect(phone.client.status.getSnapshot().pendingCount).toBe(0);
    const client = new pg.Client({ connectionString: deployment.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM patient WHERE name LIKE 'Round %'`,
      );
      expect(rows[0]!.n).toBe(rounds);
    } finally {
      await client.end();
    }
    await phone.close();
  });
});
