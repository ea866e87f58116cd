// The real API as a child process (src/server.ts, as `pnpm dev` runs it), for tests that kill it.
// Every process started here is tracked; `stopAllApis()` (afterAll/afterEach) kills what is left.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_JWT_SECRET } from '../test/test-app';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT_KEPT = 20_000;

export { freePort } from '../test/free-port';

export type ApiProcessOptions = {
  port: number;
  /** PGlite: the DATA_DIR (kept across restarts). */
  dataDir?: string;
  /** PostgreSQL: DATABASE_URL (migrated on start). */
  databaseUrl?: string;
  /** Seed the demo accounts (DEMO=1). */
  demo?: boolean;
};

export type ApiProcess = {
  readonly url: string;
  readonly pid: number;
  /** stdout + stderr so far (the last 20 kB), for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process has exited. */
  readonly exited: Promise<string>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<string>;
};

const running = new Set<ChildProcess>();

/** Starts `node --import tsx src/server.ts` and resolves once /readyz answers 200. */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  // The child's environment is this process's (PATH, …) plus its configuration.
  // eslint-disable-next-line no-restricted-properties -- a test spawning the server sets its env
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    LOG_LEVEL: 'warn',
    JWT_SECRET: TEST_JWT_SECRET,
    DEMO: options.demo ? '1' : '0',
    TOMBSTONE_RETENTION_DAYS: '0',
    ...(options.dataDir && { DATA_DIR: options.dataDir }),
    ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl, MIGRATE_ON_START: '1' }),
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(signal ?? `exit code ${code}`);
    });
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;

  const url = `http://127.0.0.1:${options.port}`;
  const api: ApiProcess = {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };

  let gone: string | undefined;
  void exited.then((how) => (gone = how));
  for (;;) {
    if (gone !== undefined)
      throw new Error(`The API exited (${gone}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await pause(100);
  }
  return api;
}

/** Kills every API process still running (SIGKILL) and waits for them to exit. */
export async function stopAllApis(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** A knob of these tests (e.g. CRASH_SEED), read from the environment. */
export function crashSetting(name: 'CRASH_ROUNDS' | 'CRASH_SEED'): string | undefined {
  // eslint-disable-next-line no-restricted-properties -- test knobs, not app configuration
  return process.env[name];
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
