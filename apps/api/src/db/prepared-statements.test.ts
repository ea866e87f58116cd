import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../test/test-database';
import { prepared, preparedStatementName } from './prepared-statements';

describe('prepared statements', () => {
  it('are named for marked queries only, the same name for the same text', () => {
    const name = preparedStatementName({ sql: prepared('SELECT $1::int') });
    expect(name).toMatch(/^hs_/);
    expect(preparedStatementName({ sql: prepared('SELECT $1::int') })).toBe(name);
    expect(preparedStatementName({ sql: prepared('SELECT $1::text') })).not.toBe(name);
    expect(preparedStatementName({ sql: 'SELECT $1::int' })).toBeUndefined();
  });

  describe.runIf(testDatabaseKind === 'postgres')('on PostgreSQL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.close());

    it('are kept by the connection, and answer as before', async () => {
      const { prisma } = database;
      const kept = await prisma.$transaction(async (tx) => {
        for (const n of [1, 2, 3])
          expect(await tx.$queryRawUnsafe(prepared('SELECT $1::int AS n'), n)).toEqual([{ n }]);
        await tx.$queryRawUnsafe('SELECT $1::int AS unmarked', 4);
        return tx.$queryRawUnsafe<{ name: string; statement: string }[]>(
          'SELECT name, statement FROM pg_prepared_statements',
        );
      });
      expect(kept).toEqual([
        {
          name: preparedStatementName({ sql: prepared('SELECT $1::int AS n') }),
          statement: prepared('SELECT $1::int AS n'),
        },
      ]);
    });
  });
});
