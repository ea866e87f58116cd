// `pnpm dev` (the API's dev script, as turbo runs it) seeds the demo accounts so a fresh clone can
// sign in; DEMO=0 turns that off, and production refuses it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pause } from './crash/api-process';
import { freePort } from './test/free-port';
import { embeddedDatabaseDir, openDatabase } from './db/open-database';
import { pgliteTemplateDump, testDatabaseKind } from './test/test-database';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

type DevServer = { url: string; output: () => string; exited: Promise<number | null> };
const running: (() => void)[] = [];

/** Runs `pnpm dev`'s API script on a migrated data directory of its own. */
async function startDev(dataDir: string, env: Record<string, string>): Promise<DevServer> {
  const port = await freePort();
  // eslint-disable-next-line no-restricted-properties -- a test spawning the server sets its env
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DEMO', 'NODE_ENV', 'JWT_SECRET']) delete childEnv[name];
  Object.assign(childEnv, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }, env);
  const child = spawn(process.execPath, ['scripts/dev.mjs'], {
    cwd: apiDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: tsx watch and the server stop with it
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  running.push(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return { url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Waits until the dev server answers /readyz, or fails with its output if it exits first. */
async function ready(server: DevServer): Promise<void> {
  let gone = false;
  void server.exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`pnpm dev exited:\n${server.output()}`);
    const status = await fetch(`${server.url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await pause(200);
  }
}

const signIn = (server: DevServer, username: string, password: string) =>
  fetch(`${server.url}/api/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then(
    (r) => r.status,
    () => 0, // nothing listens
  );

async function migratedDataDir(root: string, name: string): Promise<string> {
  const dataDir = path.join(root, name);
  const database = await openDatabase({
    dataDir: embeddedDatabaseDir(dataDir),
    loadDump: await pgliteTemplateDump(),
  });
  await database.close();
  return dataDir;
}

// `pnpm dev` runs on the embedded database.
describe.runIf(testDatabaseKind === 'pglite')('pnpm dev', { timeout: 180_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'healthsync-dev-'));
  });
  afterAll(async () => {
    for (const stop of running) stop();
    await rm(root, { recursive: true, force: true });
  });

  it('seeds the demo accounts by default, so a fresh clone signs in', async () => {
    const server = await startDev(await migratedDataDir(root, 'default'), {});
    await ready(server);
    expect(await signIn(server, 'admin', 'admin-demo')).toBe(200);
    expect(await signIn(server, 'worker', 'worker-demo')).toBe(200);
  });

  it('seeds nothing with DEMO=0', async () => {
    const server = await startDev(await migratedDataDir(root, 'off'), { DEMO: '0' });
    await ready(server);
    expect(await signIn(server, 'admin', 'admin-demo')).toBe(401);
  });

  it('refuses to start in production rather than create demo accounts', async () => {
    const server = await startDev(await migratedDataDir(root, 'production'), {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    });
    // tsx watch keeps running after the server exits: wait for the refusal, not for the exit.
    while (!server.output().includes('DEMO=1 is refused when NODE_ENV=production')) {
      const exited = await Promise.race([server.exited.then(() => true), pause(200)]);
      if (exited) break;
    }
    expect(server.output()).toContain('DEMO=1 is refused when NODE_ENV=production');
    expect(await signIn(server, 'admin', 'admin-demo')).toBe(0);
  });
});
