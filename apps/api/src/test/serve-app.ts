// The real API listening on a local port, on a given database (for tests that talk HTTP to it).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import type { Database } from '../db/open-database';
import { loadEnv } from '../env';
import { TEST_JWT_SECRET } from './test-app';

export type ServedApp = { url: string; app: FastifyInstance; close(): Promise<void> };

export async function serveApp(database: Database): Promise<ServedApp> {
  const config = loadEnv({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    TOMBSTONE_RETENTION_DAYS: '0',
  });
  const app = await buildApp({ config, database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
}
