import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from './crash/api-process';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the real server (src/server.ts) with this environment until it exits; its stderr. */
async function stderrOfServer(env: Record<string, string>): Promise<string> {
  // eslint-disable-next-line no-restricted-properties -- a test spawning the server sets its env
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: { PATH, HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  return stderr;
}

/**
 * Issue 13, item 8: a server given DATABASE_URL without NODE_ENV is a deployment running with
 * development defaults; it says so on stderr before anything else. The database here refuses
 * connections (nothing listens on the port), so the process exits right after starting.
 */
describe('starting the API', () => {
  it('warns loudly when DATABASE_URL is set and NODE_ENV is not', async () => {
    const databaseUrl = `postgresql://healthsync@127.0.0.1:${await freePort()}/healthsync`;
    const warned = await stderrOfServer({ DATABASE_URL: databaseUrl });
    expect(warned).toMatch(/\*\*\* WARNING: NODE_ENV is not set but DATABASE_URL is/);
    expect(warned.indexOf('WARNING')).toBeLessThan(warned.search(/Can't reach database server/));

    const quiet = await stderrOfServer({ DATABASE_URL: databaseUrl, NODE_ENV: 'development' });
    expect(quiet).not.toContain('WARNING');
    expect(quiet).toMatch(/Can't reach database server/);
  }, 120_000);
});
