import type { PGlite } from '@electric-sql/pglite';
import { chmod, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import path from 'node:path';
import { dumpPglite } from './dump-pglite';

/**
 * Online backups of the embedded database. The running server holds the data directory (a second
 * process must not open it), so `pnpm db:backup` asks the server for a dump over a Unix socket in
 * DATA_DIR: only the server's own operating-system account (or root) can connect, the same people
 * who could read the directory. No network port, no token.
 */
export const backupSocketPath = (dataDir: string) =>
  path.join(path.resolve(dataDir), 'backup.sock');

/** Unix socket paths are limited to about 107 bytes. */
const MAX_SOCKET_PATH = 100;

export type BackupSocket = { close(): Promise<void> };

/** Serves `POST /backup` (the dump, application/gzip) on the socket; null if the path is too long. */
export async function listenForBackups(
  pglite: PGlite,
  socketPath: string,
  log: { warn(message: string): void; error(error: unknown, message: string): void },
): Promise<BackupSocket | null> {
  if (socketPath.length > MAX_SOCKET_PATH) {
    log.warn(
      `Online backups are off: ${socketPath} is too long for a Unix socket. Stop the server to back up, or use a shorter DATA_DIR.`,
    );
    return null;
  }
  // The data directory's lock is ours: a socket file left there is from a server that died.
  await rm(socketPath, { force: true });
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404).end();
      return;
    }
    dumpPglite(pglite)
      .then(async (dump) => {
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': dump.size });
        res.end(Buffer.from(await dump.arrayBuffer()));
      })
      .catch((error: unknown) => {
        log.error(error, 'online backup failed');
        res.writeHead(500).end('The backup failed; see the server log.');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  await chmod(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/**
 * Asks the server running on this data directory for a dump. Resolves with null when no server
 * answers on the socket (none runs, or it has no socket): then open the directory directly.
 */
export function requestBackup(socketPath: string): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/backup', method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`The server refused the backup (${res.statusCode}): ${body}`));
      });
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
    req.end();
  });
}
