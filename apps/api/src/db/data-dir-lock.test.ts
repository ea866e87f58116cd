import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteTemplateDump, testDatabaseKind } from '../test/test-database';
import { LOCK_FILE_NAME } from './data-dir-lock';
import { DataDirectoryLockedError, openDatabase } from './open-database';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

function openInChildProcess(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    path.join(apiDir, 'node_modules', '.bin', 'tsx'),
    ['src/test/open-data-dir.ts', dataDir],
    {
      cwd: apiDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (!pid) throw new Error('could not spawn a process');
  return pid;
}

// The lock is about PGlite's data directory, whichever database the project tests.
describe.runIf(testDatabaseKind === 'pglite')('PGlite data directory lock', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'healthsync-lock-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('refuses a second process while the directory is open, with a clear message', async () => {
    const dataDir = path.join(root, 'held', 'pglite');
    const database = await openDatabase({ dataDir, loadDump: await pgliteTemplateDump() });
    try {
      const child = await openInChildProcess(dataDir);
      expect(child.code).toBe(3);
      expect(child.stderr).toContain(
        `Data directory ${dataDir} is in use by another HealthSync process (pid ${process.pid}). ` +
          'Two processes on one PGlite directory corrupt it; stop the other one or set DATA_DIR.',
      );
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);
    } finally {
      await database.close();
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('takes over a lock left by a dead process and releases it on close', async () => {
    const dataDir = path.join(root, 'stale');
    await mkdir(dataDir, { recursive: true });
    const lockFile = path.join(dataDir, LOCK_FILE_NAME);
    await writeFile(lockFile, `${deadPid()}\n`);

    const database = await openDatabase({ dataDir, loadDump: await pgliteTemplateDump() });
    try {
      expect((await readFile(lockFile, 'utf8')).trim()).toBe(String(process.pid));
      const [row] = await database.query<{ partition: string }>(
        'SELECT "partition" FROM sync_clock',
      );
      expect(row?.partition).toBe('');
    } finally {
      await database.close();
    }
    expect(existsSync(lockFile)).toBe(false);
  });
});
