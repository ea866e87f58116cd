import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { PgliteDatabase, PostgresDatabase } from '../db/open-database';

/** What the app needs of an open database; the process (server.ts or a test) owns opening and closing it. */
export type AppDatabase =
  | Pick<PgliteDatabase, 'prisma' | 'kind' | 'pglite'>
  | Pick<PostgresDatabase, 'prisma' | 'kind' | 'pool'>;

declare module 'fastify' {
  interface FastifyInstance {
    db: AppDatabase;
  }
}

export default fp(
  async function databasePlugin(app: FastifyInstance, options: { database: AppDatabase }) {
    app.decorate<AppDatabase>('db', options.database);
  },
  { name: 'database' },
);
