import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openDatabase, type Database } from '../../db/open-database';
import { loadEnv } from '../../env';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../test/test-app';
import { testDatabaseKind } from '../../test/test-database';

/** On PostgreSQL, instances count sign-in attempts together (DESIGN §2: nothing per process). */
describe.runIf(testDatabaseKind === 'postgres')('sign-in rate limit across instances', () => {
  let t: TestApp;
  let second: Database;
  let other: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp({ loginRateLimitPerMinute: 3 });
    second = await openDatabase({
      databaseUrl: (t.database.migrationTarget as { databaseUrl: string }).databaseUrl,
    });
    const config = {
      ...loadEnv({
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'silent',
        TOMBSTONE_RETENTION_DAYS: '0',
      }),
      loginRateLimitPerMinute: 3,
    };
    other = await buildApp({ config, database: second });
  });
  afterAll(async () => {
    await other.close();
    await second.close();
    await t.close();
  });

  it('refuses the fourth attempt whichever instance the first three reached', async () => {
    const attempt = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/token/',
        payload: { username: 'doctor', password: 'guess' },
      });
    const codes = [
      await attempt(t.app),
      await attempt(other),
      await attempt(t.app),
      await attempt(other),
    ].map((r) => r.statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});
