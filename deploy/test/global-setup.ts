// Once per run, before the test processes start: a self-signed certificate for nginx (made by
// deploy/bin/self-signed-cert, as a deployer would), which the test processes trust
// (NODE_EXTRA_CA_CERTS is read at process start, so it is set here).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const deployDir = fileURLToPath(new URL('..', import.meta.url));

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'healthsync-tls-'));
  const cert = execFileSync(
    path.join(deployDir, 'bin', 'self-signed-cert'),
    [dir, 'localhost', '127.0.0.1'],
    { encoding: 'utf8' },
  ).trim();
  process.env.NODE_EXTRA_CA_CERTS = cert;
  process.env.HEALTHSYNC_SMOKE_TLS_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
