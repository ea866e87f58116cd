// Child processes (our API, the raw reference, the peers' servers) on free 127.0.0.1 ports.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts a process and waits until `ready()` resolves true (polled), or fails after timeoutMs. */
export async function startProcess(
  name,
  cmd,
  args,
  { env = {}, cwd = ROOT, ready, timeoutMs = 120_000 } = {},
) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let log = '';
  const keep = (d) => {
    log = (log + d.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log}`);
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    log: () => log,
    async stop() {
      // A child ended by a signal has exitCode null and signalCode set: waiting for 'exit' again
      // would never settle (and Node ends the run with code 13).
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      children.delete(child);
    },
  };
}

/**
 * Runs a process to its end (W5's namespaced client) and resolves with its stdout; killed after
 * timeoutMs, and at exit like the servers.
 */
export function runToEnd(name, cmd, args, { env = {}, cwd = BENCH_DIR, timeoutMs = 600_000 } = {}) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err = (err + d).slice(-8000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${name} ended with ${code ?? signal}:\n${err}`));
    });
  });
}

export const httpOk = (url) => async () => (await fetch(url)).status < 500;

/** Our API (apps/api/dist/server.js) on PostgreSQL. */
export async function startApi({ databaseUrl, port }) {
  const env = {
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: '1',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
    DEMO: '1',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'development',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    // W7 signs in up to 64 users from one address at once; the sign-in limiter counts each
    // attempt in flight as a failure until it succeeds (its own tests cover it), so at the
    // default of 30 a burst of correct sign-ins was refused with 429.
    LOGIN_ADDRESS_FAILURES_PER_HOUR: '100000',
  };
  // BENCH_PROFILE_DIR: write the API's CPU profile there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  return startProcess('api', process.execPath, [...profile, 'apps/api/dist/server.js'], {
    env,
    ready: httpOk(`http://127.0.0.1:${port}/healthz`),
  });
}

export async function signIn(base, username = 'worker', password = `${username}-demo`) {
  const r = await fetch(`${base}/api/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`sign-in ${username}: ${r.status} ${await r.text()}`);
  return r.json();
}
